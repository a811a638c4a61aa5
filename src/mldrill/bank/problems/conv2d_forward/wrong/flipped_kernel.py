import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv2d(x, weight, bias=None, stride=1, padding=0):
    """2-D cross-correlation of x (N, C_in, H, W) with weight (C_out, C_in, KH, KW)."""
    if weight.shape[1] != x.shape[1]:
        raise ValueError(f"channel mismatch: weight {weight.shape}, x {x.shape}")
    # zero padding on the two spatial axes only
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    # im2col as a view: every KH x KW window, (N, C_in, H_p-KH+1, W_p-KW+1, KH, KW);
    # numpy raises ValueError if the kernel is larger than the padded input
    windows = sliding_window_view(xp, weight.shape[2:], axis=(2, 3))
    windows = windows[:, :, ::stride, ::stride]  # window starts 0, s, 2s, ...
    # out[n, o, i, j] = sum_{c, a, b} windows[n, c, i, j, a, b] * weight[o, c, a, b]
    flipped = weight[:, :, ::-1, ::-1]  # true convolution: flips the kernel
    out = np.einsum("nchwij,ocij->nohw", windows, flipped)
    if bias is not None:
        out = out + bias[:, None, None]  # one bias per output channel
    return out
