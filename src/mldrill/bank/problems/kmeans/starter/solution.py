import numpy as np


def kmeans(X: np.ndarray, k: int, rng: np.random.Generator, n_iter: int = 100):
    """Cluster the rows of X into k groups with Lloyd's algorithm.

    Start from the rows rng.choice(n, size=k, replace=False). Returns (centroids, labels):
    centroids of shape (k, d) (floats), labels of shape (n,) (ints in 0..k-1).
    """
    raise NotImplementedError("write kmeans")
