import numpy as np


def apply_rotary(x, positions=None, base=10000.0):
    seq, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError("d must be even")
    if positions is None:
        positions = np.arange(seq)
    inv_freq = base ** (-2.0 * np.arange(d // 2) / d)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq
    cos, sin = np.cos(angles), np.sin(angles)
    # pairs features (2i, 2i+1) - the interleaved convention, not rotate-half
    x1, x2 = x[..., 0::2], x[..., 1::2]
    out = np.empty_like(x, dtype=np.float64)
    out[..., 0::2] = x1 * cos - x2 * sin
    out[..., 1::2] = x2 * cos + x1 * sin
    return out
