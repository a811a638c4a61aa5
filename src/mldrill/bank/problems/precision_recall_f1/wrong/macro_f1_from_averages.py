import numpy as np


def _safe_divide(num, den):
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den > 0)
    return out


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
    precision = _safe_divide(tp, n_predicted)
    recall = _safe_divide(tp, support)
    f1 = _safe_divide(2 * tp, n_predicted + support)
    if average is None:
        return precision, recall, f1, support
    if average == "macro":
        p, r = precision.mean(), recall.mean()
        # the harmonic mean of the averaged P and R, not the average of the per-class F1
        return float(p), float(r), float(_safe_divide(2 * p * r, p + r))
    return float(precision), float(recall), float(f1)
