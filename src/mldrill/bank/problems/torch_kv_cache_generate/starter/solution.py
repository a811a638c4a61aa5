import math  # noqa: F401

import torch

Cache = list[tuple[torch.Tensor, torch.Tensor]]


def forward(
    weights: dict[str, torch.Tensor],
    tokens: torch.Tensor,
    n_heads: int,
    cache: Cache | None = None,
) -> tuple[torch.Tensor, Cache]:
    """Run the decoder on `tokens` (B, T), placed after the positions already in `cache`.

    Returns the logits (B, T, V) and the cache extended with the new keys and values: one
    (k, v) per layer, each (B, n_heads, positions so far, head_dim).
    """
    raise NotImplementedError("write forward")


def generate(
    weights: dict[str, torch.Tensor],
    prompt: torch.Tensor,
    max_new_tokens: int,
    n_heads: int,
) -> torch.Tensor:
    """Greedy decoding with the KV cache: returns (B, T0 + max_new_tokens) token ids."""
    raise NotImplementedError("write generate")
