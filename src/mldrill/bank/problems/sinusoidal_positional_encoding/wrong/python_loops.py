import math

import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0):
    if seq_len < 0 or d_model < 1:
        raise ValueError("bad sizes")
    pe = np.zeros((seq_len, d_model))
    for pos in range(seq_len):
        for j in range(d_model):
            omega = base ** (-(j - j % 2) / d_model)
            pe[pos, j] = math.sin(pos * omega) if j % 2 == 0 else math.cos(pos * omega)
    return pe
