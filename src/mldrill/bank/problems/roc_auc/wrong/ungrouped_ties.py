import numpy as np


def _check(y_true, scores):
    y = np.asarray(y_true)
    s = np.asarray(scores, dtype=float)
    if y.ndim != 1 or y.shape != s.shape:
        raise ValueError("y_true and scores must be 1-D of equal length")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError("y_true must hold only 0 and 1")
    y = y.astype(int)
    if y.min() == y.max():
        raise ValueError("need both classes")
    return y, s


def roc_curve(y_true, scores):
    y, s = _check(y_true, scores)
    order = np.argsort(-s, kind="stable")
    y_sorted = y[order]
    # one point per sample: tied samples are walked one at a time, in input order
    tpr = np.r_[0, np.cumsum(y_sorted)] / y.sum()
    fpr = np.r_[0, np.cumsum(1 - y_sorted)] / (1 - y).sum()
    return fpr, tpr, np.r_[np.inf, s[order]]


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
