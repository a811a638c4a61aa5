import numpy as np


class MinMaxScaler:
    def __init__(self, feature_range=(0.0, 1.0)):
        lo, hi = feature_range
        if not lo < hi:
            raise ValueError("feature_range needs min < max")
        self.feature_range = (float(lo), float(hi))
        self.data_min_ = None
        self.data_max_ = None

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        return self

    def _check(self, X):
        if self.data_min_ is None:
            raise RuntimeError("fit first")
        if X.ndim != 2 or X.shape[1] != len(self.data_min_):
            raise ValueError("wrong number of columns")

    def fit_transform(self, X):
        return self.fit(X).transform(X)


    def _span(self):
        # an epsilon avoids 0 / 0 but distorts every column with a small spread
        return self.data_max_ - self.data_min_ + 1e-8

    def inverse_transform(self, Y):
        Y = np.asarray(Y, dtype=float)
        self._check(Y)
        lo, hi = self.feature_range
        return self.data_min_ + (Y - lo) / (hi - lo) * self._span()

    def transform(self, X):
        X = np.asarray(X, dtype=float)
        self._check(X)
        lo, hi = self.feature_range
        return lo + (X - self.data_min_) / self._span() * (hi - lo)
