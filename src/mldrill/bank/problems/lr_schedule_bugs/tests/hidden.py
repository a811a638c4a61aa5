import math

import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_equal


def _lr(step, base, warmup, total, min_lr=0.0):
    """The schedule, written out: linear warmup reaching base at step warmup - 1, then a
    half-period cosine from base (step warmup) to min_lr (step total)."""
    if step < warmup:
        return base * (step + 1) / warmup
    t = (step - warmup) / max(1, total - warmup)
    return min_lr + (base - min_lr) * (1 + math.cos(math.pi * t)) / 2


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_regression_shapes_and_recorded_values(sol):
    X_train, Y_train, X_test, Y_test, true = sol.data.make_regression(seed=0)
    shapes = [a.shape for a in (X_train, Y_train, X_test, Y_test)]
    expect_equal(shapes, [(256, 5), (256, 2), (64, 5), (64, 2)], what="the split shapes")
    expect_close(
        X_train[0, :3],
        np.array([-2.325030774639, -0.218791663933, -1.245910947253]),
        rtol=1e-9,
        what="X_train[0, :3] (recorded from a correct run)",
    )
    expect_close(
        Y_test[-1], np.array([6.641847822731, 4.742901216321]), rtol=1e-9, what="Y_test[-1]"
    )
    expect_close(true["b"], np.array([2.376725537463, 3.041325979347]), rtol=1e-9, what="true b")
    resid = np.concatenate([Y_train, Y_test]) - np.concatenate([X_train, X_test]) @ true["W"]
    expect_close(resid.mean(axis=0), true["b"], atol=0.03, what="mean of Y - X W (about b)")


@case("correctness")
def test_batch_indices_cover_each_index_once(sol):
    got = sol.data.batch_indices(10, 4, box_rng(sol, 3))
    expect_equal([len(b) for b in got], [4, 4, 2], what="batch sizes for n=10, batch_size=4")
    flat = np.concatenate(got).tolist()
    expect_equal(sorted(flat), list(range(10)), what="the indices across all batches")
    expect(flat != list(range(10)), "batch_indices did not shuffle")


# ---------------------------------------------------------------- schedule.py


@case("correctness", hint="Step 0 is a real update: should its learning rate be 0?")
def test_warmup_values(sol):
    got = [sol.schedule.warmup_cosine_lr(s, 0.1, 10, 110) for s in range(10)]
    expect_close(np.array(got), 0.01 * np.arange(1, 11), rtol=1e-12, what="lr at steps 0..9")


@case("correctness", hint="The last warmup step and the first decay step should both be base_lr.")
def test_warmup_joins_the_cosine_at_base_lr(sol):
    for step in (9, 10):
        got = sol.schedule.warmup_cosine_lr(step, 0.3, 10, 50, 0.01)
        expect_close(got, 0.3, rtol=1e-12, what=f"lr at step {step} (warmup_steps=10)")


@case("correctness", hint="Half a cosine period spans the whole decay: cos(pi * progress).")
def test_cosine_known_values(sol):
    cases = {
        35: 0.05 * (1 + math.sqrt(0.5)),  # a quarter of the way: cos(pi / 4)
        60: 0.05,  # halfway: cos(pi / 2) = 0
        85: 0.05 * (1 - math.sqrt(0.5)),
        110: 0.0,  # the end: cos(pi) = -1
    }
    for step, want in cases.items():
        got = sol.schedule.warmup_cosine_lr(step, 0.1, 10, 110)
        expect_close(got, want, rtol=1e-9, atol=1e-15, what=f"lr at step {step}")
    got = sol.schedule.warmup_cosine_lr(60, 0.1, 10, 110, 0.01)
    expect_close(got, 0.055, rtol=1e-12, what="lr halfway with min_lr=0.01")
    got = sol.schedule.warmup_cosine_lr(110, 0.1, 10, 110, 0.01)
    expect_close(got, 0.01, rtol=1e-12, what="lr at the end with min_lr=0.01")


@case("correctness")
def test_decay_is_monotone(sol):
    lrs = np.array([sol.schedule.warmup_cosine_lr(s, 1.0, 5, 45, 0.1) for s in range(5, 46)])
    expect(bool(np.all(np.diff(lrs) < 0)), "the learning rate must fall at every decay step")
    expect(bool(np.all((lrs >= 0.1) & (lrs <= 1.0))), "the decay must stay in [min_lr, base_lr]")


@case("edge_cases")
def test_no_warmup(sol):
    expect_close(sol.schedule.warmup_cosine_lr(0, 0.4, 0, 100), 0.4, what="lr at step 0")
    expect_close(sol.schedule.warmup_cosine_lr(50, 0.4, 0, 100), 0.2, what="lr at step 50")
    expect_close(sol.schedule.warmup_cosine_lr(0, 0.4, 1, 100), 0.4, what="one warmup step")


# ---------------------------------------------------------------- optim.py


def _params():
    return {"W": np.array([[1.0, -2.0], [0.5, 4.0]]), "b": np.array([3.0, -1.0])}


def _grads():
    return {"W": np.array([[0.2, 0.0], [-1.0, 1.0]]), "b": np.array([0.5, 0.5])}


@case("correctness", hint="Which parameters should weight decay pull towards zero?")
def test_sgd_step_decays_weights_not_biases(sol):
    params, grads = _params(), _grads()
    new = sol.optim.sgd_step(params, grads, 0.1, 0.5)
    expect_close(
        new["W"],
        np.array([[1.0 - 0.1 * (0.2 + 0.5), -2.0 - 0.1 * -1.0], [0.5 - 0.1 * (-1.0 + 0.25), 3.7]]),
        what="W after a step with weight_decay=0.5",
    )
    expect_close(new["b"], np.array([2.95, -1.05]), what="b after a step (no decay)")
    expect_close(params["W"], _params()["W"], what="the input params (must not change)")


@case("correctness")
def test_sgd_step_without_decay(sol):
    new = sol.optim.sgd_step(_params(), _grads(), 0.5)
    expect_close(new["W"], _params()["W"] - 0.5 * _grads()["W"], what="W")
    expect_close(new["b"], _params()["b"] - 0.5 * _grads()["b"], what="b")


# ---------------------------------------------------------------- model.py


@case("correctness")
def test_loss_and_grad_match_finite_differences(sol, rng):
    params = {"W": rng.normal(size=(3, 2)), "b": rng.normal(size=2)}
    X, Y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    loss, grads = sol.model.loss_and_grad(params, X, Y)
    err = X @ params["W"] + params["b"] - Y
    expect_close(loss, 0.5 * np.sum(err**2) / 5, rtol=1e-10, what="the loss")
    h = 1e-6
    for name in ("W", "b"):
        numeric = np.zeros_like(params[name])
        for idx in np.ndindex(params[name].shape):
            up = {k: v.copy() for k, v in params.items()}
            down = {k: v.copy() for k, v in params.items()}
            up[name][idx] += h
            down[name][idx] -= h
            diff = sol.model.loss_and_grad(up, X, Y)[0] - sol.model.loss_and_grad(down, X, Y)[0]
            numeric[idx] = diff / (2 * h)
        expect_close(grads[name], numeric, rtol=1e-5, atol=1e-8, what=f"the gradient for {name}")


@case("correctness")
def test_metrics_known_values(sol):
    params = {"W": np.array([[1.0, 0.0], [0.0, 2.0]]), "b": np.array([0.0, 1.0])}
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 1.0]])
    Y = np.array([[1.0, 2.0], [1.0, 3.0], [1.0, 1.0]])
    # predictions [[1, 1], [0, 3], [2, 3]]; errors [[0, -1], [-1, 0], [1, 2]]
    expect_close(sol.model.mse(params, X, Y), 7.0 / 6.0, what="mse")
    # SST: column 0 is constant (0), column 1 has mean 2 (2); SSE = 7.
    expect_close(sol.model.r2_score(params, X, Y), 1.0 - 7.0 / 2.0, what="r2_score")


# ---------------------------------------------------------------- train.py


def _manual_train(X, Y, n_epochs, batch_size, base_lr, warmup, min_lr, weight_decay, seed):
    rng = np.random.default_rng(seed)
    W, b = np.zeros((X.shape[1], Y.shape[1])), np.zeros(Y.shape[1])
    n_batches = -(-len(X) // batch_size)
    total = n_epochs * n_batches
    lrs, step = [], 0
    for _ in range(n_epochs):
        perm = rng.permutation(len(X))
        for start in range(0, len(X), batch_size):
            idx = perm[start : start + batch_size]
            lr = _lr(step, base_lr, warmup, total, min_lr)
            err = (X[idx] @ W + b - Y[idx]) / len(idx)
            W = W - lr * (X[idx].T @ err + weight_decay * W)
            b = b - lr * err.sum(axis=0)
            lrs.append(lr)
            step += 1
    return W, b, lrs


@case("correctness", hint="The schedule should advance once per mini-batch, across epochs.")
def test_lr_follows_the_schedule_every_step(sol, rng):
    X, Y = rng.normal(size=(10, 3)), rng.normal(size=(10, 2))
    _, lrs, history = sol.train.train(X, Y, 4, 4, 0.5, 3, 0.05, 0.0, seed=0)
    want = [_lr(s, 0.5, 3, 12, 0.05) for s in range(12)]
    expect(len(lrs) == 12, f"expected 12 learning rates (4 epochs x 3 batches), got {len(lrs)}")
    expect_close(np.array(lrs), np.array(want), rtol=1e-12, what="the learning rate at each step")
    expect(len(history) == 4, f"expected one MSE per epoch, got {len(history)}")


@case("correctness")
def test_train_matches_a_hand_written_loop(sol, rng):
    X, Y = rng.normal(size=(23, 3)), rng.normal(size=(23, 2)) + 2.0
    params, lrs, history = sol.train.train(X, Y, 3, 5, 0.3, 4, 0.01, 0.2, seed=7)
    W, b, want_lrs = _manual_train(X, Y, 3, 5, 0.3, 4, 0.01, 0.2, seed=7)
    expect_close(np.array(lrs), np.array(want_lrs), rtol=1e-12, what="the learning rates")
    expect_close(params["W"], W, rtol=1e-9, atol=1e-12, what="W after training")
    expect_close(params["b"], b, rtol=1e-9, atol=1e-12, what="b after training")
    expect_close(history[-1], float(np.mean((X @ W + b - Y) ** 2)), what="the last epoch's MSE")


@case("correctness", hint="With heavy decay, the intercept should still sit at the data's mean.")
def test_heavy_decay_leaves_the_intercept_alone(sol):
    X, Y, _, _, _ = sol.data.make_regression(seed=3)
    params, _, _ = sol.train.train(X, Y, 20, 16, 0.2, 10, 0.0, 0.5, seed=1)
    # Ridge regression with an unpenalised intercept, in closed form.
    n, xm, ym = len(X), X.mean(axis=0), Y.mean(axis=0)
    Xc, Yc = X - xm, Y - ym
    W = np.linalg.solve(Xc.T @ Xc / n + 0.5 * np.eye(X.shape[1]), Xc.T @ Yc / n)
    expect_close(params["W"], W, atol=0.03, what="W (closed-form ridge solution)")
    expect_close(params["b"], ym - xm @ W, atol=0.03, what="b (the unpenalised intercept)")


@case("correctness", hint="Plot lrs: one warmup ramp, then a single smooth decay to min_lr.")
def test_end_to_end(sol):
    for seed in (0, 1):
        result = sol.train.run_experiment(seed=seed)
        lrs, history = result["lrs"], result["history"]
        expect(len(lrs) == 320, f"seed {seed}: expected 320 steps (20 x 16), got {len(lrs)}")
        expect_close(lrs[0], 0.02, what=f"seed {seed}: the first learning rate")
        expect_close(max(lrs), 0.2, what=f"seed {seed}: the peak learning rate")
        expect(lrs[-1] < 1e-4, f"seed {seed}: the last learning rate is {lrs[-1]:.4g}, not ~0")
        expect(history[-1] < 0.011, f"seed {seed}: final training MSE {history[-1]:.4f}")
        expect(result["test_r2"] > 0.99, f"seed {seed}: held-out R^2 {result['test_r2']:.4f}")
