import math

import numpy as np


def _fraction_inside(n_samples, rng):
    if n_samples < 1:
        raise ValueError("n_samples must be positive")
    # draws from NumPy's global generator: the rng argument is ignored
    points = np.random.random((n_samples, 2))
    inside = points[:, 0] ** 2 + points[:, 1] ** 2 <= 1.0
    return np.count_nonzero(inside) / n_samples


def estimate_pi(n_samples, rng):
    return 4.0 * _fraction_inside(n_samples, rng)


def estimate_pi_with_error(n_samples, rng):
    p = _fraction_inside(n_samples, rng)
    return 4.0 * p, 4.0 * math.sqrt(p * (1.0 - p) / n_samples)
