import numpy as np


def _normalise(x, eps):
    """x_hat = (x - mean) / sqrt(var + eps) over the last axis, and 1 / sqrt(var + eps)."""
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (x**2).mean(axis=-1, keepdims=True) - mu**2  # one pass: cancels for large means
    inv_std = 1.0 / np.sqrt(var + eps)
    return xc * inv_std, inv_std


def layer_norm_forward(x, gamma, beta, eps=1e-5):
    """y = gamma * x_hat + beta, normalising each row (last axis) of x."""
    x_hat, _ = _normalise(x, eps)
    return gamma * x_hat + beta


def layer_norm_backward(dy, x, gamma, eps=1e-5):
    """Gradients (dx, dgamma, dbeta) of a loss L, given dy = dL/dy."""
    x_hat, inv_std = _normalise(x, eps)
    lead = tuple(range(x.ndim - 1))  # every axis but the features
    dgamma = (dy * x_hat).sum(axis=lead)
    dbeta = dy.sum(axis=lead)
    g = dy * gamma  # dL/dx_hat
    # x_hat depends on x through x itself, the mean and the variance:
    # dx = (g - mean(g) - x_hat * mean(g * x_hat)) / sqrt(var + eps), means over the last axis
    g_mean = g.mean(axis=-1, keepdims=True)
    gx_mean = (g * x_hat).mean(axis=-1, keepdims=True)
    dx = inv_std * (g - g_mean - x_hat * gx_mean)
    return dx, dgamma, dbeta
