import numpy as np


class MinMaxScaler:
    """Rescale each column linearly so its training minimum and maximum map to feature_range."""

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        lo, hi = feature_range
        if not lo < hi:
            raise ValueError(f"feature_range needs min < max, got {feature_range}")
        self.feature_range = (float(lo), float(hi))
        self.data_min_ = None
        self.data_max_ = None

    def fit(self, X: np.ndarray) -> "MinMaxScaler":
        """Learn per-column minimum and maximum from X (n, d); returns self."""
        X = np.asarray(X, dtype=float)
        self.data_min_ = X.min(axis=0)
        self.data_max_ = X.max(axis=0)
        return self

    def _span(self) -> np.ndarray:
        # A constant column has max - min = 0 exactly: divide it by 1 instead, so its
        # training value maps to the lower end of feature_range.
        span = self.data_max_ - self.data_min_
        return np.where(span == 0, 1.0, span)

    def _check(self, X: np.ndarray) -> None:
        if self.data_min_ is None:
            raise RuntimeError("call fit before transform or inverse_transform")
        if X.ndim != 2 or X.shape[1] != len(self.data_min_):
            raise ValueError(f"expected {len(self.data_min_)} columns, got shape {X.shape}")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Map X with the training min and max; values outside them land outside the range."""
        X = np.asarray(X, dtype=float)
        self._check(X)
        lo, hi = self.feature_range
        # Subtract the minimum before scaling: x - min is exact for nearby values, whereas
        # x * scale + offset cancels catastrophically for columns far from zero.
        unit = (X - self.data_min_) / self._span()
        return lo + unit * (hi - lo)

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).transform(X)

    def inverse_transform(self, Y: np.ndarray) -> np.ndarray:
        """Undo transform: back to the original units."""
        Y = np.asarray(Y, dtype=float)
        self._check(Y)
        lo, hi = self.feature_range
        unit = (Y - lo) / (hi - lo)
        return self.data_min_ + unit * self._span()
