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
        return log_lik  # every class treated as equally likely a priori

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        """log P(c | x), normalised with a max-shifted log-sum-exp over the classes."""
        jll = self._joint_log_likelihood(X)
        # A product of thousands of densities underflows to 0, but the sums of logs do not;
        # shifting by the row max keeps the largest exp() at 1 while normalising.
        top = np.max(jll, axis=1, keepdims=True)
        log_evidence = top + np.log(np.sum(np.exp(jll - top), axis=1, keepdims=True))
        return jll - log_evidence

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(c | x) for every sample (rows) and class (columns, in classes_ order)."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class label of each sample."""
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]
