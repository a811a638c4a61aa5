import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    # sigmoid, then log: log(0) = -inf once sigmoid rounds to 0 or 1
    p = 1.0 / (1.0 + np.exp(-z))
    loss = -(w * y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
    return float(np.mean(loss))
