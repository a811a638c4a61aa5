import numpy as np


class SimpleImputer:
    def __init__(self, strategy="mean"):
        if strategy not in ("mean", "median", "most_frequent"):
            raise ValueError("unknown strategy")
        self.strategy = strategy
        self.statistics_ = None


    def fit(self, X):
        X = np.asarray(X, dtype=float)
        # np.nanmean / np.nanmedian of an all-NaN column is NaN, which transform then
        # writes back: that column stays missing
        if self.strategy == "mean":
            stats = np.nanmean(X, axis=0)
        elif self.strategy == "median":
            stats = np.nanmedian(X, axis=0)
        else:
            stats = np.full(X.shape[1], np.nan)
            for j in range(X.shape[1]):
                observed = X[:, j][~np.isnan(X[:, j])]
                if len(observed):
                    values, counts = np.unique(observed, return_counts=True)
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

