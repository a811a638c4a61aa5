import numpy as np


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float = 1.0) -> tuple[np.ndarray, float]:
    """Ridge regression with an unpenalised intercept.

    Minimise ||y - X @ w - b||^2 + alpha * ||w||^2 over w (shape (d,)) and b (a float).
    X has shape (n, d), y shape (n,). Returns (w, b). alpha < 0 raises ValueError.
    """
    raise NotImplementedError("write fit_ridge")


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Predictions X @ w + b, shape (n,)."""
    raise NotImplementedError("write predict")
