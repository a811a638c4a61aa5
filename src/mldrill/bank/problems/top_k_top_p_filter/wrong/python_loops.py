import numpy as np


def _filter_row(row, top_k, top_p):
    row = row.copy()
    vocab = len(row)
    if 0 < top_k < vocab:
        kth = sorted(row, reverse=True)[top_k - 1]
        for j in range(vocab):
            if row[j] < kth:
                row[j] = -np.inf
    if top_p < 1.0:
        e = np.exp(row - row.max())
        probs = e / e.sum()
        order = sorted(range(vocab), key=lambda j: -probs[j])
        mass, threshold = 0.0, probs[order[0]]
        for j in order:
            if mass >= top_p:
                break
            threshold = probs[j]
            mass += probs[j]
        for j in range(vocab):
            if probs[j] < threshold:
                row[j] = -np.inf
    return row


def top_k_top_p_filter(logits, top_k=0, top_p=1.0):
    if top_k < 0:
        raise ValueError("top_k must be >= 0")
    if top_p <= 0.0 or top_p > 1.0:
        raise ValueError("top_p must be in (0, 1]")
    logits = np.asarray(logits, dtype=np.float64)
    return np.array([_filter_row(row, top_k, top_p) for row in logits])


def sample_next_token(logits, rng, top_k=0, top_p=1.0):
    filtered = top_k_top_p_filter(logits, top_k, top_p)
    u = rng.random(filtered.shape[0])
    tokens = []
    for row, ui in zip(filtered, u, strict=True):
        e = np.exp(row - row.max())
        cdf = np.cumsum(e)
        tokens.append(int(np.sum(cdf <= ui * cdf[-1])))
    return np.array(tokens)
