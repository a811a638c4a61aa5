import math

import numpy as np


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def predict_proba(X, w, b):
    return np.array([_sigmoid(float(x @ w + b)) for x in X])


def fit(X, y, lr=0.1, epochs=500):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, d = X.shape
    w = np.zeros(d)
    b = 0.0
    for _ in range(epochs):
        grad_w = np.zeros(d)
        grad_b = 0.0
        for i in range(n):
            err = _sigmoid(float(X[i] @ w + b)) - y[i]
            grad_w += err * X[i]
            grad_b += err
        w -= lr * grad_w / n
        b -= lr * grad_b / n
    return w, float(b)
