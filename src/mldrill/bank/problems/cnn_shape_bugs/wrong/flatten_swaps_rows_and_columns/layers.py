"""Forward passes of the CNN layers, all in NCHW layout."""

import numpy as np


def conv2d(x, W, b, padding=1):
    """Stride-1 cross-correlation with zero padding.

    x (N, C_in, H, W), W (C_out, C_in, kh, kw), b (C_out,) -> (N, C_out, H_out, W_out) with
    H_out = H + 2 * padding - kh + 1 (and the same for the width).
    """
    kh, kw = W.shape[2:]
    xp = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    h_out = xp.shape[2] - kh + 1
    w_out = xp.shape[3] - kw + 1
    out = np.zeros((x.shape[0], W.shape[0], h_out, w_out))
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i : i + h_out, j : j + w_out]
            out += np.einsum("nchw,oc->nohw", patch, W[:, :, i, j])
    return out + b[None, :, None, None]


def relu(x):
    return np.maximum(x, 0.0)


def max_pool2d(x, size=2, stride=2):
    """Max over size x size windows taken every ``stride`` pixels (no padding).

    (N, C, H, W) -> (N, C, (H - size) // stride + 1, (W - size) // stride + 1).
    """
    h, w = x.shape[2:]
    h_out, w_out = (h - size) // stride + 1, (w - size) // stride + 1
    out = np.full(x.shape[:2] + (h_out, w_out), -np.inf)
    for i in range(size):
        for j in range(size):
            window = x[:, :, i : i + stride * h_out : stride, j : j + stride * w_out : stride]
            out = np.maximum(out, window)
    return out


def flatten(x):
    """(N, C, H, W) -> (N, C * H * W) in C, H, W order: the order the dense weights expect."""
    return x.transpose(0, 1, 3, 2).reshape(x.shape[0], -1)


def dense(x, W, b):
    return x @ W + b
