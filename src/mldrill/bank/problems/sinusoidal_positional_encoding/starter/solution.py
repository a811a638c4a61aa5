import numpy as np


def sinusoidal_positional_encoding(
    seq_len: int, d_model: int, base: float = 10000.0
) -> np.ndarray:
    """The fixed sin/cos position table of shape (seq_len, d_model), float64.

    Column 2i holds sin(pos * base^(-2i / d_model)) and column 2i+1 the matching cos.
    """
    raise NotImplementedError("write sinusoidal_positional_encoding")
