import numpy as np


class SimpleImputer:
    """Fill NaN entries column by column with a statistic learned from training data.

    After fit, ``statistics_`` is a float array of shape (d,): the fill value of each column.
    """

    def __init__(self, strategy: str = "mean") -> None:
        """strategy: "mean", "median" or "most_frequent"."""
        raise NotImplementedError("write __init__")

    def fit(self, X: np.ndarray) -> "SimpleImputer":
        """Learn one fill value per column from the non-NaN entries of X (n, d); return self."""
        raise NotImplementedError("write fit")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """A float copy of X with each NaN replaced by its column's fill value."""
        raise NotImplementedError("write transform")

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        raise NotImplementedError("write fit_transform")
