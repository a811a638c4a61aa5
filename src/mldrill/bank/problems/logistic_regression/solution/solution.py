import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(-z)) without overflow for any finite z."""
    # 1 / (1 + exp(-z)) = exp(-log(1 + exp(-z))) and logaddexp(0, -z) = log(1 + exp(-z))
    # is computed stably by NumPy, so nothing here can overflow to inf.
    return np.exp(-np.logaddexp(0.0, -z))


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """P(y = 1 | x) for every row of X."""
    return sigmoid(X @ w + b)


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 500):
    """Batch gradient descent on the mean log-loss; returns (w, b)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        # The gradient of the mean log-loss has the simple form (p - y) per sample.
        err = predict_proba(X, w, b) - y
        grad_w = X.T @ err / n
        grad_b = err.mean()
        w -= lr * grad_w
        b -= lr * grad_b
    return w, float(b)
