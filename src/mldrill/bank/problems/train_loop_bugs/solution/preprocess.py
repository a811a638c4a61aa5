"""Feature standardisation."""

import numpy as np


class StandardScaler:
    """Per-feature (x - mean) / std, with the statistics learnt by ``fit``."""

    def __init__(self, eps=1e-12):
        self.eps = eps
        self.mean_ = None
        self.scale_ = None

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        std = X.std(axis=0)
        # A constant feature would divide by zero; leave it centred but unscaled.
        self.scale_ = np.where(std > self.eps, std, 1.0)
        return self

    def transform(self, X):
        if self.mean_ is None:
            raise RuntimeError("call fit() before transform()")
        return (X - self.mean_) / self.scale_

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        return Z * self.scale_ + self.mean_
