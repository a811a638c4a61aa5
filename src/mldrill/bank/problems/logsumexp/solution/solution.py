import numpy as np


def logsumexp(x: np.ndarray, axis=None, keepdims: bool = False) -> np.ndarray:
    """log(sum(exp(x))) along ``axis`` (all of x when None), without overflow or nan."""
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)  # integer input: work in float64
    # log sum_i exp(x_i) = m + log sum_i exp(x_i - m); with m = max every exponent is <= 0.
    m = np.max(x, axis=axis, keepdims=True)
    # A max of -inf (every entry -inf) or +inf would make x - m = inf - inf = nan.
    # Shift by 0 there instead: the sum is then exactly 0 (log gives -inf) or inf.
    m = np.where(np.isfinite(m), m, 0)
    with np.errstate(divide="ignore", over="ignore"):  # log(0) = -inf is the right answer
        out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        out = np.squeeze(out, axis=axis)  # axis=None squeezes every axis
    return out
