import numpy as np


class GaussianNB:
    """Gaussian naive Bayes.

    After fit(X, y):
      classes_      (k,)   the sorted distinct labels of y
      class_prior_  (k,)   the share of training samples in each class
      theta_        (k, d) per-class feature means
      var_          (k, d) per-class feature variances (divide by the class size), each
                           plus var_smoothing * (the largest variance of a column of X)
    """

    def __init__(self, var_smoothing: float = 1e-9) -> None:
        self.var_smoothing = var_smoothing

    def fit(self, X: np.ndarray, y: np.ndarray) -> "GaussianNB":
        """Learn the priors, means and variances from X (n, d) and labels y (n,)."""
        raise NotImplementedError("write fit")

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        """log P(class | x), shape (m, k)."""
        raise NotImplementedError("write predict_log_proba")

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(class | x), shape (m, k); each row sums to 1."""
        raise NotImplementedError("write predict_proba")

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable label for each row of X, shape (m,)."""
        raise NotImplementedError("write predict")
