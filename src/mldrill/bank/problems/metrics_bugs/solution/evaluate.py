"""Evaluate a multi-class probabilistic classifier."""

import numpy as np
from classification import classification_report
from ranking import roc_auc


def evaluate(y_true, probs):
    """The classification report of the argmax predictions, plus one-vs-rest AUCs.

    probs has one row per sample and one column per class.
    """
    n_classes = probs.shape[1]
    report = classification_report(y_true, probs.argmax(axis=1), n_classes)
    report["auc"] = np.array(
        [roc_auc((y_true == c).astype(np.int64), probs[:, c]) for c in range(n_classes)]
    )
    report["macro_auc"] = float(report["auc"].mean())
    return report
