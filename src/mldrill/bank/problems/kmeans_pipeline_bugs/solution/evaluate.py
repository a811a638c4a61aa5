"""Agreement between found clusters and known groups."""

import numpy as np


def contingency(y_true, y_pred):
    """counts[i, j] = number of rows in true group i and predicted cluster j."""
    counts = np.zeros((y_true.max() + 1, y_pred.max() + 1), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def purity(y_true, y_pred):
    """Fraction of rows that belong to the majority true group of their cluster."""
    counts = contingency(y_true, y_pred)
    return float(counts.max(axis=0).sum() / len(y_true))
