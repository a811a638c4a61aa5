"""Row cleaning and fitted transforms (imputation, standardisation)."""

import numpy as np


def drop_duplicate_customers(X, y, id_col):
    """Keep only the first row of each customer id, in the original order."""
    _, first = np.unique(X[:, id_col], return_index=True)
    keep = np.sort(first)
    return X[keep], y[keep]


class MeanImputer:
    """Replace nan with the column mean learnt by ``fit`` (means over the non-missing values)."""

    def fit(self, X):
        self.means_ = np.nanmean(X, axis=0)
        return self

    def transform(self, X):
        return np.where(np.isnan(X), self.means_, X)


class StandardScaler:
    """(x - mean) / std per column, with the statistics learnt by ``fit``."""

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        self.scale_ = X.std(axis=0)
        return self

    def transform(self, X):
        return (X - self.mean_) / self.scale_
