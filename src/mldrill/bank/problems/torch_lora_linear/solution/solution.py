import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update: W x + b + (alpha / r) B A x."""

    def __init__(self, weight, bias, rank: int, alpha: float, seed: int = 0):
        super().__init__()
        out_features, in_features = weight.shape
        self.base = nn.Linear(in_features, out_features, bias=bias is not None,
                              dtype=weight.dtype)  # fmt: skip
        with torch.no_grad():
            self.base.weight.copy_(weight)
            if bias is not None:
                self.base.bias.copy_(bias)
        self.base.requires_grad_(False)  # frozen: only the adapter trains
        # A is small and random, B is zero: B @ A = 0, so the layer starts as the base layer
        # while A still passes gradient to B.
        g = torch.Generator().manual_seed(seed)
        A = torch.randn(rank, in_features, generator=g, dtype=weight.dtype)
        self.lora_A = nn.Parameter(A / math.sqrt(in_features))
        self.lora_B = nn.Parameter(torch.zeros(out_features, rank, dtype=weight.dtype))
        self.scaling = alpha / rank
        self.merged = False

    def load_adapter(self, A, B) -> None:
        """Set lora_A (rank, in_features) and lora_B (out_features, rank)."""
        with torch.no_grad():
            self.lora_A.copy_(A)
            self.lora_B.copy_(B)

    def forward(self, x):
        out = self.base(x)
        if not self.merged:
            # x A^T B^T: two thin matmuls, never the full (out, in) update.
            out = out + (x @ self.lora_A.T @ self.lora_B.T) * self.scaling
        return out

    def merge(self) -> None:
        """Fold the update into the base weight: W <- W + (alpha / r) B A."""
        if not self.merged:
            with torch.no_grad():
                self.base.weight += self.scaling * (self.lora_B @ self.lora_A)
            self.merged = True

    def unmerge(self) -> None:
        """Take the update back out of the base weight."""
        if self.merged:
            with torch.no_grad():
                self.base.weight -= self.scaling * (self.lora_B @ self.lora_A)
            self.merged = False


def lora_gradients(layer, x, grad_out):
    """Back-propagate grad_out through layer(x); {parameter name: its gradient or None}."""
    layer.zero_grad()
    layer(x).backward(grad_out)
    return {
        name: None if p.grad is None else p.grad.clone() for name, p in layer.named_parameters()
    }
