import numpy as np


def kmeans(X, k, rng, n_iter=100):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    centroids = X[rng.choice(n, size=k, replace=False)].copy()
    labels = None
    for _ in range(n_iter):
        new_labels = np.zeros(n, dtype=int)
        for i in range(n):
            best = np.inf
            for j in range(k):
                dist = np.sum((X[i] - centroids[j]) ** 2)
                if dist < best:
                    best = dist
                    new_labels[i] = j
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centroids[j] = members.mean(axis=0)
    return centroids, labels
