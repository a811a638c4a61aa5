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
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        mask = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
        outs = []
        # Correct, but one small attention per (batch element, head) in Python.
        for b in range(B):
            heads = []
            for h in range(self.n_heads):
                cols = slice(h * self.head_dim, (h + 1) * self.head_dim)
                s = q[b, :, cols] @ k[b, :, cols].T / math.sqrt(self.head_dim)
                if causal:
                    s = s.masked_fill(mask, float("-inf"))
                heads.append(torch.softmax(s, dim=-1) @ v[b, :, cols])
            outs.append(torch.cat(heads, dim=-1))
        return self.out_proj(torch.stack(outs))
