import numpy as np


def time_series_split(n_samples, n_splits, gap=0, test_size=None, max_train_size=None):
    if n_splits < 1 or gap < 0:
        raise ValueError("bad arguments")
    t = n_samples // (n_splits + 1) if test_size is None else test_size
    if t < 1 or (max_train_size is not None and max_train_size < 1):
        raise ValueError("bad arguments")
    first_val = n_samples - n_splits * t
    if first_val - gap < 1:
        raise ValueError("the first training set would be empty")
    for k in range(n_splits):  # a generator, as in scikit-learn, not the list asked for
        val_start = first_val + k * t
        train_end = val_start - gap
        train_start = 0 if max_train_size is None else max(0, train_end - max_train_size)
        yield np.arange(train_start, train_end), np.arange(val_start, val_start + t)
