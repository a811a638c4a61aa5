import numpy as np


def conv2d(
    x: np.ndarray,
    weight: np.ndarray,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: int = 0,
) -> np.ndarray:
    """2-D cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in, KH, KW).

    Returns an array of shape (N, C_out, H_out, W_out).
    """
    raise NotImplementedError("write conv2d")
