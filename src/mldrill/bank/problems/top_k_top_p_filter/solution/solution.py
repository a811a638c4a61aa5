import numpy as np


def _softmax(x: np.ndarray) -> np.ndarray:
    """Row-wise softmax; -inf logits get probability 0."""
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))  # shift by the row max: no overflow
    return e / np.sum(e, axis=-1, keepdims=True)


def top_k_top_p_filter(logits: np.ndarray, top_k: int = 0, top_p: float = 1.0) -> np.ndarray:
    """Top-k, then nucleus (top-p) filtering of (batch, vocab) logits; removed -> -inf."""
    if top_k < 0:
        raise ValueError(f"top_k must be >= 0, got {top_k}")
    if top_p <= 0.0 or top_p > 1.0:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}")
    out = np.array(logits, dtype=np.float64)  # a copy: never edit the caller's array
    vocab = out.shape[-1]
    if 0 < top_k < vocab:
        # keep every logit >= the k-th largest of its row (ties at the boundary stay)
        kth = np.sort(out, axis=-1)[:, -top_k][:, None]
        out = np.where(out >= kth, out, -np.inf)
    if top_p < 1.0:
        probs = _softmax(out)  # renormalised over the tokens top-k kept
        sorted_p = np.sort(probs, axis=-1)[:, ::-1]  # descending
        mass_before = np.cumsum(sorted_p, axis=-1) - sorted_p  # mass of more likely tokens
        # the nucleus is the shortest prefix that reaches top_p; its first token always counts
        n_keep = np.sum(mass_before < top_p, axis=-1, keepdims=True)
        threshold = np.take_along_axis(sorted_p, n_keep - 1, axis=-1)
        out = np.where(probs >= threshold, out, -np.inf)
    return out


def sample_next_token(
    logits: np.ndarray, rng: np.random.Generator, top_k: int = 0, top_p: float = 1.0
) -> np.ndarray:
    """One token id per row, drawn from the filtered distribution by inverse-CDF sampling."""
    filtered = top_k_top_p_filter(logits, top_k, top_p)
    # unnormalised probabilities: removed tokens get exp(-inf) = 0
    weights = np.exp(filtered - np.max(filtered, axis=-1, keepdims=True))
    cdf = np.cumsum(weights, axis=-1)
    u = rng.random(filtered.shape[0])  # one uniform draw per row, in row order
    # the first index whose cumulative weight exceeds u * total
    return np.sum(cdf <= u[:, None] * cdf[:, -1:], axis=-1)
