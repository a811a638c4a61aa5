import numpy as np


def dropout(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    """Inverted dropout: zero each entry with probability p, scale survivors by 1 / (1 - p)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    keep = rng.random(x.shape) >= p  # drawn even when it is not used
    if not training or p == 0.0:
        return x.copy()
    if p == 1.0:
        return np.zeros_like(x)
    # scaling at train time keeps E[output] = x, so eval needs no rescaling
    return x * keep / (1.0 - p)
