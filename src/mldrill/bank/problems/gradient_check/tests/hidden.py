import numpy as np

from mldrill.grading.testkit import case, expect, expect_close

CENTRAL_HINT = (
    "Use the central difference (f(x + h e_i) - f(x - h e_i)) / (2 h): for sum(x**3) it "
    "gives exactly 3 x^2 + h^2, while the forward difference adds an O(h) error."
)
RESTORE_HINT = (
    "Put x[i] back to its original value after both evaluations: otherwise the next entries "
    "are differentiated at a shifted point."
)
SHAPE_HINT = (
    "Visit every entry of x whatever its shape (np.ndindex(x.shape) or x.flat), not just "
    "x[0], x[1], ... along the first axis."
)
DTYPE_HINT = "Work on a float64 copy: np.array(x, dtype=np.float64)."
FLOOR_HINT = "Divide by max(|a|, |n|, floor) so that entries where both are 0 give 0, not nan."


def _softmax_ce_grad(W, v, label):
    """The analytic gradient of -log softmax(W v)[label] with respect to W."""
    z = W @ v
    p = np.exp(z - z.max())
    p /= p.sum()
    p[label] -= 1.0
    return np.outer(p, v)


@case("correctness", hint=CENTRAL_HINT)
def test_cubes_central_formula(sol):
    # (f(x + h) - f(x - h)) / 2h = 3 x^2 + h^2 exactly for f = x^3: [3.01, 12.01, 0.76, 0.01]
    got = sol.numerical_gradient_of("sum_of_cubes", np.array([1.0, -2.0, 0.5, 0.0]), h=0.1)
    expect_close(got, np.array([3.01, 12.01, 0.76, 0.01]), rtol=1e-9, what="h = 0.1")
    got = sol.numerical_gradient_of("sum_of_cubes", np.array([3.0, -1.0]), h=1.0)
    expect_close(got, np.array([28.0, 4.0]), rtol=1e-12, what="h = 1")


@case("correctness", hint=CENTRAL_HINT)
def test_cubes_default_step(sol, rng):
    x = rng.uniform(-2.0, 2.0, size=6)
    got = sol.numerical_gradient_of("sum_of_cubes", x)  # h = 1e-5 by default
    expect_close(got, 3 * x**2 + 1e-10, rtol=1e-7, atol=1e-8, what="gradient with h = 1e-5")


@case("correctness", hint=RESTORE_HINT)
def test_quadratic_by_hand(sol):
    # grad of 0.5 x.A.x + b.x is 0.5 (A + A^T) x + b; central differences are exact here.
    A = np.array([[2.0, 1.0], [0.0, 4.0]])
    b = np.array([1.0, -1.0])
    got = sol.numerical_gradient_of("quadratic", np.array([1.0, 2.0]), h=0.5, A=A, b=b)
    expect_close(got, np.array([4.0, 7.5]), rtol=1e-12)


@case("correctness", hint=RESTORE_HINT)
def test_quadratic_random(sol, rng):
    n = 6
    A = rng.normal(size=(n, n))  # not symmetric
    b = rng.normal(size=n)
    x = rng.normal(size=n)
    got = sol.numerical_gradient_of("quadratic", x, h=1e-3, A=A, b=b)
    expect_close(got, 0.5 * (A + A.T) @ x + b, rtol=1e-8, atol=1e-9)


@case("correctness", hint=SHAPE_HINT)
def test_weight_matrix(sol, rng):
    W = rng.normal(size=(3, 4))
    v = rng.normal(size=4)
    got = sol.numerical_gradient_of("softmax_cross_entropy", W, v=v, label=2)
    expect_close(got, _softmax_ce_grad(W, v, 2), rtol=1e-6, atol=1e-9, what="d loss / d W")


@case("correctness", hint=FLOOR_HINT)
def test_relative_error_by_hand(sol):
    got = sol.relative_error(np.array([1.0, 2.0, 0.0]), np.array([1.0, 2.2, 0.0]))
    expect_close(got, 0.2 / 2.2, rtol=1e-12, what="relative_error([1, 2, 0], [1, 2.2, 0])")
    got = sol.relative_error(np.array([3.0, 1.0]), np.array([-3.0, 1.0]))
    expect_close(got, 2.0, rtol=1e-12, what="opposite signs")
    a = np.array([[1.0, -4.0], [0.5, 10.0]])
    n = np.array([[1.1, -4.0], [0.5, 9.5]])
    # entries: 0.1/1.1, 0, 0, 0.5/10: the worst is 0.1 / 1.1, not the largest difference
    expect_close(sol.relative_error(a, n), 0.1 / 1.1, rtol=1e-12, what="a 2-D comparison")
    expect(type(sol.relative_error(a, n)) is float, "relative_error should return a float")


@case("correctness")
def test_checks_a_backward_pass(sol, rng):
    W = rng.normal(size=(4, 3))
    v = rng.normal(size=3)
    numeric = sol.numerical_gradient_of("softmax_cross_entropy", W, v=v, label=0)
    good = _softmax_ce_grad(W, v, 0)
    err = sol.relative_error(good, numeric)
    expect(err < 1e-6, f"a correct analytic gradient gave relative error {err:.3g}")
    bad = good.copy()
    bad[1, 2] *= 1.05  # one entry 5% off: the check must notice
    err = sol.relative_error(bad, numeric)
    expect(err > 0.04, f"a gradient with one entry 5% off gave relative error {err:.3g}")


@case("edge_cases", hint=SHAPE_HINT)
def test_any_shape(sol, rng):
    x = rng.uniform(-2.0, 2.0, size=(2, 3))
    got = sol.numerical_gradient_of("sum_of_cubes", x, h=0.1)
    expect_close(got, 3 * x**2 + 0.01, rtol=1e-9, what="a (2, 3) input")
    x = rng.uniform(-2.0, 2.0, size=(2, 2, 2))
    got = sol.numerical_gradient_of("sum_of_cubes", x, h=0.1)
    expect_close(got, 3 * x**2 + 0.01, rtol=1e-9, what="a (2, 2, 2) input")
    got = sol.numerical_gradient_of("sum_of_cubes", np.array([2.0]), h=0.1)
    expect_close(got, np.array([12.01]), rtol=1e-12, what="a single entry")


@case("edge_cases", hint=DTYPE_HINT)
def test_integer_input(sol):
    x = np.array([[1, 2], [0, -3]])
    got = sol.numerical_gradient_of("sum_of_cubes", x, h=0.5)
    expect_close(got, np.array([[3.25, 12.25], [0.25, 27.25]]), rtol=1e-12)
    expect(got.dtype == np.float64, f"expected a float64 gradient, got {got.dtype}")


@case("edge_cases", hint=FLOOR_HINT)
def test_relative_error_zero_entries(sol):
    zeros = np.zeros(3)
    expect_close(sol.relative_error(zeros, zeros), 0.0, atol=0.0, what="two zero gradients")
    got = sol.relative_error(np.array([0.0, 2.0]), np.array([0.0, 2.0]))
    expect_close(got, 0.0, atol=0.0, what="equal gradients with a zero entry")
    got = sol.relative_error(np.array([0.0, 2.0]), np.array([0.5, 2.0]))
    expect_close(got, 1.0, rtol=1e-12, what="analytic 0 where numeric is 0.5")
    got = sol.relative_error(np.array([1e-20, 1.0]), np.array([-1e-20, 1.0]))
    expect_close(got, 2e-8, rtol=1e-9, what="entries below the floor")
    got = sol.relative_error(np.array([0.0]), np.array([1e-6]), floor=1e-3)
    expect_close(got, 1e-3, rtol=1e-9, what="floor=1e-3")


@case("numerical_stability", hint=DTYPE_HINT)
def test_float32_input(sol):
    x = np.array([1.3, -0.7, 2.1, 0.2], dtype=np.float32)
    got = sol.numerical_gradient_of("sum_of_cubes", x, h=1e-4)
    x64 = x.astype(np.float64)
    # in float32, x + 1e-4 is rounded by up to 1e-7: a 0.1% error in the difference
    expect_close(got, 3 * x64**2 + 1e-8, rtol=1e-7, what="gradient at a float32 point")
    expect(got.dtype == np.float64, f"expected a float64 gradient, got {got.dtype}")


@case("numerical_stability", hint=FLOOR_HINT)
def test_relative_error_small_gradients(sol):
    # Tiny but real gradients (above the floor) must be compared relatively: adding an
    # epsilon to the denominator instead of taking a max would hide this 10% mismatch.
    got = sol.relative_error(np.array([2e-10, 5e-9]), np.array([2.2e-10, 5e-9]))
    expect_close(got, 0.2 / 2.2, rtol=1e-9, what="gradients of size 1e-10")
