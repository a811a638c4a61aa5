import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

NAMES = ("W1", "b1", "W2", "b2")


def _loss(params, x, y):
    """Mean cross-entropy, written independently of the reference (float64, stable)."""
    h = np.maximum(x @ params["W1"] + params["b1"], 0.0)
    logits = h @ params["W2"] + params["b2"]
    m = logits.max(axis=1)
    lse = m + np.log(np.exp(logits - m[:, None]).sum(axis=1))
    return float(np.mean(lse - logits[np.arange(len(y)), y]))


def _random_problem(rng, n, d, h, k):
    params = {
        "W1": rng.normal(size=(d, h)),
        "b1": rng.normal(size=h) * 0.5,
        "W2": rng.normal(size=(h, k)),
        "b2": rng.normal(size=k) * 0.5,
    }
    return params, rng.normal(size=(n, d)), rng.integers(0, k, size=n)


def _check_keys(grads):
    keys = sorted(grads) if isinstance(grads, dict) else grads
    expect(isinstance(grads, dict) and keys == sorted(NAMES), f"grads keys are {keys}")


@case("correctness", hint="With zero weights every class has probability 1/K.")
def test_zero_network_by_hand(sol):
    params = {"W1": np.zeros((3, 4)), "b1": np.zeros(4), "W2": np.zeros((4, 3)), "b2": np.zeros(3)}
    x, y = np.ones((4, 3)), np.array([0, 1, 1, 2])
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    _check_keys(grads)
    expect_close(loss, math.log(3.0), rtol=1e-12, what="loss")
    # db2 = mean(1/3 - one_hot(y)) = 1/3 - [1, 2, 1] / 4
    expect_close(grads["b2"], np.array([1 / 12, -1 / 6, 1 / 12]), rtol=1e-12, what="grads['b2']")
    for name, shape in [("W1", (3, 4)), ("b1", (4,)), ("W2", (4, 3))]:
        expect_close(grads[name], np.zeros(shape), what=f"grads['{name}']")


@case("correctness", hint="dlogits = softmax - one_hot; dz1 = (dlogits @ W2.T) * (z1 > 0).")
def test_tiny_network_by_hand(sol):
    # z1 = 2 * 1 - 1 = 1, h = 1, logits = [1, -1], y = 0: p1 = 1 / (1 + e^2) = s
    params = {
        "W1": np.array([[2.0]]),
        "b1": np.array([-1.0]),
        "W2": np.array([[1.0, -1.0]]),
        "b2": np.zeros(2),
    }
    loss, grads = sol.mlp_loss_and_grads(params, np.array([[1.0]]), np.array([0]))
    s = 1 / (1 + math.e**2)
    expect_close(loss, math.log(1 + math.e**-2), rtol=1e-12, what="loss = log(1 + e^-2)")
    expect_close(grads["b2"], np.array([-s, s]), rtol=1e-12, what="grads['b2']")
    expect_close(grads["W2"], np.array([[-s, s]]), rtol=1e-12, what="grads['W2']")
    expect_close(grads["b1"], np.array([-2 * s]), rtol=1e-12, what="grads['b1']")
    expect_close(grads["W1"], np.array([[-2 * s]]), rtol=1e-12, what="grads['W1']")


@case("correctness", hint="Compare each gradient with central differences of the loss.")
def test_finite_difference_check(sol, rng):
    params, x, y = _random_problem(rng, 6, 4, 5, 3)
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    expect_close(loss, _loss(params, x, y), rtol=1e-10, what="loss")
    eps = 1e-6
    for name in NAMES:
        numeric = np.zeros(params[name].shape)
        for idx in np.ndindex(params[name].shape):
            up = {k: v.copy() for k, v in params.items()}
            down = {k: v.copy() for k, v in params.items()}
            up[name][idx] += eps
            down[name][idx] -= eps
            numeric[idx] = (_loss(up, x, y) - _loss(down, x, y)) / (2 * eps)
        expect_close(grads[name], numeric, rtol=1e-5, atol=1e-8, what=f"grads['{name}'] vs numeric")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    params, x, y = _random_problem(rng, 32, 10, 16, 5)
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    want_loss, want = ref.mlp_loss_and_grads(params, x, y)
    expect_close(loss, want_loss, rtol=1e-10, what="loss")
    for name in NAMES:
        expect_close(grads[name], want[name], rtol=1e-9, atol=1e-12, what=f"grads['{name}']")


@case("correctness", hint="The loss is a mean: repeating the batch changes nothing.")
def test_mean_over_batch(sol, rng):
    params, x, y = _random_problem(rng, 5, 3, 4, 3)
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    loss2, grads2 = sol.mlp_loss_and_grads(params, np.vstack([x, x]), np.concatenate([y, y]))
    expect_close(loss2, loss, rtol=1e-12, what="loss of the batch repeated twice")
    for name in NAMES:
        expect_close(grads2[name], grads[name], rtol=1e-10, atol=1e-14, what=f"grads['{name}']")


@case("edge_cases", hint="relu'(0) = 0: use z1 > 0, not z1 >= 0.")
def test_relu_derivative_at_zero(sol):
    params = {
        "W1": np.array([[0.5, -1.0, 2.0, 1.0]]),
        "b1": np.array([0.0, 1.0, 0.0, -1.0]),
        "W2": np.array([[1.0, -1.0], [0.5, 0.25], [-2.0, 1.0], [1.0, 1.0]]),
        "b2": np.array([0.1, -0.1]),
    }
    x, y = np.zeros((3, 1)), np.array([0, 1, 1])  # z1 = b1 exactly: units 0 and 2 sit at 0
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    logits = np.array([0.5 + 0.1, 0.25 - 0.1])  # only unit 1 is active, with h = 1
    p = np.exp(logits) / np.exp(logits).sum()
    dlogits = (p - np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]])).mean(axis=0)
    want_db1 = np.array([0.0, dlogits @ params["W2"][1], 0.0, 0.0])
    expect_close(grads["b1"], want_db1, rtol=1e-12, atol=0.0, what="grads['b1'] with z1 == 0")
    expect_close(loss, _loss(params, x, y), rtol=1e-12, what="loss")


@case("edge_cases")
def test_single_sample(sol, ref, rng):
    params, x, y = _random_problem(rng, 1, 3, 4, 2)
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    want_loss, want = ref.mlp_loss_and_grads(params, x, y)
    expect_close(loss, want_loss, rtol=1e-10, what="loss for N = 1")
    for name in NAMES:
        expect_close(grads[name], want[name], rtol=1e-9, atol=1e-12, what=f"grads['{name}']")


@case("edge_cases", hint="Return the loss as a Python float.")
def test_loss_is_float(sol, rng):
    params, x, y = _random_problem(rng, 3, 2, 2, 2)
    loss, _ = sol.mlp_loss_and_grads(params, x, y)
    expect(type(loss) is float, f"expected a Python float, got {type(loss).__name__}")


def _confident(scale):
    # h = 1 (one hidden unit), logits = [scale, 0, -scale]
    return {
        "W1": np.array([[1.0]]),
        "b1": np.array([0.0]),
        "W2": np.array([[scale, 0.0, -scale]]),
        "b2": np.zeros(3),
    }


@case("numerical_stability", hint="exp(1000) overflows: subtract the row max before exp.")
def test_large_logits_right_class(sol):
    loss, grads = sol.mlp_loss_and_grads(_confident(1000.0), np.array([[1.0]]), np.array([0]))
    expect_close(loss, 0.0, atol=1e-300, what="loss when the true logit is 1000 above the rest")
    for name in NAMES:
        ok = bool(np.all(np.isfinite(grads[name])))
        expect(ok, f"grads['{name}'] has nan or inf for logits of ±1000")
    expect_close(grads["b2"], np.zeros(3), atol=1e-300, what="grads['b2']")


@case("numerical_stability", hint="softmax underflows to 0 and log(0) = -inf: use log-softmax.")
def test_confident_wrong_prediction(sol):
    loss, grads = sol.mlp_loss_and_grads(_confident(1000.0), np.array([[1.0]]), np.array([2]))
    expect_close(loss, 2000.0, rtol=1e-12, what="loss when the true logit is 2000 below the max")
    expect_close(grads["b2"], np.array([1.0, 0.0, -1.0]), atol=1e-12, what="grads['b2']")
    expect_close(grads["W1"], np.array([[2000.0]]), rtol=1e-12, what="grads['W1']")


@case("numerical_stability")
def test_wide_logits_batch(sol, ref, rng):
    params, x, y = _random_problem(rng, 20, 4, 8, 6)
    params["W2"] = params["W2"] * 300.0
    loss, grads = sol.mlp_loss_and_grads(params, x, y)
    expect(math.isfinite(loss), f"loss is {loss} for logits in the hundreds")
    expect_close(loss, _loss(params, x, y), rtol=1e-10, what="loss")
    want = ref.mlp_loss_and_grads(params, x, y)[1]
    for name in NAMES:
        expect_close(grads[name], want[name], rtol=1e-9, atol=1e-9, what=f"grads['{name}']")


@case("efficiency", timeout=10.0, hint="Use matrix products over the whole batch, not a loop.")
def test_speed(sol, ref, rng):
    # many short rows: vectorised code takes about a millisecond, a loop over samples ~40 ms
    params, x, y = _random_problem(rng, 3000, 4, 8, 3)
    expect_fast(sol.mlp_loss_and_grads, ref.mlp_loss_and_grads, params, x, y, max_ratio=5)
