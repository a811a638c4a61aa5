import numpy as np


def _safe_divide(num, den) -> np.ndarray:
    """num / den elementwise, and 0 wherever den is 0 (the zero-division rule)."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den > 0)
    return out


def precision_recall_f1(y_true, y_pred, average=None, labels=None):
    """Per-class (average=None) or macro/micro-averaged precision, recall and F1."""
    if average not in (None, "macro", "micro"):
        raise ValueError(f"average must be None, 'macro' or 'micro', got {average!r}")
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred differ in shape: {y_true.shape} vs {y_pred.shape}")
    if labels is None:
        labels = np.union1d(y_true, y_pred)  # sorted, each label once
    labels = np.asarray(labels)
    # One row per label: which samples truly have it, and which were predicted as it.
    is_true = y_true[None, :] == labels[:, None]
    is_pred = y_pred[None, :] == labels[:, None]
    tp = np.sum(is_true & is_pred, axis=1)
    support = np.sum(is_true, axis=1)  # tp + fn
    n_predicted = np.sum(is_pred, axis=1)  # tp + fp
    if average == "micro":
        # Pool the counts over the labels first, then form one set of ratios.
        tp, support, n_predicted = tp.sum(), support.sum(), n_predicted.sum()
    precision = _safe_divide(tp, n_predicted)
    recall = _safe_divide(tp, support)
    # F1 = 2PR / (P + R) = 2 tp / (2 tp + fp + fn); this form is 0, not 0/0, when tp = 0.
    f1 = _safe_divide(2 * tp, n_predicted + support)
    if average is None:
        return precision, recall, f1, support
    if average == "macro":
        # Every label counts equally, however rare: average the per-class scores.
        return float(precision.mean()), float(recall.mean()), float(f1.mean())
    return float(precision), float(recall), float(f1)
