import numpy as np


def sinusoidal_positional_encoding(seq_len, d_model, base=10000.0):
    if seq_len < 0 or d_model < 1:
        raise ValueError("bad sizes")
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    two_i = np.arange(0, d_model, 2, dtype=np.float64)
    angles = pos * base ** (-two_i / d_model)
    # all sines first, then all cosines
    return np.concatenate([np.sin(angles), np.cos(angles[:, : d_model // 2])], axis=1)
