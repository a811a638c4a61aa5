import numpy as np


def apply_rotary(x, positions=None, base=10000.0):
    seq, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError("d must be even")
    half = d // 2
    positions = np.arange(seq)  # always 0..seq-1: a cached decode step is rotated as pos 0
    inv_freq = base ** (-2.0 * np.arange(half) / d)
    angles = positions[:, None] * inv_freq
    cos, sin = np.cos(angles), np.sin(angles)
    x1, x2 = x[..., :half], x[..., half:]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)
