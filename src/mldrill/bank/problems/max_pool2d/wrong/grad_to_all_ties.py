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
    k = kernel_size
    s = k if stride is None else stride
    out = max_pool2d(x, k, stride)
    h_out, w_out = out.shape[2:]
    dx = np.zeros(x.shape)
    for a in range(k):  # every offset inside the window
        for b in range(k):
            view = x[:, :, a : a + s * h_out : s, b : b + s * w_out : s]
            # every entry equal to the max gets the gradient: ties are all paid
            dx[:, :, a : a + s * h_out : s, b : b + s * w_out : s] += dout * (view == out)
    return dx
