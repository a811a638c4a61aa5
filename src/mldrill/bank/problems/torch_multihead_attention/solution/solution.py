import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    """Multi-head self-attention: project, split into heads, attend, merge, project."""

    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
        self.d_model = d_model
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def load_weights(self, weights: dict[str, torch.Tensor]) -> None:
        """Copy "q_proj.weight", "q_proj.bias", ... "out_proj.bias" into the layers."""
        self.load_state_dict(weights)

    def _split_heads(self, t: torch.Tensor) -> torch.Tensor:
        # (B, T, D) -> (B, T, H, Dh) -> (B, H, T, Dh): each head sees its own Dh slice.
        B, T, _ = t.shape
        return t.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)

    def forward(self, x: torch.Tensor, causal: bool = False) -> torch.Tensor:
        B, T, D = x.shape
        q = self._split_heads(self.q_proj(x))
        k = self._split_heads(self.k_proj(x))
        v = self._split_heads(self.v_proj(x))
        # scores[b, h, i, j] = q_i . k_j / sqrt(Dh), scaled by the head size, not d_model.
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if causal:
            # Query i may see keys 0..i: everything above the diagonal becomes -inf.
            future = torch.triu(torch.ones(T, T, dtype=torch.bool, device=x.device), diagonal=1)
            scores = scores.masked_fill(future, float("-inf"))
        weights = torch.softmax(scores, dim=-1)  # over the keys
        heads = weights @ v  # (B, H, T, Dh)
        # Merge the heads back: (B, H, T, Dh) -> (B, T, H, Dh) -> (B, T, D).
        merged = heads.transpose(1, 2).reshape(B, T, D)
        return self.out_proj(merged)
