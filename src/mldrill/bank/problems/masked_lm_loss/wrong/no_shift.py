import numpy as np


def causal_lm_loss(logits, labels, loss_mask):
    mask = np.asarray(loss_mask, dtype=bool)  # no shift: logits[t] is scored against labels[t]
    if not mask.any():
        return 0.0
    m = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    safe = np.where(mask, labels, 0)
    nll = -np.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]
    return float(nll[mask].mean())
