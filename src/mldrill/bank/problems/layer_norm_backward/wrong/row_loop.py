import numpy as np


def _normalise(x, eps):
    """x_hat = (x - mean) / sqrt(var + eps) over the last axis, and 1 / sqrt(var + eps)."""
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc**2).mean(axis=-1, keepdims=True)  # biased variance, two-pass (no cancellation)
    inv_std = 1.0 / np.sqrt(var + eps)
    return xc * inv_std, inv_std


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """y = gamma * x_hat + beta, normalising each row (last axis) of x."""
    x_hat, _ = _normalise(x, eps)
    return gamma * x_hat + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    """Gradients (dx, dgamma, dbeta) of a loss L, given dy = dL/dy."""
    d = x.shape[-1]
    rows_x, rows_dy = x.reshape(-1, d), dy.reshape(-1, d)
    dx = np.empty_like(rows_x)
    dgamma, dbeta = np.zeros(d), np.zeros(d)
    for i in range(len(rows_x)):  # one row at a time
        x_hat, inv_std = _normalise(rows_x[i], eps)
        g = rows_dy[i] * gamma
        dx[i] = inv_std * (g - g.mean() - x_hat * (g * x_hat).mean())
        dgamma += rows_dy[i] * x_hat
        dbeta += rows_dy[i]
    return dx.reshape(x.shape), dgamma, dbeta
