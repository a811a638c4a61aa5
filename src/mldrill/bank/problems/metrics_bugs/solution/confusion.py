"""The confusion matrix."""

import numpy as np


def confusion_matrix(y_true, y_pred, n_classes):
    """counts[i, j] = the number of samples whose true class is i and predicted class is j."""
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts
