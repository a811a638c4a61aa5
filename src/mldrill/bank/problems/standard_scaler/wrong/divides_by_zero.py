import numpy as np


class StandardScaler:
    def __init__(self):
        self.mean_ = None
        self.scale_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)  # 0 for a constant column
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        return np.asarray(Z, dtype=float) * self.scale_ + self.mean_
