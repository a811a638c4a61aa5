import numpy as np


def attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: np.ndarray | None = None):
    """Scaled dot-product attention.

    q: (..., Lq, d) queries, k: (..., Lk, d) keys, v: (..., Lk, dv) values.
    mask: optional bool array broadcastable to (..., Lq, Lk); True means "may attend".

    Returns ``(output, weights)``: output (..., Lq, dv) and weights (..., Lq, Lk), where each
    row of weights is a softmax over the keys (all zeros if the row is fully masked).
    """
    raise NotImplementedError("write attention")
