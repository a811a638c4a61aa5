import math

import numpy as np


def _lse(values):
    m = max(values)
    if math.isinf(m):
        return m
    return m + math.log(sum(math.exp(v - m) for v in values))


def logsumexp(x, axis=None, keepdims=False):
    # correct, but one Python-level reduction per slice
    x = np.asarray(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
    axes = tuple(range(x.ndim)) if axis is None else axis
    axes = (axes,) if isinstance(axes, int) else axes
    axes = tuple(a % x.ndim for a in axes)
    rest = [a for a in range(x.ndim) if a not in axes]
    moved = np.transpose(x, rest + list(axes))
    flat = moved.reshape(moved.shape[: len(rest)] + (-1,))
    out = np.empty(flat.shape[:-1], dtype=dtype)
    for index in np.ndindex(out.shape):
        out[index] = _lse([float(v) for v in flat[index]])
    if keepdims:
        out = np.expand_dims(out, axes)
    return out
