import numpy as np


def bootstrap_statistics(
    data: np.ndarray, rng: np.random.Generator, n_resamples: int = 2000, statistic: str = "mean"
) -> np.ndarray:
    """The statistic ("mean" or "median") of each of n_resamples bootstrap resamples.

    Draw all resample indices at once with rng.integers(0, n, size=(n_resamples, n)):
    row b is resample b. Returns an array of shape (n_resamples,).
    """
    raise NotImplementedError("write bootstrap_statistics")


def bootstrap_ci(
    data: np.ndarray,
    rng: np.random.Generator,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    statistic: str = "mean",
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval (low, high) for the statistic of data."""
    raise NotImplementedError("write bootstrap_ci")
