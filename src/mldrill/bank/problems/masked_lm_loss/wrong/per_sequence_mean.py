import numpy as np


def causal_lm_loss(logits, labels, loss_mask):
    logits = logits[:, :-1]
    targets = labels[:, 1:]
    mask = np.asarray(loss_mask, dtype=bool)[:, 1:]
    if not mask.any():
        return 0.0
    m = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    safe = np.where(mask, targets, 0)
    nll = -np.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]
    # mean per sequence, then mean over the sequences that have targets
    counts = mask.sum(axis=1)
    per_seq = (nll * mask).sum(axis=1)[counts > 0] / counts[counts > 0]
    return float(per_seq.mean())
