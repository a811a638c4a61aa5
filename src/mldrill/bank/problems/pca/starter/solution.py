import numpy as np


class PCA:
    """Principal component analysis by SVD of the centred data.

    After fit(X) the object holds:
      mean_                     (d,)   column means of X
      components_               (k, d) unit principal axes, largest variance first
      explained_variance_       (k,)   variance along each axis (divide by n - 1)
      explained_variance_ratio_ (k,)   that variance over the total variance of X
    """

    def __init__(self, n_components: int | None = None) -> None:
        self.n_components = n_components

    def fit(self, X: np.ndarray) -> "PCA":
        """Learn the mean and the principal axes of X (n, d); returns self."""
        raise NotImplementedError("write fit")

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Project X (m, d) onto the principal axes: shape (m, k)."""
        raise NotImplementedError("write transform")

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Map coordinates Z (m, k) back to the original space: shape (m, d)."""
        raise NotImplementedError("write inverse_transform")
