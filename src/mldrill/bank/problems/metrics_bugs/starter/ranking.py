"""Ranks with ties and the ROC AUC."""

import numpy as np


def rankdata(x):
    """1-based ranks of x; tied values all get the mean of the ranks they span."""
    _, inverse, counts = np.unique(x, return_inverse=True, return_counts=True)
    last = np.cumsum(counts)  # rank of the last member of each group of equal values
    first = last - counts + 1
    return ((first + last) / 2)[inverse]


def roc_auc(y_true, scores):
    """Area under the ROC curve for binary labels (1 = positive).

    Equals the probability that a random positive outscores a random negative, a tie
    counting one half (the Mann-Whitney U statistic divided by n_pos * n_neg).
    """
    pos = y_true == 1
    n_pos = int(pos.sum())
    n_neg = len(y_true) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("roc_auc needs at least one positive and one negative sample")
    ranks = np.argsort(np.argsort(scores)) + 1.0
    u = ranks[pos].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))
