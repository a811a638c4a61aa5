import math

import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale all gradients together so their global L2 norm is at most max_norm.

    Returns (clipped_grads, total_norm), total_norm being the norm before clipping.
    """
    if max_norm <= 0:
        raise ValueError(f"max_norm must be positive, got {max_norm}")
    # largest |g| over every array: dividing by it keeps the squares in [0, 1], so the sum
    # can neither overflow (|g| ~ 1e200) nor underflow to 0 (|g| ~ 1e-200)
    scale = max((float(np.max(np.abs(g))) for g in grads if g.size), default=0.0)
    if scale == 0.0:
        return [g.copy() for g in grads], 0.0  # all zero (or no entries): nothing to clip
    # ||g|| = scale * sqrt(sum((g / scale)^2)) over all entries of all arrays
    total = scale * math.sqrt(sum(float(np.sum((g / scale) ** 2)) for g in grads))
    coef = max_norm / total  # also scales small gradients up to max_norm
    return [g * coef for g in grads], total
