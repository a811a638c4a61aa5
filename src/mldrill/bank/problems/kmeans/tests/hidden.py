import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_equal, expect_fast


def _blobs(rng, centres, per_blob, spread):
    centres = np.asarray(centres, dtype=float)
    X = np.vstack(
        [c + rng.normal(scale=spread, size=(per_blob, centres.shape[1])) for c in centres]
    )
    return X, np.repeat(np.arange(len(centres)), per_blob)


def _run_both(sol, ref, X, k, seed, **kw):
    got = sol.kmeans(X, k, box_rng(sol, seed), **kw)
    want = ref.kmeans(X, k, np.random.default_rng(seed), **kw)
    return got, want


@case("correctness", hint="One iteration = assign every point, then move every centroid.")
def test_hand_worked_1d(sol):
    X = np.array([[0.0], [1.0], [4.0], [9.0], [10.0]])
    # With seed 1, rng.choice(5, size=2, replace=False) picks rows 1 and 2: centroids 1 and 4.
    # Iteration 1: labels [0 0 1 1 1], centroids 0.5 and 23/3.
    # Iteration 2: 4 is now closer to 0.5: labels [0 0 0 1 1], centroids 5/3 and 9.5.
    # Iteration 3: no label changes, so the loop stops.
    steps = [
        (1, [[0.5], [23 / 3]], [0, 0, 1, 1, 1]),
        (2, [[5 / 3], [9.5]], [0, 0, 0, 1, 1]),
        (100, [[5 / 3], [9.5]], [0, 0, 0, 1, 1]),
    ]
    for n_iter, centroids, labels in steps:
        got_c, got_l = sol.kmeans(X, 2, box_rng(sol, 1), n_iter=n_iter)
        expect_close(got_c, np.array(centroids), rtol=1e-12, what=f"centroids with n_iter={n_iter}")
        expect_equal(got_l.tolist(), labels, what=f"labels with n_iter={n_iter}")


@case("correctness", hint="Start from rows rng.choice(n, size=k, replace=False), in that order.")
def test_matches_reference(sol, ref, rng):
    X, _ = _blobs(rng, [[0, 0], [4, 4], [0, 5]], per_blob=30, spread=1.2)
    for seed in (3, 11, 20):
        (got_c, got_l), (want_c, want_l) = _run_both(sol, ref, X, 3, seed)
        expect_equal(got_l.tolist(), want_l.tolist(), what=f"labels (seed {seed})")
        expect_close(got_c, want_c, rtol=1e-10, what=f"centroids (seed {seed})")


@case("correctness", hint="Use the rng you are given, and draw nothing else from it.")
def test_matches_reference_3d(sol, ref, rng):
    X = rng.normal(size=(60, 3))
    (got_c, got_l), (want_c, want_l) = _run_both(sol, ref, X, 4, 5)
    expect_equal(got_l.tolist(), want_l.tolist(), what="labels")
    expect_close(got_c, want_c, rtol=1e-10, what="centroids")


@case("correctness", hint="Labels must be integer indices into the centroid array.")
def test_converged_fixed_point(sol, rng):
    X = rng.normal(size=(80, 2))
    centroids, labels = sol.kmeans(X, 5, box_rng(sol, 9))
    expect(centroids.shape == (5, 2), f"centroids should have shape (5, 2), got {centroids.shape}")
    expect(labels.shape == (80,), f"labels should have shape (80,), got {labels.shape}")
    expect(labels.dtype.kind in "iu", f"labels should be integers, got dtype {labels.dtype}")
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    expect_equal(labels.tolist(), dist2.argmin(axis=1).tolist(), what="label = nearest centroid")
    for j in range(5):
        members = X[labels == j]
        if len(members):
            expect_close(centroids[j], members.mean(axis=0), rtol=1e-10, what=f"centroid {j}")


@case("correctness")
def test_recovers_separated_blobs(sol, rng):
    X, truth = _blobs(rng, [[0, 0], [20, 0], [0, 20]], per_blob=15, spread=1.0)
    # Seed 5 starts with one row from each blob, so Lloyd finds the blobs exactly.
    start = np.random.default_rng(5).choice(len(X), size=3, replace=False)
    centroids, labels = sol.kmeans(X, 3, box_rng(sol, 5))
    for j, row in enumerate(start):
        blob = truth[row]
        expect_close(centroids[j], X[truth == blob].mean(axis=0), rtol=1e-12, what=f"centroid {j}")
        expect(bool(np.all(labels[truth == blob] == j)), f"blob {blob} is not all in cluster {j}")


@case(
    "edge_cases", hint="A cluster with no points keeps the centroid it had; mean of nothing is nan."
)
def test_empty_cluster_keeps_centroid(sol):
    X = np.array([[0.0, 0.0]] * 5 + [[10.0, 0.0]])
    # Seed 0 picks rows 4 and 3: two identical centroids at the origin. Ties go to the lower
    # index, so every point joins cluster 0 and cluster 1 is empty in the first iteration.
    got_c, got_l = sol.kmeans(X, 2, box_rng(sol, 0), n_iter=1)
    expect_close(got_c, np.array([[10 / 6, 0.0], [0.0, 0.0]]), what="centroids after iteration 1")
    expect_equal(got_l.tolist(), [0] * 6, what="labels after iteration 1 (ties go to index 0)")
    got_c, got_l = sol.kmeans(X, 2, box_rng(sol, 0))
    expect_close(got_c, np.array([[10.0, 0.0], [0.0, 0.0]]), what="converged centroids")
    expect_equal(got_l.tolist(), [1, 1, 1, 1, 1, 0], what="converged labels")


@case("edge_cases")
def test_k_equals_one(sol, rng):
    X = rng.normal(size=(20, 3))
    centroids, labels = sol.kmeans(X, 1, box_rng(sol, 2))
    expect_close(centroids, X.mean(axis=0, keepdims=True), rtol=1e-12, what="the single centroid")
    expect_equal(labels.tolist(), [0] * 20, what="labels with k=1")


@case("edge_cases")
def test_k_equals_n(sol, rng):
    X = rng.normal(size=(7, 2))
    start = np.random.default_rng(4).choice(7, size=7, replace=False)
    centroids, labels = sol.kmeans(X, 7, box_rng(sol, 4))
    expect_close(centroids, X[start], rtol=1e-12, what="centroids when every point is a cluster")
    want = np.empty(7, dtype=int)
    want[start] = np.arange(7)
    expect_equal(labels.tolist(), want.tolist(), what="labels when every point is a cluster")


@case("edge_cases", hint="Means of integers are not integers: work in floats.")
def test_integer_points(sol, ref):
    X = np.array([[0, 0], [0, 1], [1, 0], [7, 7], [7, 8], [8, 8], [3, 9]])
    (got_c, got_l), (want_c, want_l) = _run_both(sol, ref, X, 2, 6)
    expect_close(got_c, want_c.astype(float), rtol=1e-12, what="centroids of integer points")
    expect_equal(got_l.tolist(), want_l.tolist(), what="labels of integer points")


@case("numerical_stability", hint="|x|^2 - 2x.c + |c|^2 loses every digit when |x| ~ 1e8.")
def test_far_from_origin(sol, ref, rng):
    X, _ = _blobs(rng, [[0, 0], [3, 3], [0, 4]], per_blob=20, spread=1.0)
    X += 1e8
    (got_c, got_l), (want_c, want_l) = _run_both(sol, ref, X, 3, 8)
    expect_equal(got_l.tolist(), want_l.tolist(), what="labels for points near 1e8")
    expect_close(got_c, want_c, rtol=1e-13, what="centroids for points near 1e8")


@case(
    "efficiency",
    timeout=10.0,
    hint="Compute all point-centroid distances at once with broadcasting.",
)
def test_speed(sol, ref, rng):
    X, _ = _blobs(rng, [[0, 0], [5, 5], [0, 6], [6, 0]], per_blob=150, spread=1.0)
    ref_rng = np.random.default_rng(1)  # advances call by call, exactly like the boxed one

    def reference(X, k, _boxed_rng):
        return ref.kmeans(X, k, ref_rng)

    expect_fast(sol.kmeans, reference, X, 4, box_rng(sol, 1), max_ratio=15, floor_ms=3)
