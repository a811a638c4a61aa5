import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises


def _spd(rng, d, cond):
    """A symmetric positive-definite matrix with eigenvalues from 1 to cond."""
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return (Q * np.geomspace(1.0, cond, d)) @ Q.T


def _heavy_ball_params(mu, L):
    """Polyak's tuning for eigenvalues in [mu, L]."""
    lr = 4.0 / (np.sqrt(L) + np.sqrt(mu)) ** 2
    beta = ((np.sqrt(L) - np.sqrt(mu)) / (np.sqrt(L) + np.sqrt(mu))) ** 2
    return float(lr), float(beta)


@case("correctness", hint="v = beta * v + g, then x = x - lr * v, starting from v = 0.")
def test_scalar_by_hand(sol):
    # f(x) = x^2 / 2, so g = x. v1 = 1, x1 = 0.5; v2 = 0.25 + 0.5 = 0.75, x2 = 0.125;
    # v3 = 0.1875 + 0.125 = 0.3125, x3 = -0.03125 (plain descent would be at 0.125).
    got = sol.momentum_descent(np.array([[1.0]]), np.array([0.0]), np.array([1.0]), 0.5, 0.25, 3)
    want = np.array([[1.0], [0.5], [0.125], [-0.03125]])
    expect_close(got, want, rtol=1e-12, atol=1e-15, what="history (momentum overshoots 0)")


@case("correctness", hint="The first row is x0; row t + 1 is the iterate after step t + 1.")
def test_two_dims_by_hand(sol):
    A = np.array([[1.0, 0.0], [0.0, 4.0]])
    b = np.array([1.0, 0.0])
    # g0 = (-1, 4), v1 = (-1, 4), x1 = (0.25, 0);
    # g1 = (-0.75, 0), v2 = (-1.25, 2), x2 = (0.5625, -0.5).
    got = sol.momentum_descent(A, b, np.array([0.0, 1.0]), 0.25, 0.5, 2)
    want = np.array([[0.0, 1.0], [0.25, 0.0], [0.5625, -0.5]])
    expect_close(got, want, rtol=1e-12, atol=1e-15, what="history on a 2-D quadratic")


@case("correctness", hint="With beta = 0 the method is plain gradient descent.")
def test_beta_zero_is_gradient_descent(sol, rng):
    A = _spd(rng, 4, 10.0)
    b = rng.normal(size=4)
    x0 = rng.normal(size=4)
    want = [x0]
    for _ in range(15):
        want.append(want[-1] - 0.1 * (A @ want[-1] - b))
    got = sol.momentum_descent(A, b, x0, 0.1, 0.0, 15)
    expect_close(got, np.array(want), rtol=1e-10, atol=1e-12, what="history with beta=0")


@case("correctness", hint="Heavy ball: x_{t+1} = x_t - lr g_t + beta (x_t - x_{t-1}).")
def test_matches_polyak_form(sol, rng):
    A = _spd(rng, 5, 50.0)
    b = rng.normal(size=5)
    x0 = rng.normal(size=5)
    lr, beta = 0.03, 0.8
    # The same iterates written without a velocity, with x_{-1} = x_0.
    prev, x = x0, x0
    want = [x0]
    for _ in range(40):
        prev, x = x, x - lr * (A @ x - b) + beta * (x - prev)
        want.append(x)
    got = sol.momentum_descent(A, b, x0, lr, beta, 40)
    expect_close(got, np.array(want), rtol=1e-9, atol=1e-12, what="40 heavy-ball iterates")


@case("correctness")
def test_converges_to_minimiser(sol, rng):
    A = _spd(rng, 6, 100.0)
    b = rng.normal(size=6)
    lr, beta = _heavy_ball_params(1.0, 100.0)
    got = sol.momentum_descent(A, b, np.zeros(6), lr, beta, 400)
    expect(got.shape == (401, 6), f"expected history of shape (401, 6), got {got.shape}")
    expect_close(got[-1], np.linalg.solve(A, b), rtol=1e-8, atol=1e-10, what="last iterate")


@case("correctness", hint="Least squares 1/2 ||M x - y||^2 has A = M.T M and b = M.T y.")
def test_least_squares_objective(sol, rng):
    M = rng.normal(size=(30, 3))
    y = rng.normal(size=30)
    A, b = M.T @ M, M.T @ y
    eig = np.linalg.eigvalsh(A)
    lr, beta = _heavy_ball_params(eig[0], eig[-1])
    got = sol.momentum_descent(A, b, np.zeros(3), lr, beta, 300)
    want = np.linalg.lstsq(M, y, rcond=None)[0]
    expect_close(got[-1], want, rtol=1e-8, atol=1e-10, what="last iterate vs lstsq")


@case("correctness", hint="Momentum should speed up an ill-conditioned problem.")
def test_momentum_beats_gradient_descent(sol, rng):
    A = _spd(rng, 8, 1000.0)
    b = rng.normal(size=8)
    x_star = np.linalg.solve(A, b)
    lr, beta = _heavy_ball_params(1.0, 1000.0)
    heavy = sol.momentum_descent(A, b, np.zeros(8), lr, beta, 200)[-1]
    plain = sol.momentum_descent(A, b, np.zeros(8), 1.0 / 1000.0, 0.0, 200)[-1]
    e_heavy = float(np.linalg.norm(heavy - x_star))
    e_plain = float(np.linalg.norm(plain - x_star))
    expect(
        e_heavy < 1e-3 * e_plain,
        f"after 200 steps momentum is {e_heavy:.3g} from the minimiser, plain GD {e_plain:.3g}",
    )


@case("edge_cases", hint="n_steps = 0: the history is just x0, shape (1, d).")
def test_zero_steps(sol):
    got = sol.momentum_descent(np.eye(3), np.ones(3), np.array([1.0, 2.0, 3.0]), 0.1, 0.9, 0)
    expect_close(got, np.array([[1.0, 2.0, 3.0]]), what="history with n_steps=0")


@case("edge_cases", hint="Test the gradient before each step and stop when ||g|| <= tol.")
def test_tolerance_stops_early(sol):
    A, b, x0 = np.array([[1.0]]), np.array([0.0]), np.array([1.0])
    # Gradients along the scalar run with beta = 0.25: 1, 0.5, 0.125 at x = 1, 0.5, 0.125.
    got = sol.momentum_descent(A, b, x0, 0.5, 0.25, 10, tol=0.5)
    expect_close(got, np.array([[1.0], [0.5]]), what="history with tol=0.5 (stop at ||g|| = 0.5)")
    got = sol.momentum_descent(A, b, x0, 0.5, 0.25, 10, tol=0.2)
    want = np.array([[1.0], [0.5], [0.125]])
    expect_close(got, want, what="history with tol=0.2")


@case("edge_cases", hint="With tol=0 a run that lands exactly on the minimiser stops there.")
def test_stops_on_exact_zero_gradient(sol):
    # beta = 0.5: v1 = 1, x1 = 0.5; v2 = 1, x2 = 0 exactly, where g = 0: no further rows.
    got = sol.momentum_descent(np.array([[1.0]]), np.array([0.0]), np.array([1.0]), 0.5, 0.5, 10)
    expect_close(got, np.array([[1.0], [0.5], [0.0]]), what="history reaching x = 0 exactly")


@case("edge_cases", hint="A start with gradient exactly 0 stops at once, even with tol=0.")
def test_start_at_minimiser(sol):
    A = np.array([[2.0, 0.0], [0.0, 3.0]])
    x0 = np.array([1.5, -2.0])
    got = sol.momentum_descent(A, A @ x0, x0, 0.1, 0.9, 25)
    expect_close(got, x0[None, :], what="history when x0 is the minimiser")


@case("edge_cases", hint="Convert to float before updating: integer arrays cannot hold x - lr * v.")
def test_integer_inputs(sol):
    A = np.array([[1, 0], [0, 4]])
    b = np.array([1, 0])
    got = sol.momentum_descent(A, b, np.array([0, 1]), 0.25, 0.5, 2)
    want = np.array([[0.0, 1.0], [0.25, 0.0], [0.5625, -0.5]])
    expect_close(got, want, rtol=1e-12, atol=1e-15, what="history from integer arrays")


@case("edge_cases", hint="Reject lr <= 0, beta outside [0, 1) and n_steps < 0 with ValueError.")
def test_invalid_arguments_raise(sol):
    A, b, x0 = np.eye(2), np.zeros(2), np.ones(2)
    expect_raises("ValueError", sol.momentum_descent, A, b, x0, 0.0, 0.5, 3)
    expect_raises("ValueError", sol.momentum_descent, A, b, x0, -0.1, 0.5, 3)
    expect_raises("ValueError", sol.momentum_descent, A, b, x0, 0.1, 1.0, 3)
    expect_raises("ValueError", sol.momentum_descent, A, b, x0, 0.1, -0.2, 3)
    expect_raises("ValueError", sol.momentum_descent, A, b, x0, 0.1, 0.5, -1)
    got = sol.momentum_descent(A, b, x0, 0.1, 0.0, 1)
    expect_close(got, np.array([[1.0, 1.0], [0.9, 0.9]]), what="beta = 0 is allowed")


@case("efficiency", timeout=10.0, hint="One matrix-vector product per step: A @ x - b.")
def test_speed(sol, ref, rng):
    d = 200
    S = rng.normal(scale=0.1 / np.sqrt(d), size=(d, d))
    A = np.eye(d) + (S + S.T) / 2  # symmetric, eigenvalues within about 1 +- 0.2
    b = rng.normal(size=d)
    expect_fast(
        sol.momentum_descent, ref.momentum_descent, A, b, np.zeros(d), 0.05, 0.5, 100, max_ratio=8
    )
