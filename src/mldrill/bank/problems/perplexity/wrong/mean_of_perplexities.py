import numpy as np


def perplexity(token_logprobs, mask):
    mask = np.asarray(mask, dtype=bool)
    nll = np.where(mask, -np.asarray(token_logprobs, dtype=np.float64), 0.0)
    counts = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_sequence = np.exp(nll.sum(axis=1) / counts)
    has_tokens = counts > 0
    corpus = per_sequence[has_tokens].mean() if has_tokens.any() else np.nan
    return per_sequence, float(corpus)  # the plain mean of the per-sequence perplexities
