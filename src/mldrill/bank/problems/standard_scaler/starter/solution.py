import numpy as np


class StandardScaler:
    """Shift each column to mean 0 and scale it to standard deviation 1.

    After fit, ``mean_`` and ``scale_`` hold the per-column mean and scale (arrays of shape (d,)).
    """

    def __init__(self) -> None:
        self.mean_ = None
        self.scale_ = None

    def fit(self, X: np.ndarray) -> "StandardScaler":
        """Learn per-column statistics from X of shape (n, d); return self."""
        raise NotImplementedError("write fit")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Standardise X with the statistics learned by fit."""
        raise NotImplementedError("write transform")

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        raise NotImplementedError("write fit_transform")

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Map standardised values back to the original units."""
        raise NotImplementedError("write inverse_transform")
