import math

import numpy as np


def apply_rotary(x, positions=None, base=10000.0):
    x = np.asarray(x, dtype=np.float64)
    seq, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError("d must be even")
    half = d // 2
    if positions is None:
        positions = range(seq)
    positions = [int(p) for p in positions]
    out = np.empty_like(x)
    for lead in np.ndindex(x.shape[:-2]):
        for t in range(seq):
            row = x[lead + (t,)]
            new = [0.0] * d
            for i in range(half):
                angle = positions[t] * base ** (-2.0 * i / d)
                c, s = math.cos(angle), math.sin(angle)
                new[i] = row[i] * c - row[i + half] * s
                new[i + half] = row[i + half] * c + row[i] * s
            out[lead + (t,)] = new
    return out
