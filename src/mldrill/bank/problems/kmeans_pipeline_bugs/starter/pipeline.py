"""Standardise, cluster with several restarts, and score against the known groups."""

from data import make_dataset
from evaluate import purity
from kmeans import kmeans
from preprocess import fit_scaler, inverse_transform, transform


def cluster(X, k, n_init=4, max_iter=100, tol=1e-6, seed=0):
    """k-means on the standardised features, best of n_init restarts (seeds seed, seed+1, ...).

    Keeps the run with the lowest inertia (the earliest on ties). Returns its labels, its
    centroids in the original units, its inertia (in standardised units) and its n_iter.
    """
    mean, scale = fit_scaler(X)
    Z = transform(X, mean, scale)
    best = None
    for run in range(n_init):
        result = kmeans(X, k, max_iter, tol, seed=seed + run)
        if best is None or result["inertia"] < best["inertia"]:
            best = result
    return {
        "labels": best["labels"],
        "centroids": inverse_transform(best["centroids"], mean, scale),
        "inertia": best["inertia"],
        "n_iter": best["n_iter"],
    }


def run_pipeline(n_per_cluster=100, k=3, seed=0):
    """Generate the data, cluster it, and report purity against the true groups."""
    X, y = make_dataset(n_per_cluster, seed=seed)
    result = cluster(X, k, seed=seed)
    return {"purity": purity(y, result["labels"]), "inertia": result["inertia"]}
