import math

import numpy as np


def _fraction_inside(n_samples, rng):
    points = rng.random((max(n_samples, 0), 2))
    inside = points[:, 0] ** 2 + points[:, 1] ** 2 <= 1.0
    return float(np.mean(inside))  # nan (with a warning) when there are no points


def estimate_pi(n_samples, rng):
    return 4.0 * _fraction_inside(n_samples, rng)


def estimate_pi_with_error(n_samples, rng):
    p = _fraction_inside(n_samples, rng)
    return 4.0 * p, 4.0 * math.sqrt(p * (1.0 - p) / max(n_samples, 1))
