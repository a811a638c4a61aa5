import math

import numpy as np


def softmax(x, axis=-1):
    moved = np.moveaxis(np.asarray(x, dtype=float), axis, -1)
    out = np.empty_like(moved)
    for index in np.ndindex(moved.shape[:-1]):
        row = moved[index]
        m = max(row)
        exps = [math.exp(v - m) for v in row]
        total = sum(exps)
        out[index] = [v / total for v in exps]
    return np.moveaxis(out, -1, axis)
