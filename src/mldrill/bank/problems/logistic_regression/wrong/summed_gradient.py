import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


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
        # gradient of the summed loss: the step grows with n
        w -= lr * (X.T @ err)
        b -= lr * err.sum()
    return w, float(b)
