import numpy as np


class StandardScaler:
    """Shift each column to mean 0 and scale it to standard deviation 1."""

    def __init__(self) -> None:
        self.mean_ = None
        self.scale_ = None

    def fit(self, X: np.ndarray) -> "StandardScaler":
        """Learn per-column mean and standard deviation from X (n, d); returns self."""
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        # np.std subtracts the mean before squaring (two passes), so it stays accurate for
        # columns far from zero, where E[x^2] - E[x]^2 would cancel to nothing.
        scale = X.std(axis=0)
        # A column whose values are all equal has variance 0, but rounding in the mean can
        # leave a std of ~1e-17. Divide such columns by 1 so they transform to 0.
        constant = np.ptp(X, axis=0) == 0
        scale[constant] = 1.0
        self.scale_ = scale
        return self

    def _check_fitted(self) -> None:
        if self.mean_ is None:
            raise RuntimeError("call fit before transform or inverse_transform")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Standardise X with the statistics learned by fit (never X's own)."""
        self._check_fitted()
        return (np.asarray(X, dtype=float) - self.mean_) / self.scale_

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Undo transform: back to the original units."""
        self._check_fitted()
        return np.asarray(Z, dtype=float) * self.scale_ + self.mean_
