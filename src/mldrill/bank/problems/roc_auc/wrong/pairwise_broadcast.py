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
    thresholds = np.r_[np.inf, np.unique(s)[::-1]]
    predicted = s[None, :] >= thresholds[:, None]
    tpr = (predicted & (y == 1)).sum(axis=1) / y.sum()
    fpr = (predicted & (y == 0)).sum(axis=1) / (1 - y).sum()
    return fpr, tpr, thresholds


def roc_auc(y_true, scores):
    y, s = _check(y_true, scores)
    pos = s[y == 1]
    neg = s[y == 0]
    # every positive-negative pair: right, but P x N work and memory
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(wins / (len(pos) * len(neg)))
