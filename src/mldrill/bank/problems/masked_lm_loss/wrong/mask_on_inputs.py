import numpy as np


def causal_lm_loss(logits, labels, loss_mask):
    logits = logits[:, :-1]
    targets = labels[:, 1:]
    mask = np.asarray(loss_mask, dtype=bool)[:, :-1]  # mask of the input token, not the target
    if not mask.any():
        return 0.0
    m = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    safe = np.where(mask, targets, 0)
    nll = -np.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]
    return float(nll[mask].mean())
