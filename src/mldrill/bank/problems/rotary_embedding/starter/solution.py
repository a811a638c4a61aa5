import numpy as np


def apply_rotary(
    x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0
) -> np.ndarray:
    """Rotary position embedding (rotate-half convention) of x, shape (..., seq, d).

    positions: optional int array of shape (seq,), the position of each token along the
    sequence axis (default 0, 1, ..., seq - 1). Returns an array shaped like x.
    """
    raise NotImplementedError("write apply_rotary")
