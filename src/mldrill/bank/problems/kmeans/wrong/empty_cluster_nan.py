import numpy as np


def kmeans(X, k, rng, n_iter=100):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    centroids = X[rng.choice(n, size=k, replace=False)].copy()
    labels = None
    for _ in range(n_iter):
        dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        new_labels = dist2.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        # the mean of an empty cluster is nan (and then every distance to it is nan)
        centroids = np.array([X[labels == j].mean(axis=0) for j in range(k)])
    return centroids, labels
