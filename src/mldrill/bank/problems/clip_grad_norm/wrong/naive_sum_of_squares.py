import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale all gradients together so their global L2 norm is at most max_norm.

    Returns (clipped_grads, total_norm), total_norm being the norm before clipping.
    """
    if max_norm <= 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    total = math.sqrt(sum(float(np.sum(g**2)) for g in grads))  # overflows, underflows
    if total == 0.0:
        return [g.copy() for g in grads], 0.0
    coef = min(1.0, max_norm / total)  # shrink only, never scale up
    return [g * coef for g in grads], total
