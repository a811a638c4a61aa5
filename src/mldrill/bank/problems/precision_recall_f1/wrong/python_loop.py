import numpy as np


def precision_recall_f1(y_true, y_pred, average=None, labels=None):
    if average not in (None, "macro", "micro"):
        raise ValueError("bad average")
    if len(y_true) != len(y_pred):
        raise ValueError("shape mismatch")
    if labels is None:
        labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    labels = list(np.asarray(labels).tolist())
    index = {label: i for i, label in enumerate(labels)}  # numpy scalars hash like ints
    tp = [0] * len(labels)
    support = [0] * len(labels)
    n_predicted = [0] * len(labels)
    # one Python iteration per sample
    for t, p in zip(y_true, y_pred, strict=True):
        if t in index:
            support[index[t]] += 1
        if p in index:
            n_predicted[index[p]] += 1
        if t == p and t in index:
            tp[index[t]] += 1
    tp, support, n_predicted = np.array(tp), np.array(support), np.array(n_predicted)
    if average == "micro":
        tp, support, n_predicted = tp.sum(), support.sum(), n_predicted.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(n_predicted > 0, tp / np.maximum(n_predicted, 1), 0.0)
        recall = np.where(support > 0, tp / np.maximum(support, 1), 0.0)
        den = n_predicted + support
        f1 = np.where(den > 0, 2 * tp / np.maximum(den, 1), 0.0)
    if average is None:
        return precision, recall, f1, support
    if average == "macro":
        return float(precision.mean()), float(recall.mean()), float(f1.mean())
    return float(precision), float(recall), float(f1)
