import numpy as np


def perplexity(token_logprobs, mask):
    mask = np.asarray(mask, dtype=np.float64)
    nll = -np.asarray(token_logprobs, dtype=np.float64) * mask  # -inf * 0 is nan
    counts = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_sequence = np.exp(nll.sum(axis=1) / counts)
        corpus = np.exp(nll.sum() / counts.sum())
    return per_sequence, float(corpus)
