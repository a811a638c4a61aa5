import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        xf = x.float()  # also turns float64 into float32
        mean_sq = xf.pow(2).mean(dim=-1, keepdim=True)
        y = xf * torch.rsqrt(mean_sq + self.eps) * self.weight.float()
        return y.to(x.dtype)
