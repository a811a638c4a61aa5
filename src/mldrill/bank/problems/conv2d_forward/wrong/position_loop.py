import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError("channel mismatch")
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    h_out = (h + 2 * p - kh) // stride + 1
    w_out = (w + 2 * p - kw) // stride + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("kernel larger than the padded input")
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):  # one Python iteration per output position
        for j in range(w_out):
            patch = xp[:, :, i * stride : i * stride + kh, j * stride : j * stride + kw]
            out[:, :, i, j] = np.tensordot(patch, weight, axes=([1, 2, 3], [1, 2, 3]))
    if bias is not None:
        out += bias[:, None, None]
    return out
