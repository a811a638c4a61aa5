import numpy as np


class MinMaxScaler:
    """Rescale each column linearly so its training minimum and maximum map to feature_range.

    After fit, ``data_min_`` and ``data_max_`` hold the per-column minimum and maximum
    (float arrays of shape (d,)).
    """

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        raise NotImplementedError("write __init__")

    def fit(self, X: np.ndarray) -> "MinMaxScaler":
        """Learn per-column minimum and maximum from X of shape (n, d); return self."""
        raise NotImplementedError("write fit")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Rescale X with the statistics learned by fit."""
        raise NotImplementedError("write transform")

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        raise NotImplementedError("write fit_transform")

    def inverse_transform(self, Y: np.ndarray) -> np.ndarray:
        """Map rescaled values back to the original units."""
        raise NotImplementedError("write inverse_transform")
