"""Logistic regression fitted by full-batch gradient descent."""

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def fit_logistic(X, y, lr=0.5, n_iter=300):
    """Minimise the mean log-loss; returns (w, b)."""
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(n_iter):
        err = sigmoid(X @ w + b) - y
        w = w - lr * X.T @ err / len(y)
        b = b - lr * err.mean()
    return w, b


def predict(w, b, X):
    return (sigmoid(X @ w + b) >= 0.5).astype(np.int64)
