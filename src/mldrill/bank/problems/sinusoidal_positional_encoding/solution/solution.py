import numpy as np


def sinusoidal_positional_encoding(seq_len: int, d_model: int, base: float = 10000.0) -> np.ndarray:
    """The fixed sin/cos position table of shape (seq_len, d_model), float64."""
    if seq_len < 0 or d_model < 1:
        raise ValueError(f"need seq_len >= 0 and d_model >= 1, got {seq_len}, {d_model}")
    pos = np.arange(seq_len, dtype=np.float64)[:, None]  # (seq_len, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # even column indices 2i
    inv_freq = base ** (-two_i / d_model)  # omega_i = base^(-2i / d_model)
    angles = pos * inv_freq  # (seq_len, ceil(d_model / 2))
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)  # PE[pos, 2i]   = sin(pos * omega_i)
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # PE[pos, 2i+1] = cos(pos * omega_i)
    return pe
