import numpy as np

from mldrill.grading.testkit import attr, box_rng, case, expect, expect_close, expect_equal

# ---------------------------------------------------------------- data.py


def _indexed_rows(n):
    """X whose first column is the row id, so a row can be traced after any reordering."""
    ids = np.arange(n)
    return np.stack([ids, 10.0 * ids], axis=1).astype(float), ids


@case("correctness", hint="After shuffling, row i of X must still belong to label i.")
def test_shuffle_keeps_rows_paired(sol):
    X, y = _indexed_rows(20)
    Xs, ys = sol.data.shuffle(X, y, box_rng(sol, 7))
    expect_equal(sorted(ys.tolist()), list(range(20)), what="the shuffled labels")
    expect(not np.array_equal(ys, y), "shuffle returned the rows in their original order")
    expect_close(Xs[:, 0], ys.astype(float), what="the id stored in each shuffled row of X")


@case("correctness", hint="Every row must land in exactly one split, together with its label.")
def test_split_keeps_rows_paired(sol):
    X, y = _indexed_rows(40)
    X_tr, X_te, y_tr, y_te = sol.data.train_test_split(X, y, 0.25, seed=3)
    expect(len(X_te) == 10 and len(y_te) == 10, f"test split has {len(X_te)} rows, expected 10")
    expect(len(X_tr) == 30 and len(y_tr) == 30, f"train split has {len(X_tr)} rows, expected 30")
    ids = np.concatenate([y_tr, y_te])
    expect_equal(sorted(ids.tolist()), list(range(40)), what="the labels across both splits")
    expect_close(X_tr[:, 0], y_tr.astype(float), what="the row id in each train row")
    expect_close(X_te[:, 0], y_te.astype(float), what="the row id in each test row")


@case("correctness", hint="Concatenate the batches: is every sample there, exactly once?")
def test_batches_cover_every_sample_once(sol):
    for n, batch_size in [(10, 4), (12, 4), (7, 3), (5, 10), (1, 1), (33, 32)]:
        bounds = [(int(a), int(b)) for a, b in sol.data.batch_bounds(n, batch_size)]
        covered = [i for start, stop in bounds for i in range(start, stop)]
        expect(
            covered == list(range(n)),
            f"batch_bounds({n}, {batch_size}) = {bounds} does not cover 0..{n - 1} once, in order",
        )
        sizes = [stop - start for start, stop in bounds]
        expect(
            all(0 < s <= batch_size for s in sizes),
            f"batch_bounds({n}, {batch_size}) = {bounds} has a batch of the wrong size",
        )


@case("edge_cases")
def test_batch_bounds_small_example(sol):
    bounds = [(int(a), int(b)) for a, b in sol.data.batch_bounds(10, 4)]
    expect_equal(bounds, [(0, 4), (4, 8), (8, 10)], what="batch_bounds(10, 4)")


# ---------------------------------------------------------------- preprocess.py


@case("correctness")
def test_scaler_statistics(sol):
    X = np.array([[1.0, 10.0, 5.0], [3.0, 30.0, 5.0], [5.0, 20.0, 5.0], [7.0, 60.0, 5.0]])
    scaler = sol.preprocess.StandardScaler()
    scaler.fit(X)
    expect_close(attr(scaler.mean_), X.mean(axis=0), what="scaler.mean_")
    expect_close(
        attr(scaler.scale_),
        np.array([np.sqrt(5.0), np.sqrt(350.0), 1.0]),
        what="scaler.scale_ (a constant column keeps scale 1)",
    )
    Z = scaler.transform(X)
    expect_close(Z.mean(axis=0), np.zeros(3), atol=1e-12, what="column means after transform")


@case("correctness", hint="Which rows were the scaler's statistics computed from?")
def test_train_split_is_standardised(sol):
    data = sol.train.prepare_data(seed=0)
    X_train = data["X_train"]
    expect_close(
        X_train.mean(axis=0),
        np.zeros(4),
        atol=1e-10,
        what="column means of the scaled training split",
    )
    expect_close(
        X_train.std(axis=0), np.ones(4), rtol=1e-10, what="column stds of the scaled training split"
    )


@case("correctness", hint="The scaler may only learn from rows the model trains on.")
def test_scaler_statistics_match_train_split(sol):
    data = sol.train.prepare_data(seed=1)
    mean, scale = attr(data["scaler"].mean_), attr(data["scaler"].scale_)
    raw_train = data["X_train"] * scale + mean
    expect_close(mean, raw_train.mean(axis=0), rtol=1e-10, what="scaler.mean_ vs the train mean")
    expect_close(scale, raw_train.std(axis=0), rtol=1e-10, what="scaler.scale_ vs the train std")


@case("correctness", hint="Both splits must be scaled with the same, train-fitted, scaler.")
def test_prepared_splits_partition_the_raw_data(sol):
    X_raw, y_raw = sol.data.make_blobs(600, seed=0)
    data = sol.train.prepare_data(seed=0)
    mean, scale = attr(data["scaler"].mean_), attr(data["scaler"].scale_)
    X = np.concatenate([data["X_train"], data["X_test"]]) * scale + mean
    y = np.concatenate([data["y_train"], data["y_test"]])
    expect(len(X) == 600, f"the splits hold {len(X)} rows between them, expected 600")

    def canonical(X, y):
        rows = np.column_stack([y, X])
        return rows[np.lexsort(rows.T[::-1])]

    expect_close(
        canonical(X, y),
        canonical(X_raw, y_raw),
        rtol=1e-9,
        atol=1e-9,
        what="the unscaled (label, features) rows of train + test",
    )


# ---------------------------------------------------------------- model.py


def _tiny_problem(rng):
    X = rng.normal(size=(5, 3))
    y = np.array([0, 2, 1, 2, 0])
    params = {"W": rng.normal(size=(3, 3)), "b": rng.normal(size=3)}
    return params, X, y


@case("correctness")
def test_loss_at_zero_weights(sol):
    X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -3.0], [2.0, 2.0]])
    y = np.array([0, 1, 2, 1])
    params = {"W": np.zeros((2, 3)), "b": np.zeros(3)}
    loss, grads = sol.model.loss_and_grad(params, X, y, 0.0)
    expect_close(loss, np.log(3.0), rtol=1e-9, what="the loss of uniform predictions")
    err = np.full((4, 3), 1.0 / 3.0)
    err[np.arange(4), y] -= 1.0
    expect_close(grads["b"], err.mean(axis=0), rtol=1e-9, what="the gradient for b")
    expect_close(grads["W"], X.T @ err / 4, rtol=1e-9, what="the gradient for W")


@case("correctness", hint="Compare the analytic gradient with (L(p + h) - L(p - h)) / 2h.")
def test_gradient_matches_finite_differences(sol, rng):
    params, X, y = _tiny_problem(rng)
    l2, h = 0.1, 1e-6
    _, grads = sol.model.loss_and_grad(params, X, y, l2)
    for name in ("W", "b"):
        numeric = np.zeros_like(params[name])
        for idx in np.ndindex(params[name].shape):
            plus = {k: v.copy() for k, v in params.items()}
            minus = {k: v.copy() for k, v in params.items()}
            plus[name][idx] += h
            minus[name][idx] -= h
            up, _ = sol.model.loss_and_grad(plus, X, y, l2)
            down, _ = sol.model.loss_and_grad(minus, X, y, l2)
            numeric[idx] = (up - down) / (2 * h)
        expect_close(
            grads[name],
            numeric,
            rtol=1e-5,
            atol=1e-7,
            what=f"the gradient for {name} against finite differences",
        )


# ---------------------------------------------------------------- train.py


@case("correctness", hint="With zero velocity, one step should move the parameters downhill.")
def test_sgd_step_from_rest(sol):
    params = {"W": np.array([[1.0, 2.0], [3.0, 4.0]]), "b": np.array([0.5, -0.5])}
    grads = {"W": np.array([[0.5, -1.0], [2.0, 0.0]]), "b": np.array([1.0, -2.0])}
    velocity = {"W": np.zeros((2, 2)), "b": np.zeros(2)}
    new_params, new_velocity = sol.train.sgd_step(params, grads, velocity, 0.1, 0.9)
    for name in ("W", "b"):
        expect_close(
            new_params[name],
            params[name] - 0.1 * grads[name],
            what=f"{name} after one step from rest",
        )
        expect_close(new_velocity[name], -0.1 * grads[name], what=f"velocity of {name}")


@case("correctness")
def test_sgd_step_with_momentum(sol):
    params = {"W": np.array([[1.0]]), "b": np.array([2.0])}
    grads = {"W": np.array([[4.0]]), "b": np.array([-1.0])}
    velocity = {"W": np.array([[0.5]]), "b": np.array([-0.2])}
    new_params, new_velocity = sol.train.sgd_step(params, grads, velocity, 0.25, 0.5)
    expect_close(new_velocity["W"], np.array([[0.5 * 0.5 - 0.25 * 4.0]]), what="velocity of W")
    expect_close(new_velocity["b"], np.array([0.5 * -0.2 + 0.25]), what="velocity of b")
    expect_close(new_params["W"], np.array([[1.0 - 0.75]]), what="W after the step")
    expect_close(new_params["b"], np.array([2.0 + 0.15]), what="b after the step")


@case("correctness", hint="A small plain gradient step must lower the loss.")
def test_one_step_reduces_loss(sol, rng):
    params, X, y = _tiny_problem(rng)
    loss, grads = sol.model.loss_and_grad(params, X, y, 0.0)
    velocity = {k: np.zeros_like(v) for k, v in params.items()}
    stepped, _ = sol.train.sgd_step(params, grads, velocity, 0.05, 0.0)
    after, _ = sol.model.loss_and_grad(stepped, X, y, 0.0)
    expect(after < loss, f"one step with lr=0.05 moved the loss from {loss:.5f} to {after:.5f}")


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_accuracy_metric(sol):
    params = {"W": np.array([[1.0, 0.0], [0.0, 1.0]]), "b": np.zeros(2)}
    X = np.array([[2.0, 1.0], [0.0, 3.0], [5.0, 4.0], [1.0, 2.0]])
    y = np.array([0, 1, 1, 0])
    expect_close(sol.evaluate.accuracy(params, X, y), 0.5, what="accuracy")


@case("correctness", hint="Check each stage on its own before the whole pipeline.")
def test_end_to_end(sol):
    for seed in (0, 4):
        result = sol.train.run_experiment(seed=seed)
        history, acc = result["history"], result["test_accuracy"]
        expect(
            history[-1] < 0.3 * history[0],
            f"seed {seed}: mean training loss only went from {history[0]:.4f} to {history[-1]:.4f}",
        )
        expect(acc >= 0.92, f"seed {seed}: test accuracy {acc:.3f} is below 0.92")
