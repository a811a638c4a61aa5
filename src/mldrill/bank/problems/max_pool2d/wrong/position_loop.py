import numpy as np


def max_pool2d(x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    h_out = (x.shape[2] - k) // s + 1
    w_out = (x.shape[3] - k) // s + 1
    out = np.empty((*x.shape[:2], h_out, w_out))
    for i in range(h_out):  # a Python loop over output positions
        for j in range(w_out):
            out[:, :, i, j] = x[:, :, i * s : i * s + k, j * s : j * s + k].max(axis=(2, 3))
    return out


def max_pool2d_backward(dout, x, kernel_size, stride=None):
    k = kernel_size
    s = k if stride is None else stride
    n, c = x.shape[:2]
    dx = np.zeros(x.shape)
    nn, cc = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    for i in range(dout.shape[2]):
        for j in range(dout.shape[3]):
            window = x[:, :, i * s : i * s + k, j * s : j * s + k].reshape(n, c, k * k)
            r, q = np.divmod(window.argmax(axis=-1), k)
            dx[nn, cc, i * s + r, j * s + q] += dout[:, :, i, j]
    return dx
