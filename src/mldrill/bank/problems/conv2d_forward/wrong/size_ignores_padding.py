import numpy as np


def conv2d(x, weight, bias=None, stride=1, padding=0):
    n, c_in, h, w = x.shape
    c_out, c_w, kh, kw = weight.shape
    if c_w != c_in:
        raise ValueError("channel mismatch")
    p = padding
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    h_out = (h - kh) // stride + 1  # forgets the 2 * padding
    w_out = (w - kw) // stride + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("kernel larger than the input")
    out = np.zeros((n, c_out, h_out, w_out))
    for a in range(kh):  # loop over kernel offsets only: KH * KW iterations
        for b in range(kw):
            patch = xp[:, :, a : a + stride * h_out : stride, b : b + stride * w_out : stride]
            out += np.einsum("nchw,oc->nohw", patch, weight[:, :, a, b])
    if bias is not None:
        out += bias[:, None, None]
    return out
