import numpy as np


def causal_lm_loss(logits: np.ndarray, labels: np.ndarray, loss_mask: np.ndarray) -> float:
    """Mean next-token cross-entropy over the target tokens that loss_mask selects."""
    # position t predicts token t + 1: drop the last prediction and the first token
    logits = logits[:, :-1]  # (B, T-1, V)
    targets = labels[:, 1:]  # (B, T-1)
    mask = np.asarray(loss_mask, dtype=bool)[:, 1:]  # the mask belongs to the target token
    if not mask.any():
        return 0.0  # nothing to predict
    # stable log-softmax: log p = x - max - log(sum(exp(x - max)))
    m = np.max(logits, axis=-1, keepdims=True)
    log_probs = logits - m - np.log(np.sum(np.exp(logits - m), axis=-1, keepdims=True))
    safe = np.where(mask, targets, 0)  # masked labels may be -100: never index with them
    nll = -np.take_along_axis(log_probs, safe[..., None], axis=-1)[..., 0]  # (B, T-1)
    # one mean over every selected token in the batch (not a mean of per-sequence means)
    return float(nll[mask].mean())
