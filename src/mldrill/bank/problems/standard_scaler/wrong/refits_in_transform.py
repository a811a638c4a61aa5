import numpy as np


class StandardScaler:
    def __init__(self):
        self.mean_ = None
        self.scale_ = None

    def _stats(self, X):
        mean = X.mean(axis=0)
        scale = X.std(axis=0)
        scale[np.ptp(X, axis=0) == 0] = 1.0
        return mean, scale

    def fit(self, X):
        self.mean_, self.scale_ = self._stats(np.asarray(X, dtype=float))
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        X = np.asarray(X, dtype=float)
        # leakage: standardises the given data with its own statistics
        mean, scale = self._stats(X)
        return (X - mean) / scale

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        if self.mean_ is None:
            raise RuntimeError("call fit first")
        return np.asarray(Z, dtype=float) * self.scale_ + self.mean_
