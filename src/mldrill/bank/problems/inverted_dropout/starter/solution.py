import numpy as np


def dropout(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    """Inverted dropout: zero each entry with probability p, scale survivors by 1 / (1 - p)."""
    raise NotImplementedError("write dropout")
