import math

import numpy as np


def _fraction_inside(n_samples: int, rng: np.random.Generator) -> float:
    """Share of n uniform points in the unit square that land inside the quarter disc."""
    if n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples}")
    points = rng.random((n_samples, 2))  # column 0 is x, column 1 is y
    inside = points[:, 0] ** 2 + points[:, 1] ** 2 <= 1.0
    return int(np.count_nonzero(inside)) / n_samples


def estimate_pi(n_samples: int, rng: np.random.Generator) -> float:
    """Monte Carlo estimate of pi from n_samples points."""
    # The quarter disc x^2 + y^2 <= 1 covers pi/4 of the unit square.
    return 4.0 * _fraction_inside(n_samples, rng)


def estimate_pi_with_error(n_samples: int, rng: np.random.Generator) -> tuple[float, float]:
    """(estimate, standard error) from the same points estimate_pi would draw."""
    p = _fraction_inside(n_samples, rng)
    # Each point is a Bernoulli(p) trial, so the fraction has variance p(1-p)/n;
    # the estimate is 4 times the fraction, so its standard error is 4 times as large.
    return 4.0 * p, 4.0 * math.sqrt(p * (1.0 - p) / n_samples)
