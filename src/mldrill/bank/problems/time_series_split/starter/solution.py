import numpy as np


def time_series_split(
    n_samples: int,
    n_splits: int,
    gap: int = 0,
    test_size: int | None = None,
    max_train_size: int | None = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Expanding-window splits for time-ordered samples (index 0 is the oldest).

    Returns a list of n_splits tuples (train_idx, val_idx) of int64 index arrays.
    """
    raise NotImplementedError("write time_series_split")
