import math

import numpy as np


def attention(q, k, v, mask=None):
    scores = (q @ np.swapaxes(k, -1, -2)) / math.sqrt(q.shape[-1])
    e = np.exp(scores)  # no max-subtraction: overflows for large scores
    if mask is not None:
        e = np.where(mask, e, 0.0)
    total = np.sum(e, axis=-1, keepdims=True)
    weights = np.divide(e, total, out=np.zeros_like(e), where=total > 0)
    return weights @ v, weights
