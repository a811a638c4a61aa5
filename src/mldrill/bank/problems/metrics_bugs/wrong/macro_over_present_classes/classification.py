"""Per-class precision, recall and F1, their macro averages, and accuracy."""

import numpy as np
from confusion import confusion_matrix


def safe_divide(num, den):
    """num / den elementwise, with 0 where den is 0 (a class never predicted, say)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den > 0)


def per_class_scores(cm):
    """Precision, recall, F1 and support of each class from a confusion matrix
    (rows are true classes, columns are predicted classes)."""
    tp = np.diag(cm)
    predicted = cm.sum(axis=0)  # how often each class was predicted
    actual = cm.sum(axis=1)  # how often each class occurs: its support
    precision = safe_divide(tp, predicted)
    recall = safe_divide(tp, actual)
    f1 = safe_divide(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "support": actual}


def classification_report(y_true, y_pred, n_classes):
    """The confusion matrix, per-class scores, their macro averages and the accuracy.

    Macro averages give every class the same weight, however rare it is.
    """
    cm = confusion_matrix(y_true, y_pred, n_classes)
    report = {"confusion": cm, **per_class_scores(cm)}
    for name in ("precision", "recall", "f1"):
        report[f"macro_{name}"] = float(np.mean(report[name][report["support"] > 0]))
    report["accuracy"] = float(np.trace(cm) / cm.sum())
    return report
