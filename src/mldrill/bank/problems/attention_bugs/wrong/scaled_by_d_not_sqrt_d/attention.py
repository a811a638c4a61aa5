"""Scaled dot-product attention and causal multi-head self-attention."""

import numpy as np
from layers import softmax

# Added to blocked scores. Finite, so a fully blocked row cannot turn into nan.
NEG_INF = -1e9


def future_mask(T):
    """(T, T) bool array, True where query i must not attend to key j."""
    return np.triu(np.ones((T, T), dtype=bool), k=1)


def scaled_dot_product_attention(q, k, v, mask=None):
    """softmax(q k^T / sqrt(d_k)) v over the key axis.

    q: (..., T_q, d_k), k: (..., T_k, d_k), v: (..., T_k, d_v). ``mask`` is a bool array
    broadcastable to (..., T_q, T_k), True where attention is blocked.
    Returns (output of shape (..., T_q, d_v), weights of shape (..., T_q, T_k)).
    """
    scores = q @ np.swapaxes(k, -1, -2) / q.shape[-1]
    if mask is not None:
        scores = np.where(mask, NEG_INF, scores)
    weights = softmax(scores, axis=-1)
    return weights @ v, weights


def split_heads(x, n_heads):
    """(T, d_model) -> (n_heads, T, d_model // n_heads)."""
    T, d_model = x.shape
    if d_model % n_heads:
        raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
    return x.reshape(T, n_heads, d_model // n_heads).transpose(1, 0, 2)


def merge_heads(x):
    """(n_heads, T, d_head) -> (T, n_heads * d_head), the inverse of split_heads."""
    n_heads, T, d_head = x.shape
    return x.transpose(1, 0, 2).reshape(T, n_heads * d_head)


def multi_head_attention(x, params, n_heads, causal=True):
    """Self-attention over the rows of x (T, d_model).

    Returns (output (T, d_model), attention weights (n_heads, T, T)).
    """
    q = split_heads(x @ params["W_q"], n_heads)
    k = split_heads(x @ params["W_k"], n_heads)
    v = split_heads(x @ params["W_v"], n_heads)
    mask = future_mask(x.shape[0]) if causal else None
    heads, weights = scaled_dot_product_attention(q, k, v, mask)
    return merge_heads(heads) @ params["W_o"], weights
