import numpy as np


def precision_recall_f1(y_true, y_pred, average=None, labels=None):
    if average not in (None, "macro", "micro"):
        raise ValueError("bad average")
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError("shape mismatch")
    if labels is None:
        labels = np.union1d(y_true, y_pred)
    labels = np.asarray(labels)
    is_true = y_true[None, :] == labels[:, None]
    is_pred = y_pred[None, :] == labels[:, None]
    tp = np.sum(is_true & is_pred, axis=1)
    support = np.sum(is_true, axis=1)
    n_predicted = np.sum(is_pred, axis=1)
    if average == "micro":
        tp, support, n_predicted = tp.sum(), support.sum(), n_predicted.sum()
    # plain division: a label never predicted (or never present) gives 0 / 0 = nan
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = tp / n_predicted
        recall = tp / support
        f1 = 2 * precision * recall / (precision + recall)
    if average is None:
        return precision, recall, f1, support
    if average == "macro":
        return float(precision.mean()), float(recall.mean()), float(f1.mean())
    return float(precision), float(recall), float(f1)
