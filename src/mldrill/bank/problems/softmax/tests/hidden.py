import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast


@case("correctness")
def test_vector_known_values(sol):
    got = sol.softmax(np.array([1.0, 2.0, 3.0]))
    expect_close(got, np.array([0.09003057317, 0.24472847105, 0.66524095577]), rtol=1e-8)


@case("correctness", hint="Normalise along the requested axis only, with keepdims=True.")
def test_rows_sum_to_one(sol, rng):
    x = rng.normal(size=(5, 7))
    got = sol.softmax(x)
    expect_close(got.sum(axis=-1), np.ones(5), rtol=1e-10, what="row sums")


@case("correctness")
def test_matches_reference_3d(sol, ref, rng):
    x = rng.normal(scale=3.0, size=(2, 3, 4))
    expect_close(sol.softmax(x), ref.softmax(x), rtol=1e-9)


@case("edge_cases", hint="axis=0 normalises each column; negative axes count from the end.")
def test_axis_zero(sol, ref, rng):
    x = rng.normal(size=(4, 3))
    expect_close(sol.softmax(x, axis=0), ref.softmax(x, axis=0), rtol=1e-9, what="axis=0")
    expect_close(sol.softmax(x, axis=-2), ref.softmax(x, axis=0), rtol=1e-9, what="axis=-2")


@case("edge_cases")
def test_single_element_axis(sol):
    got = sol.softmax(np.array([[3.0], [-2.0]]), axis=1)
    expect_close(got, np.array([[1.0], [1.0]]), what="softmax over a length-1 axis")


@case("edge_cases")
def test_constant_input_is_uniform(sol):
    got = sol.softmax(np.full((2, 4), 7.5))
    expect_close(got, np.full((2, 4), 0.25), what="softmax of equal logits")


@case("edge_cases", hint="Keep the input's floating dtype; do not force float64 or int.")
def test_float32_stays_float32(sol):
    got = sol.softmax(np.array([0.0, 0.0, np.log(2.0)], dtype=np.float32))
    expect_close(got, np.array([0.25, 0.25, 0.5], dtype=np.float32), rtol=1e-6)
    expect(got.dtype == np.float32, f"expected dtype float32, got {got.dtype}")


@case("numerical_stability", hint="exp(1000) is inf: subtract the max along the axis first.")
def test_large_logits(sol):
    x = np.array([[1000.0, 1001.0, 1002.0], [1e4, 1e4, -1e4]])
    want = np.array([[0.09003057317, 0.24472847105, 0.66524095577], [0.5, 0.5, 0.0]])
    expect_close(sol.softmax(x), want, rtol=1e-8, atol=1e-300)


@case("numerical_stability", hint="Shift by the max so the largest exponent is exp(0) = 1.")
def test_very_negative_logits(sol):
    x = np.array([-1000.0, -1001.0, -1002.0])
    got = sol.softmax(x)
    expect_close(got, np.array([0.66524095577, 0.24472847105, 0.09003057317]), rtol=1e-8)


@case("numerical_stability")
def test_no_nan_on_wide_range(sol, rng):
    x = rng.uniform(-5e3, 5e3, size=(64, 128))
    got = sol.softmax(x)
    expect(bool(np.all(np.isfinite(got))), "softmax returned nan or inf for logits in ±5000")


@case("efficiency", timeout=10.0)
def test_large_batch_speed(sol, ref, rng):
    # Many short rows: vectorised code takes about a millisecond, a Python loop over rows
    # pays its overhead 6000 times (~20 ms, four times the 5 ms floor, under which any
    # solution passes on the first run).
    x = rng.normal(size=(6000, 8))
    expect_fast(sol.softmax, ref.softmax, x, max_ratio=8)
