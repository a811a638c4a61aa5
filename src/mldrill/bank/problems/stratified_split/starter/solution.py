import numpy as np


def stratified_split(y: np.ndarray, test_size: float, rng: np.random.Generator):
    """Split the rows of y into train and test, keeping each class's proportion.

    Returns (train_idx, test_idx): int64 arrays of row indices, each sorted ascending.
    """
    raise NotImplementedError("write stratified_split")
