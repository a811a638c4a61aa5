import math

import numpy as np


def bce_with_logits(logits, targets, pos_weight=None):
    # correct and stable, but one Python iteration per entry
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = np.broadcast_to(1.0 if pos_weight is None else np.asarray(pos_weight, float), z.shape)
    total = 0.0
    for zi, yi, wi in zip(z.ravel().tolist(), y.ravel().tolist(), w.ravel().tolist()):
        tail = math.log1p(math.exp(-abs(zi)))
        total += wi * yi * (max(-zi, 0.0) + tail) + (1.0 - yi) * (max(zi, 0.0) + tail)
    return total / z.size
