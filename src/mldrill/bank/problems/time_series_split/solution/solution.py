import numpy as np


def time_series_split(
    n_samples: int,
    n_splits: int,
    gap: int = 0,
    test_size: int | None = None,
    max_train_size: int | None = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Expanding-window (train_idx, val_idx) splits for time-ordered samples, oldest first."""
    if n_splits < 1:
        raise ValueError(f"n_splits must be at least 1, got {n_splits}")
    if gap < 0:
        raise ValueError(f"gap must be >= 0, got {gap}")
    t = n_samples // (n_splits + 1) if test_size is None else test_size
    if t < 1:
        raise ValueError(f"validation windows would be empty (test_size {t})")
    if max_train_size is not None and max_train_size < 1:
        raise ValueError(f"max_train_size must be at least 1, got {max_train_size}")
    # The validation windows are the last n_splits * t samples, back to back.
    first_val = n_samples - n_splits * t
    if first_val - gap < 1:
        raise ValueError("the first training set would be empty")
    splits = []
    for k in range(n_splits):
        val_start = first_val + k * t
        train_end = val_start - gap  # exclusive; the gap samples before validation are dropped
        train_start = 0 if max_train_size is None else max(0, train_end - max_train_size)
        splits.append((np.arange(train_start, train_end), np.arange(val_start, val_start + t)))
    return splits
