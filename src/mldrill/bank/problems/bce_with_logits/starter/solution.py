import numpy as np


def bce_with_logits(logits, targets, pos_weight=None) -> float:
    """Mean binary cross-entropy of sigmoid(logits) against targets in [0, 1].

    logits and targets have the same shape. pos_weight is None, a number, or an array
    that broadcasts against logits (one weight per class along the last axis); it scales
    the loss of the positive term. Return a Python float.
    """
    raise NotImplementedError("write bce_with_logits")
