import numpy as np


def max_pool2d(x: np.ndarray, kernel_size: int, stride: int | None = None) -> np.ndarray:
    """Max over each k x k window of x (N, C, H, W); stride defaults to kernel_size."""
    raise NotImplementedError("write max_pool2d")


def max_pool2d_backward(
    dout: np.ndarray, x: np.ndarray, kernel_size: int, stride: int | None = None
) -> np.ndarray:
    """Gradient of the loss w.r.t. x, given dout = dL/d(max_pool2d(x)). Same shape as x."""
    raise NotImplementedError("write max_pool2d_backward")
