import numpy as np

_STATISTICS = {"mean": np.mean, "median": np.median}


def bootstrap_statistics(
    data: np.ndarray, rng: np.random.Generator, n_resamples: int = 2000, statistic: str = "mean"
) -> np.ndarray:
    """The statistic of each of n_resamples resamples of data (drawn with replacement)."""
    data = np.asarray(data, dtype=float)
    if data.ndim != 1 or len(data) == 0:
        raise ValueError("data must be a non-empty 1-D array")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be at least 1, got {n_resamples}")
    if statistic not in _STATISTICS:
        raise ValueError(f"statistic must be 'mean' or 'median', got {statistic!r}")
    n = len(data)
    # Row b holds the n indices of resample b: every resample in one draw, one gather.
    idx = rng.integers(0, n, size=(n_resamples, n))
    # the same draws, but the statistic of each resample is computed in a Python loop
    return np.array([_STATISTICS[statistic](data[row]) for row in idx])


def bootstrap_ci(
    data: np.ndarray,
    rng: np.random.Generator,
    n_resamples: int = 2000,
    confidence: float = 0.95,
    statistic: str = "mean",
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval (low, high) for the statistic of data."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be in (0, 1), got {confidence}")
    stats = bootstrap_statistics(data, rng, n_resamples, statistic)
    # The interval leaves alpha / 2 of the bootstrap distribution out on each side.
    alpha = 1 - confidence
    low, high = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)
