"""A one-block causal transformer language model."""

import math

import torch
from torch import nn


def causal_mask(T):
    """(T, T) bool, True where query position i must not attend to key position j > i."""
    return torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)


class TinyCausalLM(nn.Module):
    """Token + position embeddings, one pre-norm block (single-head attention, MLP), LM head."""

    def __init__(self, vocab_size, d_model, max_len):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(max_len, d_model)
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.mlp = nn.Sequential(
            nn.Linear(d_model, 4 * d_model), nn.GELU(), nn.Linear(4 * d_model, d_model)
        )
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size)

    def attention(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        scores = scores.masked_fill(causal_mask(x.shape[1]), float("-inf"))
        return self.proj(torch.softmax(scores, dim=-1) @ v)

    def forward(self, tokens):
        """tokens (batch, T) int64 -> next-token logits (batch, T, vocab_size)."""
        positions = torch.arange(tokens.shape[1])
        x = self.tok(tokens) + self.pos(positions)
        x = x + self.attention(self.ln1(x))
        x = x + self.mlp(self.ln2(x))
        return self.head(self.ln_f(x))


def build_model(vocab_size=16, d_model=32, max_len=12, seed=0):
    torch.manual_seed(seed)
    return TinyCausalLM(vocab_size, d_model, max_len)
