import numpy as np

from mldrill.grading.testkit import attr, case, expect_close, expect_fast, expect_raises


@case("correctness", hint="x_scaled = lo + (x - min) / (max - min) * (hi - lo).")
def test_by_hand_custom_range(sol):
    X = np.array([[2.0, -4.0], [6.0, 0.0], [4.0, 4.0], [3.0, -2.0]])
    scaler = sol.MinMaxScaler(feature_range=(-1.0, 3.0))
    fitted = scaler.fit(X)
    expect_close(attr(fitted.data_min_), np.array([2.0, -4.0]), what="data_min_ (fit returns self)")
    expect_close(attr(fitted.data_max_), np.array([6.0, 4.0]), what="data_max_")
    # column 0: (x - 2) / 4 * 4 - 1; column 1: (x + 4) / 8 * 4 - 1
    want = np.array([[-1.0, -1.0], [3.0, 1.0], [1.0, 3.0], [0.0, 0.0]])
    expect_close(scaler.transform(X), want, rtol=1e-12, atol=1e-12, what="transform")


@case("correctness", hint="transform must use data_min_ and data_max_ from fit, not X's own.")
def test_transform_uses_training_statistics(sol):
    scaler = sol.MinMaxScaler(feature_range=(10.0, 20.0))
    scaler.fit(np.array([[0.0], [5.0], [2.0]]))
    got = scaler.transform(np.array([[1.0], [7.5], [-5.0]]))
    # (x - 0) / 5 * 10 + 10, with no clipping outside the training range
    expect_close(got, np.array([[12.0], [25.0], [0.0]]), rtol=1e-12, what="transform of new data")


@case("correctness", hint="inverse: min + (y - lo) / (hi - lo) * (max - min).")
def test_inverse_round_trip(sol, rng):
    train = rng.normal(loc=3.0, scale=2.0, size=(30, 4))
    test = rng.normal(size=(10, 4))
    scaler = sol.MinMaxScaler(feature_range=(-2.0, 0.5))
    scaler.fit(train)
    back = scaler.inverse_transform(scaler.transform(test))
    expect_close(back, test, rtol=1e-10, atol=1e-12, what="inverse_transform(transform(X))")
    lo_hi = scaler.inverse_transform(np.array([[-2.0] * 4, [0.5] * 4]))
    want = np.vstack([train.min(axis=0), train.max(axis=0)])
    expect_close(lo_hi, want, rtol=1e-12, what="inverse_transform of lo and hi")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    train = rng.uniform(-50, 50, size=(40, 5))
    test = rng.uniform(-80, 80, size=(12, 5))
    scaler = sol.MinMaxScaler(feature_range=(0.25, 4.0))
    scaler.fit(train)
    want = ref.MinMaxScaler(feature_range=(0.25, 4.0)).fit(train)
    expect_close(scaler.transform(test), want.transform(test), rtol=1e-10, what="transform")
    expect_close(scaler.fit_transform(train), want.transform(train), rtol=1e-10, atol=1e-12)


@case("edge_cases", hint="A constant column has max - min = 0: divide it by 1 instead.")
def test_constant_columns(sol):
    X = np.array([[5.0, 1.0, -2.0], [5.0, 3.0, -2.0]])
    scaler = sol.MinMaxScaler(feature_range=(1.0, 3.0))
    got = scaler.fit_transform(X)
    want = np.array([[1.0, 1.0, 1.0], [1.0, 3.0, 1.0]])
    expect_close(got, want, rtol=1e-12, what="fit_transform with constant columns")
    new = scaler.transform(np.array([[6.0, 2.0, -2.5]]))
    # constant columns: lo + (x - min) * (hi - lo)
    expect_close(new, np.array([[3.0, 2.0, 0.0]]), rtol=1e-12, what="transform of new values")
    back = scaler.inverse_transform(new)
    expect_close(back, np.array([[6.0, 2.0, -2.5]]), rtol=1e-12, what="inverse_transform")


@case("edge_cases")
def test_single_row_and_integers(sol):
    scaler = sol.MinMaxScaler()
    got = scaler.fit_transform(np.array([[3, -7]]))
    expect_close(got, np.zeros((1, 2)), what="fit_transform of one row")
    scaler = sol.MinMaxScaler(feature_range=(0, 10))
    got = scaler.fit_transform(np.array([[1, 2], [4, 2], [2, 8]]))
    want = np.array([[0.0, 0.0], [10.0, 0.0], [10 / 3, 10.0]])
    expect_close(got, want, rtol=1e-12, what="fit_transform of integers (floats expected)")


@case("edge_cases", hint="fit must replace old statistics, not combine them.")
def test_refit_replaces_statistics(sol):
    scaler = sol.MinMaxScaler()
    scaler.fit(np.array([[-100.0], [100.0]]))
    scaler.fit(np.array([[1.0], [3.0]]))
    expect_close(attr(scaler.data_min_), np.array([1.0]), what="data_min_ after refit")
    expect_close(scaler.transform(np.array([[2.0]])), np.array([[0.5]]), what="transform")


@case("edge_cases", hint="Reject lo >= hi, a missing fit and a wrong number of columns.")
def test_invalid_usage_raises(sol):
    expect_raises("ValueError", sol.MinMaxScaler, (1.0, 0.0))
    expect_raises("ValueError", sol.MinMaxScaler, (2.0, 2.0))
    expect_raises("RuntimeError", sol.MinMaxScaler().transform, np.ones((2, 2)))
    expect_raises("RuntimeError", sol.MinMaxScaler().inverse_transform, np.ones((2, 2)))
    scaler = sol.MinMaxScaler()
    scaler.fit(np.ones((3, 2)))
    expect_raises("ValueError", scaler.transform, np.ones((3, 3)))
    expect_raises("ValueError", scaler.inverse_transform, np.ones((1, 1)))


@case(
    "numerical_stability",
    hint="Compute (x - min) first: x * scale + offset cancels for columns far from zero.",
)
def test_far_from_zero_small_spread(sol):
    offsets = np.arange(4.0) * 2.0**-10  # about 1e-3 apart, exact in floating point
    X = np.column_stack([1e9 + offsets, -3e9 + offsets])
    scaler = sol.MinMaxScaler(feature_range=(-1.0, 1.0))
    got = scaler.fit_transform(X)
    want = np.array([-1.0, -1 / 3, 1 / 3, 1.0])
    expect_close(got, np.column_stack([want, want]), rtol=1e-9, atol=1e-9, what="fit_transform")
    back = scaler.inverse_transform(got)
    expect_close(back, X, rtol=1e-15, what="inverse_transform near 1e9")


@case("numerical_stability", hint="Do not add an epsilon to max - min: a tiny spread is real.")
def test_tiny_spread(sol):
    X = np.array([[0.0, 1e-300], [1e-9, 3e-300], [2e-9, 2e-300]])
    scaler = sol.MinMaxScaler()
    got = scaler.fit_transform(X)
    want = np.array([[0.0, 0.0], [0.5, 1.0], [1.0, 0.5]])
    expect_close(got, want, rtol=1e-9, atol=1e-12, what="fit_transform of tiny spreads")


@case("efficiency", timeout=10.0, hint="Broadcast the per-column statistics over all rows.")
def test_transform_speed(sol, ref, rng):
    # 96,000 entries: a Python loop over them takes ~90 ms, broadcasting well under 1 ms. The
    # 20 ms floor absorbs the cost of calling into the sandbox on a busy machine.
    train = rng.normal(size=(12000, 8))
    test = rng.normal(size=(12000, 8))
    scaler = sol.MinMaxScaler(feature_range=(-1.0, 1.0))
    scaler.fit(train)
    want = ref.MinMaxScaler(feature_range=(-1.0, 1.0)).fit(train)
    expect_fast(scaler.transform, want.transform, test, max_ratio=10, floor_ms=20)
