import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    # clipping avoids nan, but caps every loss at -log(1e-7) = 16.1 and
    # floors every loss at -log(1 - 1e-7) = 1e-7
    p = np.clip(1.0 / (1.0 + np.exp(-z)), 1e-7, 1 - 1e-7)
    loss = -(w * y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
    return float(np.mean(loss))
