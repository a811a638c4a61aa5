import numpy as np


def _check(y_true, scores) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError(f"y_true and scores must be 1-D of equal length: {y.shape}, {s.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y_true must hold only 0 and 1")
    y = y.astype(int)
    if y.min() == y.max():
        raise ValueError("ROC AUC needs at least one positive and one negative")
    return y, s


def roc_curve(y_true, scores) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds): one point per distinct score, from (0, 0) to (1, 1)."""
    y, s = _check(y_true, scores)
    order = np.argsort(-s)  # highest score first
    s_sorted = s[order]
    y_sorted = y[order]
    tps = np.cumsum(y_sorted)  # true positives among the top i + 1 samples
    fps = np.cumsum(1 - y_sorted)  # false positives among them
    # A threshold admits every sample with the same score at once, so keep only the last
    # position of each run of equal scores: tied samples move the curve in one step.
    last = np.r_[np.flatnonzero(s_sorted[1:] != s_sorted[:-1]), len(s) - 1]
    tpr = np.r_[0, tps[last]] / tps[-1]
    fpr = np.r_[0, fps[last]] / fps[-1]
    thresholds = np.r_[np.inf, s_sorted[last]]
    return fpr, tpr, thresholds


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve: P(score of a positive > score of a negative), ties 1/2."""
    fpr, tpr, _ = roc_curve(y_true, scores)
    # Trapezoid rule. A run of tied scores is one diagonal segment, whose trapezoid counts
    # each tied positive-negative pair as half a correct ordering.
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
