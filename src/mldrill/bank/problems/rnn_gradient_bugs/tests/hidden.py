import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

# ---------------------------------------------------------------- an independent RNN


def _bptt(params, x, y, h0):
    """Loss, gradients and last state of one sequence, written out independently."""
    T = len(x)
    hs = [np.asarray(h0, dtype=float)]
    for t in range(T):
        hs.append(np.tanh(x[t] @ params["W_xh"] + hs[-1] @ params["W_hh"] + params["b_h"]))
    H = np.array(hs[1:])
    out = H @ params["W_hy"] + params["b_y"]
    loss = 0.5 * np.sum((out - y) ** 2) / T
    dy = (out - y) / T
    g = {"W_hy": H.T @ dy, "b_y": dy.sum(axis=0)}
    g.update({k: np.zeros_like(params[k]) for k in ("W_xh", "W_hh", "b_h")})
    carry = np.zeros(len(h0))
    for t in range(T - 1, -1, -1):
        da = (dy[t] @ params["W_hy"].T + carry) * (1.0 - hs[t + 1] ** 2)
        g["W_xh"] += np.outer(x[t], da)
        g["W_hh"] += np.outer(hs[t], da)
        g["b_h"] += da
        carry = da @ params["W_hh"].T
    return loss, g, hs[-1], out


def _random_params(rng, n_in=2, n_hidden=3, n_out=2, scale=0.6):
    shapes = {
        "W_xh": (n_in, n_hidden),
        "W_hh": (n_hidden, n_hidden),
        "b_h": (n_hidden,),
        "W_hy": (n_hidden, n_out),
        "b_y": (n_out,),
    }
    return {k: rng.normal(scale=scale, size=s) for k, s in shapes.items()}


def _scalar_params(w_xh, w_hh, b_h, w_hy, b_y):
    return {
        "W_xh": np.array([[w_xh]]),
        "W_hh": np.array([[w_hh]]),
        "b_h": np.array([b_h]),
        "W_hy": np.array([[w_hy]]),
        "b_y": np.array([b_y]),
    }


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_sequences_targets_are_delayed_inputs(sol):
    X, Y = sol.data.make_sequences(seed=0)
    expect(X.shape == (64, 12, 1) and Y.shape == (64, 12, 1), f"shapes {X.shape}, {Y.shape}")
    expect_close(Y[:, 0], np.zeros((64, 1)), what="Y[:, 0] (nothing to remember yet)")
    expect_close(Y[:, 1:], X[:, :-1], what="Y[:, t] = X[:, t - 1]")
    expect(bool(np.all(np.abs(X) <= 1.0)), "inputs outside [-1, 1]")
    want = np.array([0.273923374643, -0.460426572472, -0.918052952128, -0.966944728943])
    expect_close(X[0, :4, 0], want, rtol=1e-9, what="X[0, :4] (recorded from a correct run)")
    X2, _ = sol.data.make_sequences(n_seq=3, T=5, seed=2)
    expect(X2.shape == (3, 5, 1), f"make_sequences(3, 5) has shape {X2.shape}, expected (3, 5, 1)")


# ---------------------------------------------------------------- model.py


@case("correctness")
def test_init_params_recorded_values(sol):
    p = sol.model.init_params(1, 4, 1, seed=0)
    want_shapes = {"W_xh": (1, 4), "W_hh": (4, 4), "b_h": (4,), "W_hy": (4, 1), "b_y": (1,)}
    expect_equal({k: tuple(v.shape) for k, v in p.items()}, want_shapes, what="parameter shapes")
    recorded = {
        "W_xh": [0.125730221093, -0.132104863291, 0.640422650443, 0.104900117153],
        "W_hh": [-0.13391734329, 0.090398763727, 0.326000011283, 0.236770240782],
        "W_hy": [-0.064267331472, 0.683231735275, -0.332597336743, 0.175755035047],
    }
    for name, values in recorded.items():
        expect_close(p[name].ravel()[:4], np.array(values), rtol=1e-9, what=f"{name} (recorded)")
    expect_close(p["b_h"], np.zeros(4), what="b_h")
    expect_close(p["b_y"], np.zeros(1), what="b_y")
    q = sol.model.init_params(2, 3, 2, seed=1)
    expect_close(
        q["W_hh"][1],
        np.array([0.084908738061, 0.008204794337, 0.157822444995]),
        rtol=1e-9,
        what="init_params(2, 3, 2, seed=1)['W_hh'][1] (recorded)",
    )
    expect_close(
        q["W_xh"][1],
        np.array([-0.92147131542, 0.640183272712, 0.315634487068]),
        rtol=1e-9,
        what="init_params(2, 3, 2, seed=1)['W_xh'][1] (recorded)",
    )


@case("correctness")
def test_forward_hand_example(sol):
    params = _scalar_params(2.0, 0.5, 0.1, 3.0, 1.0)
    x = np.array([[0.5], [-1.0]])
    y, cache = sol.model.forward(params, x, np.array([0.2]))
    a0 = 2.0 * 0.5 + 0.5 * 0.2 + 0.1
    h1 = np.tanh(a0)
    a1 = 2.0 * -1.0 + 0.5 * h1 + 0.1
    h2 = np.tanh(a1)
    expect_close(y, np.array([[3.0 * h1 + 1.0], [3.0 * h2 + 1.0]]), rtol=1e-12, what="outputs")
    expect_close(cache["a"], np.array([[a0], [a1]]), rtol=1e-12, what="cache['a']")
    expect_close(cache["hs"], np.array([[0.2], [h1], [h2]]), rtol=1e-12, what="cache['hs']")


@case("correctness", hint="Half the squared error, summed over outputs, averaged over steps.")
def test_mse_loss_hand_example(sol):
    y_pred = np.zeros((3, 2))
    y_true = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    # squared errors per step: 1, 4, 2 -> mean 7 / 3 -> half of it.
    expect_close(sol.model.mse_loss(y_pred, y_true), 7.0 / 6.0, rtol=1e-12, what="loss")
    expect_close(sol.model.mse_loss(y_true, y_true), 0.0, what="loss of a perfect prediction")


@case("correctness", hint="tanh'(a) = 1 - tanh(a)^2: which array holds tanh(a)?")
def test_backward_hand_example(sol):
    params = _scalar_params(0.5, 0.3, 0.1, 2.0, 0.0)
    x, h0, target = np.array([[1.0]]), np.array([0.5]), np.array([[0.0]])
    y, cache = sol.model.forward(params, x, h0)
    grads = sol.model.backward(params, cache, y, target)
    h = np.tanh(0.5 + 0.3 * 0.5 + 0.1)
    da = (2.0 * h) * 2.0 * (1.0 - h**2)  # dL/dy = y - 0 = 2h; dy/dh = 2; dh/da = 1 - h^2
    want = {
        "W_hy": [[2.0 * h * h]],
        "b_y": [2.0 * h],
        "W_xh": [[da]],
        "W_hh": [[0.5 * da]],
        "b_h": [da],
    }
    for name, value in want.items():
        expect_close(grads[name], np.array(value), rtol=1e-10, what=f"dL/d{name}")


@case("correctness", hint="Perturb each parameter by +-h and compare (L+ - L-) / 2h.")
def test_backward_matches_finite_differences(sol, rng):
    params = _random_params(rng)
    x, y, h0 = rng.normal(size=(5, 2)), rng.normal(size=(5, 2)), rng.normal(scale=0.5, size=3)
    y_pred, cache = sol.model.forward(params, x, h0)
    grads = sol.model.backward(params, cache, y_pred, y)
    eps = 1e-6
    for name in params:
        numeric = np.zeros_like(params[name])
        for idx in np.ndindex(params[name].shape):
            losses = []
            for sign in (1.0, -1.0):
                shifted = {k: v.copy() for k, v in params.items()}
                shifted[name][idx] += sign * eps
                out, _ = sol.model.forward(shifted, x, h0)
                losses.append(sol.model.mse_loss(out, y))
            numeric[idx] = (losses[0] - losses[1]) / (2 * eps)
        expect_close(
            grads[name], numeric, rtol=1e-5, atol=1e-8, what=f"dL/d{name} vs finite differences"
        )


@case("numerical_stability", hint="A saturated tanh unit passes (almost) no gradient back.")
def test_backward_saturated_units(sol, rng):
    params = _random_params(rng, n_in=1, n_hidden=4, n_out=1)
    params["W_xh"] = np.array([[40.0, -40.0, 35.0, -35.0]])
    x = rng.choice([-1.0, 1.0], size=(6, 1))
    y = rng.normal(size=(6, 1))
    y_pred, cache = sol.model.forward(params, x, np.zeros(4))
    grads = sol.model.backward(params, cache, y_pred, y)
    for name in ("W_xh", "W_hh", "b_h"):
        g = grads[name]
        expect(bool(np.all(np.isfinite(g))), f"dL/d{name} is not finite")
        expect(float(np.max(np.abs(g))) < 1e-6, f"dL/d{name} reaches {np.max(np.abs(g)):.3g}")
    _, want, _, _ = _bptt(params, x, y, np.zeros(4))
    expect_close(grads["W_hy"], want["W_hy"], rtol=1e-9, what="dL/dW_hy")


@case("numerical_stability")
def test_forward_large_inputs_stay_finite(sol, rng):
    params = _random_params(rng, n_in=2, n_hidden=5, n_out=1)
    x = rng.normal(scale=1e6, size=(8, 2))
    y, cache = sol.model.forward(params, x, np.zeros(5))
    expect(bool(np.all(np.isfinite(y))), "outputs are not finite for large inputs")
    expect(bool(np.all(np.abs(cache["hs"]) <= 1.0)), "hidden states left [-1, 1]")


# ---------------------------------------------------------------- optim.py


@case("correctness")
def test_global_norm_hand_example(sol):
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0], [4.0]]), "c": np.zeros(3)}
    expect_close(sol.optim.global_norm(grads), 5.0, rtol=1e-12, what="global norm")


@case("correctness", hint="One scale factor for all gradients together, only when over the limit.")
def test_clip_by_global_norm(sol):
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0], [4.0]])}
    clipped = sol.optim.clip_by_global_norm(grads, 1.0)
    expect_close(clipped["a"], np.array([0.6, 0.0]), rtol=1e-12, what="clipped a")
    expect_close(clipped["b"], np.array([[0.0], [0.8]]), rtol=1e-12, what="clipped b")
    kept = sol.optim.clip_by_global_norm(grads, 10.0)
    expect_close(kept["a"], grads["a"], what="a under the limit (unchanged)")
    expect_close(kept["b"], grads["b"], what="b under the limit (unchanged)")


@case("correctness")
def test_sgd_update_hand_example(sol):
    params = {"w": np.array([1.0, -2.0]), "b": np.array([0.5])}
    grads = {"w": np.array([10.0, 4.0]), "b": np.array([-1.0])}
    new = sol.optim.sgd_update(params, grads, 0.1)
    expect_close(new["w"], np.array([0.0, -2.4]), rtol=1e-12, what="w after the step")
    expect_close(new["b"], np.array([0.6]), rtol=1e-12, what="b after the step")


# ---------------------------------------------------------------- train.py


@case("correctness", hint="Clip first, then update with the clipped gradient.")
def test_train_step_uses_the_clipped_gradient(sol, rng):
    params = _random_params(rng, n_in=1, n_hidden=3, n_out=1, scale=1.0)
    x, y, h0 = rng.normal(size=(4, 1)), 20.0 * rng.normal(size=(4, 1)), np.zeros(3)
    loss, grads, h_last, _ = _bptt(params, x, y, h0)
    norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
    expect(norm > 5.0, f"test setup: gradient norm {norm} should be large")  # sanity of the test
    new, got_loss, got_h = sol.train.train_step(params, x, y, h0, 0.1, 1.0)
    expect_close(got_loss, loss, rtol=1e-10, what="the returned loss (before the update)")
    expect_close(got_h, h_last, rtol=1e-10, what="the returned last hidden state")
    for name, g in grads.items():
        want = params[name] - 0.1 * g / norm
        expect_close(new[name], want, rtol=1e-9, atol=1e-12, what=f"{name} after a clipped step")


@case("correctness")
def test_train_step_under_the_clipping_limit(sol, rng):
    params = _random_params(rng, n_in=2, n_hidden=3, n_out=1, scale=0.3)
    x, y, h0 = rng.normal(size=(5, 2)), rng.normal(size=(5, 1)), rng.normal(scale=0.3, size=3)
    _, grads, _, _ = _bptt(params, x, y, h0)
    new, _, _ = sol.train.train_step(params, x, y, h0, 0.05, 1e6)
    for name, g in grads.items():
        want = params[name] - 0.05 * g
        expect_close(new[name], want, rtol=1e-9, atol=1e-12, what=f"{name} after a plain step")


@case("correctness", hint="Are the sequences independent? What state does each one start from?")
def test_train_epoch_starts_every_sequence_from_zero(sol, rng):
    params = _random_params(rng, n_in=1, n_hidden=4, n_out=1)
    X, Y = rng.normal(size=(3, 6, 1)), rng.normal(size=(3, 6, 1))
    same, mean_loss = sol.train.train_epoch(params, X, Y, 0.0, 1.0)
    want = np.mean([_bptt(params, x, y, np.zeros(4))[0] for x, y in zip(X, Y, strict=True)])
    expect_close(mean_loss, want, rtol=1e-10, what="the mean loss of an epoch with lr=0")
    for name in params:
        expect_close(same[name], params[name], what=f"{name} after an epoch with lr=0")
    # With learning: each sequence, from zeros, one clipped step after the other.
    expected, losses = dict(params), []
    for x, y in zip(X, Y, strict=True):
        loss, grads, _, _ = _bptt(expected, x, y, np.zeros(4))
        norm = np.sqrt(sum(np.sum(g**2) for g in grads.values()))
        factor = min(1.0, 0.5 / norm)
        expected = {k: v - 0.2 * factor * grads[k] for k, v in expected.items()}
        losses.append(loss)
    trained, mean_loss = sol.train.train_epoch(params, X, Y, 0.2, 0.5)
    expect_close(mean_loss, np.mean(losses), rtol=1e-9, what="the mean loss of a training epoch")
    for name in params:
        expect_close(trained[name], expected[name], rtol=1e-8, atol=1e-12, what=f"{name}")


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_predict_starts_from_zero(sol, rng):
    params = _random_params(rng, n_in=2, n_hidden=3, n_out=2)
    x = rng.normal(size=(4, 2))
    _, _, _, want = _bptt(params, x, np.zeros((4, 2)), np.zeros(3))
    expect_close(sol.evaluate.predict(params, x), want, rtol=1e-10, what="predict()")


@case("correctness", hint="The evaluation loss is the mean of the per-sequence losses.")
def test_evaluate_is_the_mean_sequence_loss(sol, rng):
    params = _random_params(rng, n_in=1, n_hidden=3, n_out=1)
    X, Y = rng.normal(size=(4, 5, 1)), rng.normal(size=(4, 5, 1))
    want = np.mean([_bptt(params, x, y, np.zeros(3))[0] for x, y in zip(X, Y, strict=True)])
    expect_close(sol.evaluate.evaluate(params, X, Y), want, rtol=1e-10, what="evaluate()")
    flipped = sol.evaluate.evaluate(params, X[::-1].copy(), Y[::-1].copy())
    expect_close(flipped, want, rtol=1e-10, what="evaluate() with the sequences reversed")


@case("correctness", hint="Check each stage on its own before the whole experiment.")
def test_end_to_end(sol):
    for seed in (0, 1):
        result = sol.train.run_experiment(seed=seed)
        history, val = result["history"], result["val_loss"]
        expect(len(history) == 10, f"seed {seed}: {len(history)} epoch losses, expected 10")
        expect(history[-1] < 0.005, f"seed {seed}: final training loss {history[-1]:.4f}")
        expect(val < 0.005, f"seed {seed}: validation loss {val:.4f} (predicting 0 gives ~0.15)")
