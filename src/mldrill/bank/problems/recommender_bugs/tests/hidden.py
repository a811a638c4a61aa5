import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

# ---------------------------------------------------------------- an independent SGD


def _epoch(params, users, items, ratings, lr, reg, seed):
    """One pass of per-rating SGD, written out independently."""
    P, Q, mu = params["P"].copy(), params["Q"].copy(), params["mu"]
    sq = []
    for j in np.random.default_rng(seed).permutation(len(ratings)):
        u, i = users[j], items[j]
        p, q = P[u].copy(), Q[i].copy()
        err = ratings[j] - (mu + p @ q)
        P[u] = p + lr * (err * q - reg * p)
        Q[i] = q + lr * (err * p - reg * q)
        sq.append(err**2)
    return {"P": P, "Q": Q, "mu": mu}, float(np.mean(sq))


def _expect_params(got, want, what):
    expect_close(got["P"], want["P"], rtol=1e-9, atol=1e-12, what=f"P {what}")
    expect_close(got["Q"], want["Q"], rtol=1e-9, atol=1e-12, what=f"Q {what}")
    expect_close(got["mu"], want["mu"], rtol=1e-12, what=f"mu {what}")


def _small_problem(rng, n_users=5, n_items=4, n=12):
    users = rng.integers(0, n_users, size=n)
    items = rng.integers(0, n_items, size=n)
    ratings = rng.uniform(1.0, 5.0, size=n)
    params = {
        "P": rng.normal(scale=0.5, size=(n_users, 2)),
        "Q": rng.normal(scale=0.5, size=(n_items, 2)),
        "mu": 3.0,
    }
    return params, users, items, ratings


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_ratings_recorded_values(sol):
    users, items, ratings = sol.data.make_ratings(seed=0)
    expect(len(users) == len(items) == len(ratings) == 1243, f"{len(ratings)} ratings, not 1243")
    expect_equal(users[:8].tolist(), [0] * 8, what="users[:8]")
    expect_equal(items[:8].tolist(), [4, 5, 6, 8, 10, 12, 13, 16], what="items[:8]")
    want = np.array([2.916182345188, 2.946716961287, 2.623138319526, 3.137090281249])
    expect_close(ratings[:4], want, rtol=1e-9, what="ratings[:4] (recorded from a correct run)")
    expect(int(users.max()) < 60 and int(items.max()) < 40, "an id is out of range")
    pairs = set(zip(users.tolist(), items.tolist(), strict=True))
    expect(len(pairs) == len(ratings), "a (user, item) pair is rated twice")


@case("correctness", hint="Each interaction goes to exactly one split, with its own rating.")
def test_train_test_split_partitions_the_interactions(sol):
    n = 30
    users, items, ratings = np.arange(n) % 7, np.arange(n) % 5, np.arange(n, dtype=float)
    train, test = sol.data.train_test_split(users, items, ratings, 0.2, seed=3)
    expect(len(test[2]) == 6 and len(train[2]) == 24, "expected 24 train and 6 test ratings")
    ids = np.concatenate([train[2], test[2]]).astype(int)
    expect_equal(sorted(ids.tolist()), list(range(n)), what="the ratings across both splits")
    expect(ids.tolist() != list(range(n)), "the split did not shuffle")
    for name, (u, i, r) in (("train", train), ("test", test)):
        expect_equal(u.tolist(), (r.astype(int) % 7).tolist(), what=f"{name} users")
        expect_equal(i.tolist(), (r.astype(int) % 5).tolist(), what=f"{name} items")


# ---------------------------------------------------------------- model.py


@case("correctness")
def test_init_factors_recorded_values(sol):
    p = sol.model.init_factors(4, 3, 2, seed=5)
    expect(p["P"].shape == (4, 2) and p["Q"].shape == (3, 2), "wrong factor shapes")
    expect_close(p["mu"], 0.0, what="mu")
    expect_close(p["P"][3], np.array([-0.055264732054, -0.078478035534]), rtol=1e-9, what="P[3]")
    expect_close(p["Q"][0], np.array([0.074874577073, 0.163478304296]), rtol=1e-9, what="Q[0]")
    wide = sol.model.init_factors(4, 3, 2, seed=5, scale=1.0)
    expect_close(wide["P"], 10.0 * p["P"], rtol=1e-12, what="P with scale=1.0")


@case("correctness")
def test_predict_hand_example(sol):
    params = {"P": np.array([[1.0, 2.0], [0.0, -1.0]]), "Q": np.array([[3.0, 1.0], [2.0, 2.0]])}
    params["mu"] = 3.5
    got = sol.model.predict(params, np.array([0, 1, 0]), np.array([1, 0, 0]))
    expect_close(got, np.array([3.5 + 6.0, 3.5 - 1.0, 3.5 + 5.0]), rtol=1e-12, what="predictions")


# ---------------------------------------------------------------- train.py


@case("correctness", hint="Only row u of P and row i of Q may change.")
def test_sgd_step_hand_example(sol):
    params = {
        "P": np.array([[0.0, 0.0], [0.5, 0.5], [1.0, 2.0]]),
        "Q": np.array([[9.0, 9.0], [0.5, -1.0]]),
        "mu": 3.0,
    }
    # User 2 rates item 1 with 4: prediction 3 + (0.5 - 2) = 1.5, error 2.5.
    new, mse = sol.train.sgd_epoch(params, np.array([2]), np.array([1]), np.array([4.0]), 0.1, 0.2)
    expect_close(mse, 2.5**2, rtol=1e-12, what="squared error seen")
    p = np.array([1.0, 2.0]) + 0.1 * (2.5 * np.array([0.5, -1.0]) - 0.2 * np.array([1.0, 2.0]))
    q = np.array([0.5, -1.0]) + 0.1 * (2.5 * np.array([1.0, 2.0]) - 0.2 * np.array([0.5, -1.0]))
    want_P = np.array([[0.0, 0.0], [0.5, 0.5], p])
    want_Q = np.array([[9.0, 9.0], q])
    expect_close(new["P"], want_P, rtol=1e-12, atol=1e-12, what="P after one step")
    expect_close(new["Q"], want_Q, rtol=1e-12, atol=1e-12, what="Q after one step")
    expect_close(new["mu"], 3.0, what="mu (not trained)")


@case("correctness", hint="With zero error, only the L2 penalty acts: which way should it push?")
def test_sgd_step_shrinks_factors_on_an_exact_prediction(sol):
    params = {"P": np.array([[2.0, -1.0]]), "Q": np.array([[1.0, 4.0]]), "mu": 1.0}
    # Prediction 1 + (2 - 4) = -1 equals the rating: the error is zero.
    new, mse = sol.train.sgd_epoch(params, np.array([0]), np.array([0]), np.array([-1.0]), 0.5, 0.1)
    expect_close(mse, 0.0, atol=1e-15, what="squared error of an exact prediction")
    expect_close(new["P"], np.array([[1.9, -0.95]]), rtol=1e-12, what="P (shrunk by 5%)")
    expect_close(new["Q"], np.array([[0.95, 3.8]]), rtol=1e-12, what="Q (shrunk by 5%)")


@case("correctness")
def test_sgd_epoch_follows_the_permutation(sol, rng):
    params, users, items, ratings = _small_problem(rng)
    want, want_mse = _epoch(params, users, items, ratings, 0.05, 0.1, seed=4)
    got, mse = sol.train.sgd_epoch(params, users, items, ratings, 0.05, 0.1, seed=4)
    _expect_params(got, want, "after one epoch")
    expect_close(mse, want_mse, rtol=1e-10, what="the mean squared error seen in the epoch")


@case("edge_cases", hint="A user or item with no ratings gets no gradient at all.")
def test_unrated_rows_keep_their_factors(sol, rng):
    params, users, items, ratings = _small_problem(rng, n_users=8, n_items=6, n=20)
    users, items = users % 4, items % 3  # users 4..7 and items 3..5 have no ratings
    got, _ = sol.train.sgd_epoch(params, users, items, ratings, 0.05, 0.1, seed=1)
    expect_close(got["P"][4:], params["P"][4:], what="factors of users without ratings")
    expect_close(got["Q"][3:], params["Q"][3:], what="factors of items without ratings")


@case("correctness", hint="history[e] is the RMSE on the data fit() was given, after epoch e.")
def test_fit_history_is_the_training_rmse(sol, rng):
    _, users, items, ratings = _small_problem(rng, n=15)
    params, history = sol.train.fit(users, items, ratings, 5, 4, k=2, n_epochs=3, seed=2)
    expect(len(history) == 3, f"{len(history)} history entries, expected 3")
    expect_close(params["mu"], ratings.mean(), rtol=1e-12, what="mu (the mean rating)")
    g = np.random.default_rng(2)
    want = {"P": g.normal(scale=0.1, size=(5, 2)), "Q": g.normal(scale=0.1, size=(4, 2))}
    want["mu"] = ratings.mean()
    for epoch in range(3):
        want, _ = _epoch(want, users, items, ratings, 0.05, 0.02, seed=2 + epoch)
        pred = want["mu"] + np.sum(want["P"][users] * want["Q"][items], axis=1)
        rmse = np.sqrt(np.mean((pred - ratings) ** 2))
        expect_close(history[epoch], rmse, rtol=1e-9, what=f"history[{epoch}]")
    _expect_params(params, want, "after fit()")


@case(
    "correctness", hint="Which interactions may the model see before it is scored on the test set?"
)
def test_experiment_fits_the_training_split_only(sol):
    result = sol.train.run_experiment(seed=1)
    train, test = sol.data.train_test_split(*sol.data.make_ratings(seed=1), seed=1)
    want, _ = sol.train.fit(*train, 60, 40, seed=1)
    _expect_params(result["params"], want, "from run_experiment vs fit on the training split")
    for name, (u, i, r) in (("train", train), ("test", test)):
        err = want["mu"] + np.sum(want["P"][u] * want["Q"][i], axis=1) - r
        rmse = np.sqrt(np.mean(err**2))
        expect_close(result[f"{name}_rmse"], rmse, rtol=1e-9, what=f"{name}_rmse")
    expect_close(result["test_mae"], np.mean(np.abs(err)), rtol=1e-9, what="test_mae")


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_rmse_hand_example(sol):
    pred, true = np.array([1.0, 2.0]), np.array([4.0, -2.0])
    expect_close(sol.evaluate.rmse(pred, true), np.sqrt(12.5), rtol=1e-12, what="rmse")
    expect_close(sol.evaluate.mae(pred, true), 3.5, rtol=1e-12, what="mae")
    expect_close(sol.evaluate.rmse(true, true), 0.0, what="rmse of a perfect prediction")


@case("correctness", hint="Check each stage on its own before the whole experiment.")
def test_end_to_end(sol):
    for seed in (0, 1):
        result = sol.train.run_experiment(seed=seed)
        history, test = result["history"], result["test_rmse"]
        expect(len(history) == 25, f"seed {seed}: {len(history)} epochs, expected 25")
        expect(history[-1] < 0.2, f"seed {seed}: final training RMSE {history[-1]:.3f}")
        expect(0.1 < test < 0.3, f"seed {seed}: test RMSE {test:.3f}, expected about 0.15-0.2")
