"""A vanilla (Elman) RNN with a linear read-out, and backpropagation through time."""

import numpy as np


def init_params(n_in, n_hidden, n_out, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W_xh": rng.normal(scale=1.0 / np.sqrt(n_in), size=(n_in, n_hidden)),
        "W_hh": rng.normal(scale=0.5 / np.sqrt(n_hidden), size=(n_hidden, n_hidden)),
        "b_h": np.zeros(n_hidden),
        "W_hy": rng.normal(scale=1.0 / np.sqrt(n_hidden), size=(n_hidden, n_out)),
        "b_y": np.zeros(n_out),
    }


def forward(params, x, h0):
    """Run one sequence x of shape (T, n_in) from the hidden state h0 of shape (n_hidden,).

    a_t = x_t W_xh + h_{t-1} W_hh + b_h,  h_t = tanh(a_t),  y_t = h_t W_hy + b_y.
    Returns the outputs (T, n_out) and a cache: the inputs, the pre-activations a (T, n_hidden)
    and the states hs (T + 1, n_hidden) with hs[0] = h0.
    """
    T, n_hidden = len(x), len(h0)
    a = np.zeros((T, n_hidden))
    hs = np.zeros((T + 1, n_hidden))
    hs[0] = h0
    for t in range(T):
        a[t] = x[t] @ params["W_xh"] + hs[t] @ params["W_hh"] + params["b_h"]
        hs[t + 1] = np.tanh(a[t])
    y = hs[1:] @ params["W_hy"] + params["b_y"]
    return y, {"x": x, "a": a, "hs": hs}


def mse_loss(y_pred, y_true):
    """Half the squared error, summed over the output units and averaged over the T steps."""
    diff = y_pred - y_true
    return 0.5 * float(np.mean(diff**2))


def backward(params, cache, y_pred, y_true):
    """Gradients of mse_loss(y_pred, y_true) for every parameter, by BPTT."""
    x, hs = cache["x"], cache["hs"]
    T = len(x)
    dy = (y_pred - y_true) / T  # dL/dy_t
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    grads["W_hy"] = hs[1:].T @ dy
    grads["b_y"] = dy.sum(axis=0)
    dh_next = np.zeros(hs.shape[1])  # dL/dh_t arriving from step t + 1
    for t in reversed(range(T)):
        dh = dy[t] @ params["W_hy"].T + dh_next
        da = dh * (1.0 - hs[t + 1] ** 2)  # back through the tanh
        grads["W_xh"] += np.outer(x[t], da)
        grads["W_hh"] += np.outer(hs[t], da)
        grads["b_h"] += da
        dh_next = da @ params["W_hh"].T
    return grads
