from collections import Counter

import numpy as np


class SimpleImputer:
    def __init__(self, strategy="mean"):
        if strategy not in ("mean", "median", "most_frequent"):
            raise ValueError("unknown strategy")
        self.strategy = strategy
        self.statistics_ = None


    def fit(self, X):
        X = np.asarray(X, dtype=float)
        stats = np.zeros(X.shape[1])
        for j in range(X.shape[1]):
            observed = X[:, j][~np.isnan(X[:, j])]
            if len(observed) == 0:
                continue
            if self.strategy == "mean":
                stats[j] = observed.mean()
            elif self.strategy == "median":
                stats[j] = np.median(observed)
            else:
                # most_common breaks ties by first appearance, not by the smallest value
                stats[j] = Counter(observed.tolist()).most_common(1)[0][0]
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

