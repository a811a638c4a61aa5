import math

import numpy as np


def attention(q, k, v, mask=None):
    q, k, v = np.asarray(q, float), np.asarray(k, float), np.asarray(v, float)
    batch = np.broadcast_shapes(q.shape[:-2], k.shape[:-2], v.shape[:-2])
    lq, lk = q.shape[-2], k.shape[-2]
    if mask is None:
        mask = np.ones((lq, lk), dtype=bool)
    mask = np.broadcast_to(mask, batch + (lq, lk))
    q = np.broadcast_to(q, batch + q.shape[-2:])
    k = np.broadcast_to(k, batch + k.shape[-2:])
    v = np.broadcast_to(v, batch + v.shape[-2:])
    weights = np.zeros(batch + (lq, lk))
    out = np.zeros(batch + (lq, v.shape[-1]))
    scale = 1.0 / math.sqrt(q.shape[-1])
    for b in np.ndindex(batch):
        for i in range(lq):
            allowed = mask[b][i]
            if not allowed.any():
                continue
            row = k[b] @ q[b][i] * scale
            row = np.where(allowed, row, -np.inf)
            e = np.exp(row - row.max())
            weights[b][i] = e / e.sum()
            out[b][i] = weights[b][i] @ v[b]
    return out, weights
