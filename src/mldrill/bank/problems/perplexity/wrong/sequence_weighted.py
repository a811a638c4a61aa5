import numpy as np


def perplexity(token_logprobs, mask):
    mask = np.asarray(mask, dtype=bool)
    nll = np.where(mask, -np.asarray(token_logprobs, dtype=np.float64), 0.0)
    counts = mask.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_nll = nll.sum(axis=1) / counts
        per_sequence = np.exp(mean_nll)
    has_tokens = counts > 0
    # exp of the mean of per-sequence NLLs: every sequence weighs the same, whatever its length
    corpus = np.exp(mean_nll[has_tokens].mean()) if has_tokens.any() else np.nan
    return per_sequence, float(corpus)
