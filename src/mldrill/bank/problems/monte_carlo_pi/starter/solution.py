import numpy as np


def estimate_pi(n_samples: int, rng: np.random.Generator) -> float:
    """Estimate pi from n_samples uniform points in the unit square.

    Draw the points as rng.random((n_samples, 2)) and return 4 times the share that lands
    inside the quarter disc x^2 + y^2 <= 1.
    """
    raise NotImplementedError("write estimate_pi")


def estimate_pi_with_error(n_samples: int, rng: np.random.Generator) -> tuple[float, float]:
    """The same estimate, together with its standard error: (estimate, std_error)."""
    raise NotImplementedError("write estimate_pi_with_error")
