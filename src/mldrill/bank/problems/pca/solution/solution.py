import numpy as np


class PCA:
    """Principal component analysis by SVD of the centred data."""

    def __init__(self, n_components: int | None = None) -> None:
        self.n_components = n_components
        self.mean_ = None
        self.components_ = None
        self.explained_variance_ = None
        self.explained_variance_ratio_ = None

    def fit(self, X: np.ndarray) -> "PCA":
        """Learn the mean, the principal axes and their variances from X (n, d)."""
        X = np.asarray(X, dtype=float)
        n, d = X.shape
        if n < 2:
            raise ValueError(f"PCA needs at least 2 samples, got {n}")
        k = min(n, d) if self.n_components is None else self.n_components
        if not 1 <= k <= min(n, d):
            raise ValueError(f"n_components must be in [1, {min(n, d)}], got {k}")
        self.mean_ = X.mean(axis=0)
        # Xc = U diag(S) Vt: the rows of Vt are the principal axes, and S^2 / (n - 1) is the
        # sample variance along each. SVD works on Xc itself, so small variances survive
        # (forming the covariance Xc.T Xc squares them first).
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        # An axis and its negation are equally valid: flip each so that its entry of largest
        # magnitude is positive, which makes the output deterministic.
        biggest = Vt[np.arange(len(Vt)), np.argmax(np.abs(Vt), axis=1)]
        Vt = Vt * np.sign(biggest)[:, None]
        variance = S**2 / (n - 1)
        total = variance.sum()  # the total variance: over all axes, kept or not
        self.components_ = Vt[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = variance[:k] / total if total > 0 else np.zeros(k)
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Coordinates of X along the principal axes, shape (n, k)."""
        return (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Back from (n, k) coordinates to the original d features."""
        return np.asarray(Z, dtype=float) @ self.components_ + self.mean_
