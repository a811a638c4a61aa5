import numpy as np


def _softmax(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    if top_k < 0:
        raise ValueError("top_k must be >= 0")
    if top_p <= 0.0 or top_p > 1.0:
        raise ValueError("top_p must be in (0, 1]")
    out = np.array(logits, dtype=np.float64)
    vocab = out.shape[-1]
    if 0 < top_k < vocab:
        kth = np.sort(out, axis=-1)[:, -top_k][:, None]
        out = np.where(out >= kth, out, -np.inf)
    if top_p < 1.0:
        probs = _softmax(out)
        order = np.argsort(-probs, axis=-1, kind="stable")
        sorted_p = np.take_along_axis(probs, order, axis=-1)
        # keeps tokens while the running total, including the token, stays <= top_p:
        # the kept mass never reaches top_p
        keep_sorted = np.cumsum(sorted_p, axis=-1) <= top_p
        keep_sorted[:, 0] = True
        keep = np.zeros_like(keep_sorted)
        np.put_along_axis(keep, order, keep_sorted, axis=-1)
        out = np.where(keep, out, -np.inf)
    return out


def sample_next_token(logits, rng, top_k=0, top_p=1.0):
    probs = _softmax(top_k_top_p_filter(logits, top_k, top_p))
    cdf = np.cumsum(probs, axis=-1)
    u = rng.random(probs.shape[0])
    return np.sum(cdf <= u[:, None] * cdf[:, -1:], axis=-1)
