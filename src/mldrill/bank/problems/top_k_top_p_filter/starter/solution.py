import numpy as np


def top_k_top_p_filter(logits: np.ndarray, top_k: int = 0, top_p: float = 1.0) -> np.ndarray:
    """Top-k, then nucleus (top-p) filtering of (batch, vocab) logits.

    Returns a float64 array shaped like logits: kept entries unchanged, removed ones -inf.
    top_k = 0 and top_p = 1.0 switch the respective filter off.
    """
    raise NotImplementedError("write top_k_top_p_filter")


def sample_next_token(
    logits: np.ndarray, rng: np.random.Generator, top_k: int = 0, top_p: float = 1.0
) -> np.ndarray:
    """One token id per row from the filtered distribution (int array of shape (batch,)).

    Draw u = rng.random(batch) once and pick, per row, the first token whose cumulative
    probability exceeds u times the row's total.
    """
    raise NotImplementedError("write sample_next_token")
