import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0):
    if seq_len < 0 or d_model < 1:
        raise ValueError("bad sizes")
    d_even = d_model + d_model % 2  # round up, build the even table, drop the extra column
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    two_i = np.arange(0, d_even, 2, dtype=np.float64)
    angles = pos * base ** (-two_i / d_even)
    pe = np.zeros((seq_len, d_even))
    pe[:, 0::2] = np.sin(angles)
    pe[:, 1::2] = np.cos(angles)
    return pe[:, :d_model]
