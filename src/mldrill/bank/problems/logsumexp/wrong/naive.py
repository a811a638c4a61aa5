import numpy as np


def logsumexp(x, axis=None, keepdims=False):
    # no shift: exp overflows above ~709 and underflows below ~-745
    x = np.asarray(x)
    if not np.issubdtype(x.dtype, np.floating):
        x = x.astype(np.float64)
    with np.errstate(divide="ignore", over="ignore"):
        return np.log(np.sum(np.exp(x), axis=axis, keepdims=keepdims))
