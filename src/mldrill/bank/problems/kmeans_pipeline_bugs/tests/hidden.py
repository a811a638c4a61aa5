import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_dataset_recorded_values(sol):
    X, y = sol.data.make_dataset(seed=0)
    expect(X.shape == (300, 3), f"X has shape {X.shape}, expected (300, 3)")
    expect_equal(np.bincount(y).tolist(), [100, 100, 100], what="rows per true group")
    expect_equal(y[:12].tolist(), [2, 1, 2, 2, 2, 1, 1, 1, 0, 0, 2, 0], what="y[:12]")
    expect_close(
        X[:2],
        np.array(
            [
                [2.2094551903, 5.1418778282, 1607.5151598834],
                [6.8545842349, -0.48896906384, 685.03078191],
            ]
        ),  # fmt: skip
        rtol=1e-9,
        what="X[:2] (recorded from a correct run)",
    )
    X5, y5 = sol.data.make_dataset(5, seed=2)
    expect(X5.shape == (15, 3), f"make_dataset(5) gave shape {X5.shape}, expected (15, 3)")
    want = [2, 0, 1, 2, 0, 2, 0, 2, 0, 1, 1, 1, 2, 0, 1]
    expect_equal(y5.tolist(), want, what="make_dataset(5, seed=2) labels")


# ---------------------------------------------------------------- preprocess.py


@case("correctness")
def test_scaler_hand_example(sol):
    X = np.array([[1.0, 10.0, 4.0], [3.0, 30.0, 4.0], [5.0, 50.0, 4.0], [7.0, 70.0, 4.0]])
    mean, scale = sol.preprocess.fit_scaler(X)
    expect_close(mean, np.array([4.0, 40.0, 4.0]), what="column means")
    expect_close(
        scale, np.array([np.sqrt(5.0), np.sqrt(500.0), 1.0]), what="scales (constant column: 1)"
    )
    Z = sol.preprocess.transform(X, mean, scale)
    want = np.array([[-3.0, -3.0, 0.0], [-1.0, -1.0, 0.0], [1.0, 1.0, 0.0], [3.0, 3.0, 0.0]])
    want[:, :2] /= np.sqrt(5.0)
    expect_close(Z, want, rtol=1e-12, atol=1e-12, what="transform(X)")
    back = sol.preprocess.inverse_transform(Z, mean, scale)
    expect_close(back, X, rtol=1e-12, what="inverse_transform(transform(X))")


@case("edge_cases", hint="A column whose std is at most eps counts as constant.")
def test_scaler_eps_threshold(sol):
    X = np.array([[0.0, 0.0], [4.0, 6.0]])  # stds 2 and 3
    _, scale = sol.preprocess.fit_scaler(X, eps=2.0)
    expect_close(scale, np.array([1.0, 3.0]), what="scales with eps=2 (std 2 is not above eps)")


# ---------------------------------------------------------------- kmeans.py


@case("correctness")
def test_pairwise_sq_dists_hand_example(sol):
    X = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, -1.0]])
    C = np.array([[0.0, 0.0], [3.0, 0.0]])
    want = np.array([[0.0, 9.0], [25.0, 16.0], [2.0, 5.0]])
    expect_close(sol.kmeans.pairwise_sq_dists(X, C), want, rtol=1e-12, what="squared distances")


@case("numerical_stability", hint="Expanding |x|^2 - 2 x.c + |c|^2 cancels catastrophically.")
def test_distances_far_from_the_origin(sol):
    X = np.array([[1e8, 1e8], [1e8 + 1.0, 1e8], [1e8 + 3.0, 1e8 + 4.0]])
    C = np.array([[1e8, 1e8], [1e8 + 3.0, 1e8]])
    want = np.array([[0.0, 9.0], [1.0, 4.0], [25.0, 16.0]])
    expect_close(sol.kmeans.pairwise_sq_dists(X, C), want, rtol=1e-9, atol=1e-9, what="distances")
    expect_equal(sol.kmeans.assign(X, C).tolist(), [0, 0, 1], what="assign() far from the origin")


@case("correctness")
def test_assign_hand_example(sol):
    X = np.array([[0.0], [1.4], [1.6], [9.0], [-5.0]])
    C = np.array([[0.0], [3.0], [10.0]])
    expect_equal(sol.kmeans.assign(X, C).tolist(), [0, 0, 1, 2, 0], what="nearest centroids")


@case("correctness", hint="Each new centroid is the mean of the rows assigned to it.")
def test_update_centroids_hand_example(sol):
    X = np.array([[0.0, 0.0], [2.0, 0.0], [4.0, 3.0], [10.0, 10.0], [12.0, 14.0]])
    labels = np.array([0, 0, 0, 1, 1])
    old = np.array([[1.0, 1.0], [5.0, 5.0]])
    got = sol.kmeans.update_centroids(X, labels, old)
    expect_close(got, np.array([[2.0, 1.0], [11.0, 12.0]]), rtol=1e-12, what="new centroids")


@case("edge_cases", hint="A cluster that lost all its rows has no mean: keep its old centroid.")
def test_update_centroids_keeps_an_empty_cluster(sol):
    X = np.array([[0.0, 1.0], [2.0, 3.0], [10.0, 0.0]])
    labels = np.array([2, 2, 0])
    old = np.array([[9.0, 9.0], [-4.0, 7.0], [0.0, 0.0]])
    got = sol.kmeans.update_centroids(X, labels, old)
    want = np.array([[10.0, 0.0], [-4.0, 7.0], [1.0, 2.0]])
    expect_close(got, want, rtol=1e-12, what="centroids with cluster 1 empty")


@case("edge_cases", hint="'No centroid moved further than tol' includes moving exactly tol.")
def test_has_converged_boundary(sol):
    old = np.array([[0.0, 0.0], [1.0, 1.0]])
    expect(sol.kmeans.has_converged(old, old + 0.0, 0.0) is True, "nothing moved, tol=0: not done")
    moved = np.array([[3.0, 4.0], [1.0, 1.0]])  # the first centroid moved exactly 5
    expect(sol.kmeans.has_converged(old, moved, 5.0) is True, "a move of exactly tol=5: not done")
    expect(sol.kmeans.has_converged(old, moved, 4.9) is False, "a move of 5 > tol=4.9: done")
    second = np.array([[0.0, 0.0], [1.0, 3.5]])  # only the second centroid moved, by 2.5
    expect(sol.kmeans.has_converged(old, second, 2.0) is False, "a move of 2.5 > tol=2: done")


@case("correctness", hint="Inertia: each row's squared distance to its nearest centroid, summed.")
def test_inertia_hand_example(sol):
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    C = np.array([[1.0], [10.0]])
    expect_close(sol.kmeans.inertia(X, C), 2.0, rtol=1e-12, what="inertia")
    expect_close(sol.kmeans.inertia(X, np.array([[0.0]])), 105.0, rtol=1e-12, what="with k=1")


@case("correctness", hint="Run the four points by hand: how many update steps until nothing moves?")
def test_kmeans_hand_example(sol):
    X = np.array([[0.0], [1.0], [2.0], [10.0]])
    # Step 1: labels [0, 1, 1, 1] -> centroids 0 and 13/3. Step 2: labels [0, 0, 0, 1] ->
    # 1 and 10. Step 3: nothing changes, so the loop stops after three update steps.
    result = sol.kmeans.kmeans(X, 2, max_iter=50, tol=1e-9, init=np.array([[0.0], [1.0]]))
    expect_close(result["centroids"], np.array([[1.0], [10.0]]), rtol=1e-12, what="centroids")
    expect_equal(result["labels"].tolist(), [0, 0, 0, 1], what="labels")
    expect_close(result["inertia"], 2.0, rtol=1e-12, what="inertia")
    expect_equal(int(result["n_iter"]), 3, what="n_iter (update steps taken)")
    capped = sol.kmeans.kmeans(X, 2, max_iter=1, tol=1e-9, init=np.array([[0.0], [1.0]]))
    expect_close(capped["centroids"], np.array([[0.0], [13.0 / 3.0]]), what="centroids, max_iter=1")
    expect_equal(capped["labels"].tolist(), [0, 0, 0, 1], what="labels after one step")
    expect_close(capped["inertia"], 5.0 + 289.0 / 9.0, rtol=1e-12, what="inertia after one step")
    expect_equal(int(capped["n_iter"]), 1, what="n_iter with max_iter=1")


@case("edge_cases")
def test_init_centroids_are_distinct_rows(sol):
    X = np.arange(40.0).reshape(20, 2)
    for seed in range(5):
        C = sol.kmeans.init_centroids(X, 4, seed=seed)
        expect(C.shape == (4, 2), f"init_centroids gave shape {C.shape}, expected (4, 2)")
        rows = {tuple(r) for r in C.tolist()}
        expect(rows <= {tuple(r) for r in X.tolist()}, "an initial centroid is not a row of X")
        expect(len(rows) == 4, f"seed {seed}: the 4 initial centroids are not distinct rows")
    again = sol.kmeans.init_centroids(X, 4, seed=3)
    expect_close(again, sol.kmeans.init_centroids(X, 4, seed=3), what="a repeated seed")
    expect(sol.kmeans.init_centroids(X, 20, seed=0).shape == (20, 2), "k = n should use every row")


@case("correctness", hint="At convergence, one more assign + update step must change nothing.")
def test_kmeans_result_is_a_fixed_point(sol, rng):
    X = np.concatenate([rng.normal(c, 1.0, size=(30, 2)) for c in ([0, 0], [4, 1], [1, 5])])
    for seed in (0, 1, 2):
        result = sol.kmeans.kmeans(X, 3, max_iter=200, tol=1e-10, seed=seed)
        C, labels = result["centroids"], result["labels"]
        expect(sorted(set(labels.tolist())) == [0, 1, 2], f"seed {seed}: not 3 clusters")
        expect(int(result["n_iter"]) > 1, f"seed {seed}: stopped after {result['n_iter']} step")
        want = np.stack([X[labels == j].mean(axis=0) for j in range(3)])
        expect_close(C, want, rtol=1e-9, atol=1e-9, what=f"seed {seed}: centroids vs cluster means")
        d2 = ((X[:, None, :] - C[None]) ** 2).sum(axis=2)
        expect_equal(labels.tolist(), d2.argmin(axis=1).tolist(), what=f"seed {seed}: labels")
        expect_close(result["inertia"], d2.min(axis=1).sum(), rtol=1e-9, what="inertia")


# ---------------------------------------------------------------- pipeline.py


def _standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


@case("correctness", hint="Would the clusters change if one feature were measured in other units?")
def test_cluster_is_unit_invariant(sol):
    X, _ = sol.data.make_dataset(40, seed=5)
    base = sol.pipeline.cluster(X, 3, seed=0)["labels"]
    rescaled = X * np.array([1000.0, 0.01, 1e-4]) + np.array([-50.0, 7.0, 3.0])
    other = sol.pipeline.cluster(rescaled, 3, seed=0)["labels"]
    expect_equal(other.tolist(), base.tolist(), what="labels after changing every feature's units")


@case("correctness", hint="Returned centroids are in the units of the X that was passed in.")
def test_cluster_centroids_are_means_in_original_units(sol):
    X, _ = sol.data.make_dataset(30, seed=4)
    result = sol.pipeline.cluster(X, 3, seed=1)
    labels = result["labels"]
    expect(sorted(set(labels.tolist())) == [0, 1, 2], "cluster() did not return 3 clusters")
    want = np.stack([X[labels == j].mean(axis=0) for j in range(3)])
    expect_close(result["centroids"], want, rtol=1e-8, what="centroids (original units)")


@case("correctness", hint="Inertia is measured in standardised units, to the nearest centroid.")
def test_cluster_inertia_is_in_standardised_units(sol):
    X, _ = sol.data.make_dataset(30, seed=6)
    result = sol.pipeline.cluster(X, 3, seed=2)
    Z, labels = _standardise(X), result["labels"]
    expect(sorted(set(labels.tolist())) == [0, 1, 2], "cluster() did not return 3 clusters")
    means = np.stack([Z[labels == j].mean(axis=0) for j in range(3)])
    want = ((Z - means[labels]) ** 2).sum()
    expect_close(result["inertia"], want, rtol=1e-8, what="inertia")
    expect(int(result["n_iter"]) >= 1, f"n_iter is {result['n_iter']}")


@case("edge_cases", hint="Among restarts with equal inertia, keep the earliest.")
def test_cluster_keeps_the_best_restart(sol):
    X, _ = sol.data.make_dataset(20, seed=7)
    Z = _standardise(X)
    for seed, n_init in ((2, 3), (0, 4), (6, 2)):
        runs = [sol.kmeans.kmeans(Z, 3, seed=seed + r) for r in range(n_init)]
        best = runs[int(np.argmin([r["inertia"] for r in runs]))]
        got = sol.pipeline.cluster(X, 3, n_init=n_init, seed=seed)
        expect_equal(
            got["labels"].tolist(),
            best["labels"].tolist(),
            what=f"labels for seed={seed}, n_init={n_init} (the earliest lowest-inertia run)",
        )
        expect_equal(int(got["n_iter"]), int(best["n_iter"]), what="n_iter of the kept run")


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_purity_hand_example(sol):
    y_true = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    y_pred = np.array([1, 1, 0, 0, 0, 2, 2, 1])
    # cluster 0: {0, 1, 1} -> 2; cluster 1: {0, 0, 2} -> 2; cluster 2: {2, 2} -> 2.
    expect_close(sol.evaluate.purity(y_true, y_pred), 6.0 / 8.0, what="purity")
    counts = sol.evaluate.contingency(y_true, y_pred)
    expect_equal(counts.tolist(), [[1, 2, 0], [2, 0, 0], [0, 1, 2]], what="contingency table")
    expect_close(sol.evaluate.purity(y_true, np.zeros(8, dtype=np.int64)), 3.0 / 8.0, what="k=1")


@case("correctness", hint="Check each stage on its own before the whole pipeline.")
def test_end_to_end(sol):
    for seed in (0, 3):
        result = sol.pipeline.run_pipeline(seed=seed)
        expect(result["purity"] >= 0.95, f"seed {seed}: purity {result['purity']:.3f} < 0.95")
