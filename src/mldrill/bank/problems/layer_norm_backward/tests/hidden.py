import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast


def _forward(x, gamma, beta, eps):
    """The definition, written independently of the reference."""
    mu = x.mean(axis=-1, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=-1, keepdims=True)
    return gamma * (x - mu) / np.sqrt(var + eps) + beta


def _numeric_grads(x, gamma, beta, r, eps, h=1e-6):
    """Central differences of L = sum(r * layer_norm(x)) for x, gamma and beta."""

    def loss(x, gamma, beta):
        return float((r * _forward(x, gamma, beta, eps)).sum())

    out = []
    for which in range(3):
        args = [x, gamma, beta]
        grad = np.zeros(args[which].shape)
        for idx in np.ndindex(grad.shape):
            up = [a.copy() for a in args]
            down = [a.copy() for a in args]
            up[which][idx] += h
            down[which][idx] -= h
            grad[idx] = (loss(*up) - loss(*down)) / (2 * h)
        out.append(grad)
    return out


@case("correctness", hint="Normalise each row over the last axis, then scale and shift.")
def test_forward_by_hand(sol):
    x = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 6.0, 6.0]])  # means 2.5, 4; vars 1.25, 4
    y = sol.layer_norm_forward(x, np.array([1.0, 2.0, 1.0, 1.0]), np.array([0.0, 0, 0, 1]), 0.0)
    row0 = np.array([-1.5, -0.5, 0.5, 1.5]) / np.sqrt(1.25) * np.array([1, 2, 1, 1])
    want = np.array([row0 + np.array([0, 0, 0, 1]), [-1.0, -2.0, 1.0, 2.0]])
    expect_close(y, want, rtol=1e-12, atol=1e-14, what="layer norm of two rows")


@case("correctness", hint="dx = (g - mean(g) - x_hat * mean(g * x_hat)) / std, g = dy * gamma.")
def test_backward_by_hand(sol):
    x = np.array([[0.0, 1.0, 2.0]])  # x_hat = sqrt(3/2) * [-1, 0, 1]
    dx, dgamma, dbeta = sol.layer_norm_backward(np.array([[1.0, 0.0, 0.0]]), x, np.ones(3), 0.0)
    expect_close(dx, np.sqrt(1.5) * np.array([[1 / 6, -1 / 3, 1 / 6]]), rtol=1e-12, what="dx")
    expect_close(dgamma, np.array([-np.sqrt(1.5), 0.0, 0.0]), rtol=1e-12, what="dgamma")
    expect_close(dbeta, np.array([1.0, 0.0, 0.0]), rtol=1e-12, what="dbeta")
    # gamma scales dL/dx_hat: with gamma = [2, 1, 1] the result doubles
    dx, _, _ = sol.layer_norm_backward(np.array([[1.0, 0.0, 0.0]]), x, np.array([2, 1, 1.0]), 0.0)
    expect_close(dx, np.sqrt(1.5) * np.array([[1 / 3, -2 / 3, 1 / 3]]), rtol=1e-12,
                 what="dx with gamma = [2, 1, 1]")  # fmt: skip


@case("correctness", hint="Shifting or scaling a row does not change x_hat: dx must see that.")
def test_invariances_by_hand(sol, rng):
    x = rng.normal(size=(3, 5))
    x_hat = _forward(x, np.ones(5), np.zeros(5), 0.0)
    # dy constant along a row: y moves only by a shift, which layer norm removes
    dx, _, _ = sol.layer_norm_backward(np.ones((3, 5)), x, np.ones(5), 0.0)
    expect_close(dx, np.zeros((3, 5)), atol=1e-12, what="dx for a constant dy")
    # dy = x_hat: the direction of a rescaling, which layer norm also removes
    dx, _, _ = sol.layer_norm_backward(x_hat, x, np.ones(5), 0.0)
    expect_close(dx, np.zeros((3, 5)), atol=1e-12, what="dx for dy = x_hat")


@case("correctness", hint="Include the paths through the mean and the variance.")
def test_finite_differences_2d(sol, rng):
    x, r = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    gamma, beta = rng.normal(size=5), rng.normal(size=5)
    expect_close(sol.layer_norm_forward(x, gamma, beta, 1e-5), _forward(x, gamma, beta, 1e-5),
                 rtol=1e-10, what="forward")  # fmt: skip
    dx, dgamma, dbeta = sol.layer_norm_backward(r, x, gamma, 1e-5)
    want = _numeric_grads(x, gamma, beta, r, 1e-5)
    for name, got, num in zip(("dx", "dgamma", "dbeta"), (dx, dgamma, dbeta), want, strict=True):
        expect_close(got, num, rtol=1e-5, atol=1e-7, what=f"{name} vs central differences")


@case("correctness", hint="dgamma and dbeta sum over every leading axis, not just axis 0.")
def test_finite_differences_3d(sol, rng):
    x, r = rng.normal(size=(2, 3, 4)) * 3 + 1, rng.normal(size=(2, 3, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    expect_close(sol.layer_norm_forward(x, gamma, beta), _forward(x, gamma, beta, 1e-5),
                 rtol=1e-10, what="forward of a (2, 3, 4) input")  # fmt: skip
    dx, dgamma, dbeta = sol.layer_norm_backward(r, x, gamma)
    want = _numeric_grads(x, gamma, beta, r, 1e-5)
    for name, got, num in zip(("dx", "dgamma", "dbeta"), (dx, dgamma, dbeta), want, strict=True):
        expect_close(got, num, rtol=1e-5, atol=1e-7, what=f"{name} for a (2, 3, 4) input")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    x, dy = rng.normal(size=(4, 6, 8)), rng.normal(size=(4, 6, 8))
    gamma, beta = rng.normal(size=8), rng.normal(size=8)
    expect_close(sol.layer_norm_forward(x, gamma, beta), ref.layer_norm_forward(x, gamma, beta),
                 rtol=1e-10, what="forward")  # fmt: skip
    got = sol.layer_norm_backward(dy, x, gamma)
    want = ref.layer_norm_backward(dy, x, gamma)
    for name, g, w in zip(("dx", "dgamma", "dbeta"), got, want, strict=True):
        expect_close(g, w, rtol=1e-9, atol=1e-12, what=name)


@case("correctness", hint="Every row of dx sums to 0: shifting x does not change y.")
def test_dx_rows_sum_to_zero(sol, rng):
    x, dy, gamma = rng.normal(size=(10, 7)), rng.normal(size=(10, 7)), rng.normal(size=7)
    dx, _, _ = sol.layer_norm_backward(dy, x, gamma)
    expect_close(dx.sum(axis=-1), np.zeros(10), atol=1e-12, what="row sums of dx")


@case("edge_cases", hint="A single vector of shape (D,) has no leading axes to sum over.")
def test_one_dimensional_input(sol, rng):
    x, dy = rng.normal(size=6), rng.normal(size=6)
    gamma, beta = rng.normal(size=6), rng.normal(size=6)
    expect_close(sol.layer_norm_forward(x, gamma, beta), _forward(x, gamma, beta, 1e-5),
                 rtol=1e-10, what="forward of a 1-D input")  # fmt: skip
    dx, dgamma, dbeta = sol.layer_norm_backward(dy, x, gamma)
    want = _numeric_grads(x, gamma, beta, dy, 1e-5)
    for name, got, num in zip(("dx", "dgamma", "dbeta"), (dx, dgamma, dbeta), want, strict=True):
        expect_close(got, num, rtol=1e-5, atol=1e-7, what=f"{name} for a 1-D input")


@case("edge_cases", hint="With D = 1, x_hat is 0: y = beta and dx = 0.")
def test_single_feature(sol, rng):
    x, dy = rng.normal(size=(4, 1)), rng.normal(size=(4, 1))
    y = sol.layer_norm_forward(x, np.array([3.0]), np.array([0.5]))
    expect_close(y, np.full((4, 1), 0.5), what="forward with D = 1")
    dx, dgamma, dbeta = sol.layer_norm_backward(dy, x, np.array([3.0]))
    expect_close(dx, np.zeros((4, 1)), atol=1e-12, what="dx with D = 1")
    expect_close(dgamma, np.zeros(1), atol=1e-12, what="dgamma with D = 1")
    expect_close(dbeta, dy.sum(axis=0), rtol=1e-12, what="dbeta with D = 1")


@case("edge_cases", hint="Return dgamma and dbeta with shape (D,).")
def test_gradient_shapes(sol, rng):
    x = rng.normal(size=(2, 3, 5))
    dx, dgamma, dbeta = sol.layer_norm_backward(rng.normal(size=(2, 3, 5)), x, np.ones(5))
    shapes = (dx.shape, dgamma.shape, dbeta.shape)
    expect(shapes == ((2, 3, 5), (5,), (5,)), f"got shapes {shapes}, want (2, 3, 5), (5,), (5,)")


@case("numerical_stability", hint="A constant row has variance 0: sqrt(0 + eps) keeps it finite.")
def test_constant_rows(sol, rng):
    x = np.array([[2.0, 2.0, 2.0], [0.0, 1.0, 5.0]])
    dy, gamma = rng.normal(size=(2, 3)), np.array([1.0, 2.0, 3.0])
    y = sol.layer_norm_forward(x, gamma, np.array([0.1, 0.2, 0.3]))
    expect_close(y[0], np.array([0.1, 0.2, 0.3]), atol=1e-12, what="forward of a constant row")
    dx, dgamma, _ = sol.layer_norm_backward(dy, x, gamma)
    g = dy[0] * gamma  # x_hat = 0, so only the mean path is left
    expect_close(dx[0], (g - g.mean()) / np.sqrt(1e-5), rtol=1e-9, what="dx of a constant row")
    want = _numeric_grads(x[1:], gamma, np.zeros(3), dy[1:], 1e-5)[0]
    expect_close(dx[1:], want, rtol=1e-5, atol=1e-7, what="dx of the other row")
    expect(bool(np.all(np.isfinite(dgamma))), f"dgamma is not finite: {dgamma}")


@case("numerical_stability", hint="Divide by sqrt(var + eps), not sqrt(var) + eps.")
def test_small_variance_uses_eps_inside_sqrt(sol):
    x = np.array([[0.0, 0.002, 0.004]])  # variance 8e-6 / 3, comparable to eps
    std = np.sqrt(8e-6 / 3 + 1e-5)
    y = sol.layer_norm_forward(x, np.ones(3), np.zeros(3), eps=1e-5)
    expect_close(y, np.array([[-0.002, 0.0, 0.002]]) / std, rtol=1e-9, what="forward")
    dx, _, _ = sol.layer_norm_backward(np.array([[1.0, 0.0, 0.0]]), x, np.ones(3), eps=1e-5)
    x_hat = np.array([-0.002, 0.0, 0.002]) / std
    g = np.array([1.0, 0.0, 0.0])
    want = (g - g.mean() - x_hat * (g * x_hat).mean()) / std
    expect_close(dx, want[None], rtol=1e-9, what="dx for a row with a tiny variance")


@case("numerical_stability", hint="mean(x**2) - mean(x)**2 cancels for x ~ 1e8; use x - mu.")
def test_large_offset(sol, rng):
    noise = rng.normal(size=(4, 16))
    noise -= noise.mean(axis=-1, keepdims=True)
    x = 1e8 + noise
    noise = x - 1e8  # what the float64 values really hold
    gamma, dy = rng.normal(size=16), rng.normal(size=(4, 16))
    want_y = _forward(noise, gamma, np.zeros(16), 1e-5)
    y = sol.layer_norm_forward(x, gamma, np.zeros(16))
    expect_close(y, want_y, rtol=1e-6, atol=1e-6, what="forward for rows near 1e8")
    dx, dgamma, _ = sol.layer_norm_backward(dy, x, gamma)
    want = _numeric_grads(noise, gamma, np.zeros(16), dy, 1e-5)
    expect_close(dx, want[0], rtol=1e-5, atol=1e-6, what="dx for rows near 1e8")
    expect_close(dgamma, want[1], rtol=1e-5, atol=1e-6, what="dgamma for rows near 1e8")


@case("efficiency", timeout=10.0, hint="Reduce over the last axis for all rows at once.")
def test_backward_speed(sol, ref, rng):
    # many short rows: vectorised ~0.5 ms, a loop over the 4000 rows ~100 ms
    x, dy, gamma = rng.normal(size=(4000, 8)), rng.normal(size=(4000, 8)), rng.normal(size=8)
    expect_fast(sol.layer_norm_backward, ref.layer_norm_backward, dy, x, gamma, max_ratio=10)
