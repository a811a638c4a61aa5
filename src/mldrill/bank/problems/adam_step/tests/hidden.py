import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal


def _run(mod, p, grad_fn, steps, **kw):
    """Take `steps` Adam steps on the gradient grad_fn(p); return the final (p, state)."""
    state = mod.adam_init(p)
    for _ in range(steps):
        p, state = mod.adam_step(p, grad_fn(p), state, **kw)
    return p, state


@case("correctness", hint="adam_init: step 0 and zero moments shaped like param.")
def test_init_state(sol):
    state = sol.adam_init(np.ones((2, 3)))
    expect(sorted(state) == ["m", "step", "v"], f"state keys are {sorted(state)}")
    expect_equal(state["step"], 0, what="state['step']")
    expect_close(state["m"], np.zeros((2, 3)), what="state['m']")
    expect_close(state["v"], np.zeros((2, 3)), what="state['v']")


@case("correctness", hint="Bias-correct: at t = 1, m_hat = g and v_hat = g^2.")
def test_first_step_by_hand(sol):
    p, g = np.array([1.0, -2.0, 0.5]), np.array([0.1, -3.0, 0.0])
    new_p, state = sol.adam_step(p, g, sol.adam_init(p), lr=0.1)
    want = np.array([1.0 - 0.1 * 0.1 / (0.1 + 1e-8), -2.0 + 0.1 * 3.0 / (3.0 + 1e-8), 0.5])
    expect_close(new_p, want, rtol=1e-12, what="parameters after one step")
    expect_equal(state["step"], 1, what="state['step']")
    expect_close(state["m"], np.array([0.01, -0.3, 0.0]), rtol=1e-12, what="state['m']")
    expect_close(state["v"], np.array([1e-5, 9e-3, 0.0]), rtol=1e-12, what="state['v']")


@case("correctness", hint="Bias correction divides by 1 - beta ** t with t = state['step'] + 1.")
def test_second_step_by_hand(sol):
    p = np.array([3.0])
    p1, s1 = sol.adam_step(p, np.array([1.0]), sol.adam_init(p), lr=0.01)
    p2, s2 = sol.adam_step(p1, np.array([0.5]), s1, lr=0.01)
    m = 0.9 * 0.1 + 0.1 * 0.5  # 0.14
    v = 0.999 * 0.001 + 0.001 * 0.25  # 0.001249
    m_hat, v_hat = m / (1 - 0.81), v / (1 - 0.999**2)
    want = 3.0 - 0.01 / (1 + 1e-8) - 0.01 * m_hat / (math.sqrt(v_hat) + 1e-8)
    expect_close(p2, np.array([want]), rtol=1e-12, what="parameter after two steps")
    expect_equal(s2["step"], 2, what="state['step'] after two steps")
    expect_close(s2["m"], np.array([m]), rtol=1e-12, what="state['m'] after two steps")
    expect_close(s2["v"], np.array([v]), rtol=1e-12, what="state['v'] after two steps")


@case("correctness", hint="betas = (beta1, beta2): beta1 for m, beta2 for v.")
def test_custom_hyperparameters_by_hand(sol):
    p = np.array([0.0, 1.0])
    state = {"step": 4, "m": np.array([0.2, -0.1]), "v": np.array([0.04, 0.09])}
    g = np.array([1.0, 2.0])
    new_p, new_state = sol.adam_step(p, g, state, lr=0.5, betas=(0.5, 0.75), eps=1e-3)
    m = 0.5 * np.array([0.2, -0.1]) + 0.5 * g
    v = 0.75 * np.array([0.04, 0.09]) + 0.25 * g * g
    m_hat, v_hat = m / (1 - 0.5**5), v / (1 - 0.75**5)
    want = p - 0.5 * m_hat / (np.sqrt(v_hat) + 1e-3)
    expect_close(new_p, want, rtol=1e-12, what="parameters at step 5 with betas (0.5, 0.75)")
    expect_equal(new_state["step"], 5, what="state['step']")
    expect_close(new_state["m"], m, rtol=1e-12, what="state['m']")
    expect_close(new_state["v"], v, rtol=1e-12, what="state['v']")


@case("correctness", hint="Adam (decoupled=False): add weight_decay * param to the gradient.")
def test_l2_weight_decay_by_hand(sol):
    p = np.array([2.0, -1.0])
    new_p, state = sol.adam_step(p, np.array([0.0, 0.3]), sol.adam_init(p), lr=0.1,
                                 weight_decay=0.1)  # fmt: skip
    g = np.array([0.2, 0.2])  # grad + 0.1 * param
    expect_close(state["m"], 0.1 * g, rtol=1e-12, what="state['m'] includes the decay")
    expect_close(state["v"], 0.001 * g * g, rtol=1e-12, what="state['v'] includes the decay")
    expect_close(new_p, p - 0.1 * g / (g + 1e-8), rtol=1e-12, what="parameters")


@case("correctness", hint="AdamW: param - lr * update - lr * weight_decay * param (old param).")
def test_decoupled_weight_decay_by_hand(sol):
    p = np.array([2.0, -1.0])
    new_p, state = sol.adam_step(p, np.array([0.0, 0.3]), sol.adam_init(p), lr=0.1,
                                 weight_decay=0.1, decoupled=True)  # fmt: skip
    expect_close(state["m"], np.array([0.0, 0.03]), rtol=1e-12, what="state['m'] (no decay)")
    expect_close(state["v"], np.array([0.0, 9e-5]), rtol=1e-12, what="state['v'] (no decay)")
    want = np.array([2.0 - 0.02, -1.0 - 0.1 * 0.3 / (0.3 + 1e-8) + 0.01])
    expect_close(new_p, want, rtol=1e-12, what="parameters after an AdamW step")


@case("correctness")
def test_matches_reference_trajectory(sol, ref, rng):
    a = rng.normal(size=(4, 3))
    target = rng.normal(size=4)

    def grad(p):
        return a.T @ (a @ p - target)

    p0 = rng.normal(size=3)
    for kw in [{}, {"weight_decay": 0.5}, {"weight_decay": 0.5, "decoupled": True}]:
        kw = {"lr": 0.1, **kw}
        got, got_state = _run(sol, p0, grad, 30, **kw)
        want, want_state = _run(ref, p0, grad, 30, **kw)
        expect_close(got, want, rtol=1e-9, atol=1e-12, what=f"parameters after 30 steps, {kw}")
        expect_close(got_state["v"], want_state["v"], rtol=1e-9, atol=1e-15, what="state['v']")


@case("correctness", hint="Step against the gradient; the moments must carry over between steps.")
def test_minimises_a_quadratic(sol):
    target = np.array([1.5, -2.0, 0.25])
    p, _ = _run(sol, np.zeros(3), lambda p: 2 * (p - target), 400, lr=0.05)
    expect_close(p, target, atol=1e-3, what="minimiser of |p - target|^2 after 400 steps")


@case("edge_cases", hint="With weight_decay = 0 the decoupled flag changes nothing.")
def test_no_decay_modes_agree(sol, rng):
    p, g = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    a, _ = sol.adam_step(p, g, sol.adam_init(p), lr=0.01)
    b, _ = sol.adam_step(p, g, sol.adam_init(p), lr=0.01, decoupled=True)
    expect_close(a, b, rtol=1e-15, what="decoupled vs coupled with weight_decay = 0")


@case("edge_cases", hint="Work element-wise on arrays of any shape.")
def test_matrix_parameter(sol, ref, rng):
    p, g = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    got, state = sol.adam_step(p, g, sol.adam_init(p), lr=0.01, weight_decay=0.01)
    want, _ = ref.adam_step(p, g, ref.adam_init(p), lr=0.01, weight_decay=0.01)
    expect_close(got, want, rtol=1e-12, what="a (3, 4) parameter")
    expect(state["m"].shape == (3, 4), f"state['m'] has shape {state['m'].shape}")


@case("numerical_stability", hint="0 / (sqrt(0) + eps) is 0: never divide by sqrt(v_hat) alone.")
def test_zero_gradient(sol):
    p = np.array([1.0, -1.0])
    new_p, state = sol.adam_step(p, np.zeros(2), sol.adam_init(p), lr=0.1)
    expect(bool(np.all(np.isfinite(new_p))), f"a zero gradient gave {new_p}")
    expect_close(new_p, p, rtol=0, atol=0, what="parameters after a zero gradient")


@case("numerical_stability", hint="eps goes after the sqrt: m_hat / (sqrt(v_hat) + eps).")
def test_tiny_gradients_take_full_steps(sol):
    p = np.array([0.0, 0.0])
    new_p, _ = sol.adam_step(p, np.array([1e-6, -1e-6]), sol.adam_init(p), lr=0.1)
    step = 0.1 * 1e-6 / (1e-6 + 1e-8)  # about 0.099, not 0.001
    expect_close(new_p, np.array([-step, step]), rtol=1e-10, what="a first step with g = ±1e-6")
    p2, _ = _run(sol, np.zeros(1), lambda p: np.array([1e-7]), 5, lr=0.1)
    m_hat = 1e-7  # constant gradient: the bias-corrected moments equal g and g^2
    expect_close(p2, np.array([-5 * 0.1 * m_hat / (m_hat + 1e-8)]), rtol=1e-9,
                 what="five steps with g = 1e-7")  # fmt: skip
