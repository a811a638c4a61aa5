import numpy as np


def roc_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve of binary labels (0/1) against real-valued scores.

    Returns (fpr, tpr, thresholds): thresholds[0] is np.inf, then every distinct score in
    decreasing order; point k predicts positive when score >= thresholds[k].
    """
    raise NotImplementedError("write roc_curve")


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve, counting tied positive-negative pairs as 1/2."""
    raise NotImplementedError("write roc_auc")
