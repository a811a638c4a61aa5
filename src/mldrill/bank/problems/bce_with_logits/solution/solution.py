import numpy as np


def softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + exp(z)) for any z, without overflow and accurate when it is tiny."""
    # log(1 + e^z) = max(z, 0) + log(1 + e^-|z|); the exponent is <= 0, so e^-|z| <= 1
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def bce_with_logits(logits, targets, pos_weight=None) -> float:
    """Mean binary cross-entropy of sigmoid(logits) against targets in [0, 1]."""
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(targets, dtype=np.float64)
    w = 1.0 if pos_weight is None else np.asarray(pos_weight, dtype=np.float64)
    # -log sigmoid(z) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z)
    loss = w * y * softplus(-z) + (1.0 - y) * softplus(z)
    return float(np.mean(loss))
