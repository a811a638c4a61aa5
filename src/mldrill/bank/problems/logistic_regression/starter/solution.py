import numpy as np


def predict_proba(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """P(y = 1 | x) = sigmoid(x @ w + b) for every row of X, shape (n,)."""
    raise NotImplementedError("write predict_proba")


def fit(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 500):
    """Batch gradient descent on the mean log-loss from w = 0, b = 0.

    X has shape (n, d), y holds n labels in {0, 1}. Returns (w, b): w an array of
    shape (d,), b a float.
    """
    raise NotImplementedError("write fit")
