import numpy as np


def fit_ridge(X: np.ndarray, y: np.ndarray, alpha: float = 1.0) -> tuple[np.ndarray, float]:
    """Minimise ||y - X w - b||^2 + alpha ||w||^2 over w and an unpenalised b."""
    if alpha < 0:
        raise ValueError(f"alpha must be >= 0, got {alpha}")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    d = X.shape[1]
    # Centring takes the intercept out of the problem: for any w the best b is
    # mean(y) - mean(X) @ w, so w solves ridge on the centred data with no intercept.
    x_mean = X.mean(axis=0)
    y_mean = y.mean()
    Xc = X - x_mean
    yc = y - y_mean
    # ||Xc w - yc||^2 + alpha ||w||^2 = || [Xc; sqrt(alpha) I] w - [yc; 0] ||^2, plain least
    # squares. lstsq solves it by SVD without forming Xc.T @ Xc (which squares the condition
    # number), and for alpha = 0 with collinear columns it returns the minimum-norm w.
    A = np.vstack([Xc, np.sqrt(alpha) * np.eye(d)])
    rhs = np.concatenate([yc, np.zeros(d)])
    w = np.linalg.lstsq(A, rhs, rcond=None)[0]
    b = y_mean - x_mean @ w
    return w, float(b)


def predict(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """Predictions X @ w + b, one per row of X."""
    return np.asarray(X, dtype=float) @ w + b
