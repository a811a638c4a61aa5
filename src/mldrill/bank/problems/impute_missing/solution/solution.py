import numpy as np

STRATEGIES = ("mean", "median", "most_frequent")


class SimpleImputer:
    """Fill NaN entries column by column with a statistic learned from training data."""

    def __init__(self, strategy: str = "mean") -> None:
        if strategy not in STRATEGIES:
            raise ValueError(f"strategy must be one of {STRATEGIES}, got {strategy!r}")
        self.strategy = strategy
        self.statistics_ = None

    def fit(self, X: np.ndarray) -> "SimpleImputer":
        """Learn one fill value per column from the observed (non-NaN) entries of X."""
        X = np.asarray(X, dtype=float)
        stats = np.zeros(X.shape[1])  # a column with nothing observed is filled with 0.0
        for j in range(X.shape[1]):
            col = X[:, j]
            observed = col[~np.isnan(col)]  # NaN != NaN, so use isnan, never == np.nan
            if len(observed) == 0:
                continue
            if self.strategy == "mean":
                stats[j] = observed.mean()
            elif self.strategy == "median":
                stats[j] = np.median(observed)
            else:
                # np.unique sorts, and argmax returns the first maximum: ties go to the
                # smallest value.
                values, counts = np.unique(observed, return_counts=True)
                stats[j] = values[np.argmax(counts)]
        self.statistics_ = stats
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """A copy of X with every NaN replaced by its column's training statistic."""
        if self.statistics_ is None:
            raise RuntimeError("call fit before transform")
        X = np.asarray(X, dtype=float)
        if X.ndim != 2 or X.shape[1] != len(self.statistics_):
            raise ValueError(f"expected {len(self.statistics_)} columns, got shape {X.shape}")
        return np.where(np.isnan(X), self.statistics_, X)  # broadcasts over the rows

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).transform(X)
