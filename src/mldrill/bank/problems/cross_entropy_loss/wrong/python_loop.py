import numpy as np


def log_softmax(logits: np.ndarray) -> np.ndarray:
    """log softmax over the last axis: x - logsumexp(x), shifted by the max."""
    # logsumexp(x) = m + log(sum(exp(x - m))) with m = max(x): the largest exp() is 1,
    # so nothing overflows, and no probability is rounded to 0 before the log.
    shifted = logits - np.max(logits, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def cross_entropy(
    logits: np.ndarray, target: np.ndarray, weight: np.ndarray | None = None, ignore_index: int = -100
) -> float:
    """Weighted mean of -log softmax(logits)[target] over the rows that are not ignored."""
    logits = np.asarray(logits, dtype=float)
    target = np.asarray(target)
    n_classes = logits.shape[1]
    keep = target != ignore_index
    t = target[keep]
    if np.any((t < 0) | (t >= n_classes)):
        raise ValueError(f"targets must be in [0, {n_classes}) or equal ignore_index")
    w = np.ones(n_classes) if weight is None else np.asarray(weight, dtype=float)
    rows = logits[keep]
    loss = 0.0
    total = 0.0
    for i in range(len(t)):  # one row at a time
        row = log_softmax(rows[i])
        loss -= w[t[i]] * row[t[i]]
        total += w[t[i]]
    if total == 0:
        return 0.0
    return float(loss / total)
