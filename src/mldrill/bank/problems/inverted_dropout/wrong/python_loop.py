import numpy as np


def dropout(x: np.ndarray, p: float, rng: np.random.Generator, training: bool = True) -> np.ndarray:
    """Inverted dropout: zero each entry with probability p, scale survivors by 1 / (1 - p)."""
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must be in [0, 1], got {p}")
    if not training or p == 0.0:
        return x.copy()  # identity: nothing dropped, nothing drawn
    if p == 1.0:
        return np.zeros_like(x)  # everything dropped; 1 / (1 - p) would be 0 / 0
    u = rng.random(x.shape)
    out = np.empty_like(x)
    scale = 1.0 / (1.0 - p)
    for i in np.ndindex(x.shape):  # one entry at a time
        out[i] = x[i] * scale if u[i] >= p else 0.0
    return out
