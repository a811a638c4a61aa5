import numpy as np


def perplexity(token_logprobs: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, float]:
    """Per-sequence and corpus perplexity from per-token log-probabilities."""
    mask = np.asarray(mask, dtype=bool)
    # padded entries may hold -inf or nan: select with where, never multiply by the mask
    nll = np.where(mask, -np.asarray(token_logprobs, dtype=np.float64), 0.0)
    counts = mask.sum(axis=1)  # real tokens per sequence
    with np.errstate(invalid="ignore", divide="ignore"):
        # exp of the mean negative log-likelihood; never a product of probabilities
        per_sequence = np.exp(nll.sum(axis=1) / counts)  # 0 / 0 -> nan for empty rows
        corpus = np.exp(nll.sum() / counts.sum())  # token-weighted over the whole batch
    return per_sequence, float(corpus)
