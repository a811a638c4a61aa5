"""Linear model Y_hat = X W + b, its loss and gradient, and metrics."""

import numpy as np


def init_params(n_features, n_outputs):
    return {"W": np.zeros((n_features, n_outputs)), "b": np.zeros(n_outputs)}


def predict(params, X):
    return X @ params["W"] + params["b"]


def loss_and_grad(params, X, Y):
    """0.5 * mean over rows of ||x W + b - y||^2, and its gradients as a dict like params."""
    err = predict(params, X) - Y
    loss = 0.5 * np.mean(np.sum(err**2, axis=1))
    err = err / len(X)
    return float(loss), {"W": X.T @ err, "b": err.sum(axis=0)}


def mse(params, X, Y):
    """Mean squared error over every entry of Y."""
    return float(np.mean((predict(params, X) - Y) ** 2))


def r2_score(params, X, Y):
    """1 - SSE / SST, pooled over all outputs (SST around each output's own mean)."""
    sse = np.sum((predict(params, X) - Y) ** 2)
    sst = np.sum((Y - Y.mean(axis=0)) ** 2)
    return float(1.0 - sse / sst)
