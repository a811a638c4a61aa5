import math

import numpy as np


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """Scaled dot-product attention; returns ``(output, weights)``."""
    d = q.shape[-1]
    # scores[..., i, j] = q_i . k_j / sqrt(d): one score per (query, key) pair.
    # Dividing by sqrt(d) keeps the scores' spread independent of the head size.
    scores = (q @ np.swapaxes(k, -1, -2)) / math.sqrt(d)
    if mask is not None:
        # A key that may not be attended to gets a score of -inf, so exp() makes it 0.
        scores = np.where(mask, scores, -np.inf)
    # Stable softmax over the keys (last axis): subtract each row's max first.
    # A fully masked row has max -inf; shift it by 0 instead, so it stays all -inf (no nan).
    row_max = np.max(scores, axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)
    e = np.exp(scores - row_max)
    total = np.sum(e, axis=-1, keepdims=True)
    # Rows with total 0 (fully masked) keep the zeros they start with.
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return weights @ v, weights
