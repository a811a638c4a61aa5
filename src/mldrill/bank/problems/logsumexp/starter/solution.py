import numpy as np


def logsumexp(x: np.ndarray, axis=None, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along ``axis`` (all of x when None), without overflow or nan.

    axis: None, an int (negative counts from the end) or a tuple of ints.
    keepdims: keep the reduced axes with length 1, as np.sum does.
    """
    raise NotImplementedError("write logsumexp")
