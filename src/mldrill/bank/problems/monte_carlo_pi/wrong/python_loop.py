import math


def _fraction_inside(n_samples, rng):
    if n_samples < 1:
        raise ValueError("n_samples must be positive")
    inside = 0
    for _ in range(n_samples):
        x = rng.random()
        y = rng.random()
        if x * x + y * y <= 1.0:
            inside += 1
    return inside / n_samples


def estimate_pi(n_samples, rng):
    return 4.0 * _fraction_inside(n_samples, rng)


def estimate_pi_with_error(n_samples, rng):
    p = _fraction_inside(n_samples, rng)
    return 4.0 * p, 4.0 * math.sqrt(p * (1.0 - p) / n_samples)
