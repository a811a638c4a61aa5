import numpy as np


def apply_rotary(
    x: np.ndarray, positions: np.ndarray | None = None, base: float = 10000.0
) -> np.ndarray:
    """Rotary position embedding (rotate-half convention) of x, shape (..., seq, d)."""
    seq, d = x.shape[-2], x.shape[-1]
    if d % 2 != 0:
        raise ValueError(f"the feature size d must be even, got {d}")
    half = d // 2
    if positions is None:
        positions = np.arange(seq)
    # theta_i = base^(-2i / d) for i = 0 .. d/2 - 1; feature i pairs with feature i + d/2
    inv_freq = base ** (-2.0 * np.arange(half) / d)
    angles = np.asarray(positions, dtype=np.float64)[:, None] * inv_freq  # (seq, d/2)
    cos, sin = np.cos(angles), np.sin(angles)
    x1, x2 = x[..., :half], x[..., half:]
    # rotate each pair (x1_i, x2_i) by its angle: [x1 cos - x2 sin, x2 cos + x1 sin]
    return np.concatenate([x1 * cos - x2 * sin, x2 * cos + x1 * sin], axis=-1)
