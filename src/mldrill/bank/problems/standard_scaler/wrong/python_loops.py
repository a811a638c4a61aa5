import math

import numpy as np


class StandardScaler:
    def __init__(self):
        self.mean_ = None
        self.scale_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        mean = np.zeros(d)
        scale = np.ones(d)
        for j in range(d):
            col = [X[i, j] for i in range(n)]
            m = sum(col) / n
            s = math.sqrt(sum((v - m) ** 2 for v in col) / n)
            mean[j] = m
            scale[j] = s if max(col) != min(col) else 1.0
        self.mean_, self.scale_ = mean, scale
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        X = np.asarray(X, dtype=float)
        out = np.empty_like(X)
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                out[i, j] = (X[i, j] - self.mean_[j]) / self.scale_[j]
        return out

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        Z = np.asarray(Z, dtype=float)
        out = np.empty_like(Z)
        for i in range(Z.shape[0]):
            for j in range(Z.shape[1]):
                out[i, j] = Z[i, j] * self.scale_[j] + self.mean_[j]
        return out
