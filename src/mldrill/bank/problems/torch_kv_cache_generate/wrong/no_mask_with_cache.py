import math

import torch

Cache = list[tuple[torch.Tensor, torch.Tensor]]


def _n_layers(weights: dict[str, torch.Tensor]) -> int:
    return sum(1 for name in weights if name.endswith(".wq"))


def _split_heads(t: torch.Tensor, n_heads: int) -> torch.Tensor:
    # (B, T, D) -> (B, H, T, Dh): head h holds features h*Dh .. (h+1)*Dh - 1.
    B, T, D = t.shape
    return t.view(B, T, n_heads, D // n_heads).transpose(1, 2)


def forward(
    weights: dict[str, torch.Tensor],
    tokens: torch.Tensor,
    n_heads: int,
    cache: Cache | None = None,
) -> tuple[torch.Tensor, Cache]:
    """Logits (B, T, V) for `tokens` (B, T) placed after the cached positions, and the cache
    extended with their keys and values."""
    B, T = tokens.shape
    past = 0 if cache is None else cache[0][0].shape[2]  # positions already in the cache
    positions = torch.arange(past, past + T)
    h = weights["tok_emb"][tokens] + weights["pos_emb"][positions]

    # New query t sits at position past + t and may see keys 0 .. past + t.
    key_pos = torch.arange(past + T)
    blocked = key_pos[None, :] > positions[:, None]  # (T, past + T)

    new_cache = []
    for i in range(_n_layers(weights)):
        w = {name: weights[f"layers.{i}.{name}"] for name in ("wq", "wk", "wv", "wo", "w1", "w2")}
        q = _split_heads(h @ w["wq"], n_heads)
        k = _split_heads(h @ w["wk"], n_heads)
        v = _split_heads(h @ w["wv"], n_heads)
        if cache is not None:
            k = torch.cat([cache[i][0], k], dim=2)  # (B, H, past + T, Dh)
            v = torch.cat([cache[i][1], v], dim=2)
        new_cache.append((k, v))

        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])  # (B, H, T, past + T)
        if cache is None:  # "with a cache there is only one new token, nothing to mask"
            scores = scores.masked_fill(blocked, float("-inf"))
        attn = torch.softmax(scores, dim=-1) @ v  # (B, H, T, Dh)
        h = h + attn.transpose(1, 2).reshape(B, T, -1) @ w["wo"]
        h = h + torch.relu(h @ w["w1"]) @ w["w2"]
    return h @ weights["lm_head"], new_cache


def generate(
    weights: dict[str, torch.Tensor],
    prompt: torch.Tensor,
    max_new_tokens: int,
    n_heads: int,
) -> torch.Tensor:
    """Greedy decoding: the prompt (B, T0) followed by max_new_tokens argmax tokens."""
    tokens = prompt
    logits, cache = forward(weights, prompt, n_heads)  # prefill: the whole prompt at once
    for _ in range(max_new_tokens):
        next_token = logits[:, -1].argmax(dim=-1, keepdim=True)  # (B, 1)
        tokens = torch.cat([tokens, next_token], dim=1)
        # Only the new token goes through the model; the past comes from the cache.
        logits, cache = forward(weights, next_token, n_heads, cache)
    return tokens
