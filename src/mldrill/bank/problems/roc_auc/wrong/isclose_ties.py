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
    order = np.argsort(-s)
    s_sorted = s[order]
    y_sorted = y[order]
    tps = np.cumsum(y_sorted)
    fps = np.cumsum(1 - y_sorted)
    # "equal" within a tolerance: distinct scores that are very close are merged into a tie
    distinct = ~np.isclose(s_sorted[1:], s_sorted[:-1])
    last = np.r_[np.flatnonzero(distinct), len(s) - 1]
    tpr = np.r_[0, tps[last]] / tps[-1]
    fpr = np.r_[0, fps[last]] / fps[-1]
    return fpr, tpr, np.r_[np.inf, s_sorted[last]]


def roc_auc(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
