import numpy as np


def perplexity(token_logprobs: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, float]:
    """Per-sequence and corpus perplexity from per-token log-probabilities.

    token_logprobs: (B, T) natural-log probabilities of the actual tokens.
    mask: (B, T), 1 for real tokens and 0 for padding (whose log-probs are arbitrary).

    Returns (per_sequence, corpus): a (B,) float array and a float. The corpus value
    weighs every token equally. A sequence (or corpus) with no tokens gives nan.
    """
    raise NotImplementedError("write perplexity")
