import numpy as np


def cross_entropy(
    logits: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray | None = None,
    ignore_index: int = -100,
) -> float:
    """Mean multi-class cross-entropy of logits (n, C) against integer targets (n,).

    Row i contributes -weight[target[i]] * log softmax(logits[i])[target[i]]; the sum is
    divided by the sum of those weights. Rows whose target equals ignore_index are left
    out entirely. weight=None means every class has weight 1.
    """
    raise NotImplementedError("write cross_entropy")
