import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    # shifts every slice by the max of the whole array, not by its own max:
    # a slice far below the global max underflows to log(0) = -inf
    m = np.max(x)
    if not np.isfinite(m):
        m = 0.0
    with np.errstate(divide="ignore", over="ignore"):
        return np.log(np.sum(np.exp(x - m), axis=axis, keepdims=keepdims)) + m
