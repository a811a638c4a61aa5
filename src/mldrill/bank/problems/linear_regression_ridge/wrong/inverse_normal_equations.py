import numpy as np


def fit_ridge(X, y, alpha=1.0):
    if alpha < 0:
        raise ValueError("alpha must be >= 0")
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    d = X.shape[1]
    x_mean = X.mean(axis=0)
    y_mean = y.mean()
    Xc = X - x_mean
    yc = y - y_mean
    # explicit inverse of the Gram matrix: squares the condition number, and fails outright
    # when alpha = 0 and the columns are collinear
    w = np.linalg.inv(Xc.T @ Xc + alpha * np.eye(d)) @ (Xc.T @ yc)
    return w, float(y_mean - x_mean @ w)


def predict(X, w, b):
    return np.asarray(X, dtype=float) @ w + b
