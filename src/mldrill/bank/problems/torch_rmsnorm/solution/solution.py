import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    """Root-mean-square normalisation over the last axis, with a learnable per-feature scale."""

    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))  # the learnable gain g, one per feature

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        # Compute in at least float32: in float16, x**2 overflows above ~256 and
        # underflows to 0 below ~1e-4. float64 input stays float64.
        compute_dtype = torch.promote_types(x.dtype, torch.float32)
        xc = x.to(compute_dtype)
        mean_sq = xc.pow(2).mean(dim=-1, keepdim=True)  # mean_i x_i^2 over the features
        # y = x / sqrt(mean(x^2) + eps) * g; eps inside the root keeps a zero row finite.
        y = xc * torch.rsqrt(mean_sq + self.eps) * self.weight.to(compute_dtype)
        return y.to(x.dtype)
