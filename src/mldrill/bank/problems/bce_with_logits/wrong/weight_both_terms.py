import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    sp_pos = np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    sp_neg = np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))
    # pos_weight scales the whole loss, negatives included
    return float(np.mean(w * (y * sp_pos + (1.0 - y) * sp_neg)))
