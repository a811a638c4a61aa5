import math

import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        if d_model % n_heads != 0:
            raise ValueError("d_model must be divisible by n_heads")
        self.n_heads = n_heads
        self.head_dim = d_model // n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def load_weights(self, weights):
        self.load_state_dict(weights)

    def forward(self, x, causal=False):
        B, T, D = x.shape
        # Reinterprets memory as (B, H, T, Dh) instead of splitting the features per token.
        q = self.q_proj(x).view(B, self.n_heads, T, self.head_dim)
        k = self.k_proj(x).view(B, self.n_heads, T, self.head_dim)
        v = self.v_proj(x).view(B, self.n_heads, T, self.head_dim)
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)
        if causal:
            mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
            scores = scores.masked_fill(mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.out_proj(out.reshape(B, T, D))
