import math

import numpy as np

from mldrill.grading.testkit import attr, case, expect_close, expect_fast, expect_raises


@case("correctness", hint="Use the population std (divide by n), and return self from fit.")
def test_fit_statistics_by_hand(sol):
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]])
    fitted = sol.StandardScaler().fit(X)
    # column 0: mean 3, deviations -2, 0, 2, variance 8/3; column 1: mean 20, variance 200
    expect_close(attr(fitted.mean_), np.array([3.0, 20.0]), rtol=1e-12, what="mean_")
    want_scale = np.array([math.sqrt(8 / 3), math.sqrt(200.0)])
    expect_close(attr(fitted.scale_), want_scale, rtol=1e-12, what="scale_")
    want = np.array([[-2.0, -10.0], [0.0, -10.0], [2.0, 20.0]]) / want_scale
    expect_close(fitted.transform(X), want, rtol=1e-12, what="transform of the fit data")


@case("correctness")
def test_fit_transform_standardises(sol, ref, rng):
    X = rng.normal(loc=[5.0, -3.0, 0.0], scale=[2.0, 0.1, 30.0], size=(40, 3))
    Z = sol.StandardScaler().fit_transform(X)
    expect_close(Z.mean(axis=0), np.zeros(3), atol=1e-12, what="column means after fit_transform")
    expect_close(Z.std(axis=0), np.ones(3), rtol=1e-12, what="column stds after fit_transform")
    expect_close(Z, ref.StandardScaler().fit_transform(X), rtol=1e-10, what="fit_transform")


@case("correctness", hint="transform must use the mean and scale stored by fit, not X's own.")
def test_transform_uses_training_statistics(sol, ref, rng):
    train = rng.normal(loc=2.0, scale=3.0, size=(50, 4))
    test = rng.normal(loc=-1.0, scale=0.5, size=(10, 4))
    scaler = sol.StandardScaler()
    scaler.fit(train)
    want = (test - train.mean(axis=0)) / train.std(axis=0)
    expect_close(scaler.transform(test), want, rtol=1e-10, what="transform of unseen data")
    expect_close(scaler.transform(test[:1]), want[:1], rtol=1e-10, what="transform of one row")
    expect_close(attr(scaler.mean_), ref.StandardScaler().fit(train).mean_, rtol=1e-12)


@case("correctness", hint="inverse_transform(Z) is Z * scale_ + mean_.")
def test_inverse_round_trip(sol, rng):
    train = rng.normal(loc=10.0, scale=4.0, size=(30, 3))
    test = rng.normal(size=(8, 3))
    scaler = sol.StandardScaler()
    scaler.fit(train)
    back = scaler.inverse_transform(scaler.transform(test))
    expect_close(back, test, rtol=1e-10, atol=1e-12, what="inverse_transform(transform(X))")
    expect_close(
        scaler.inverse_transform(np.zeros((1, 3))),
        train.mean(axis=0, keepdims=True),
        rtol=1e-12,
        what="inverse_transform of zeros (should be the training mean)",
    )


@case("edge_cases", hint="A column with a single repeated value has std 0: give it scale 1.")
def test_constant_columns(sol):
    X = np.array([[5.0, 1.0, 0.0], [5.0, 2.0, 0.0], [5.0, 4.0, 0.0]])
    scaler = sol.StandardScaler()
    Z = scaler.fit_transform(X)
    expect_close(
        attr(scaler.scale_)[[0, 2]], np.array([1.0, 1.0]), what="scale_ of constant columns"
    )
    expect_close(Z[:, [0, 2]], np.zeros((3, 2)), what="constant columns after transform")
    new = np.array([[6.0, 3.0, -1.0]])
    expect_close(scaler.transform(new)[0, [0, 2]], np.array([1.0, -1.0]), what="shift only")
    expect_close(scaler.inverse_transform(Z), X, rtol=1e-12, what="round trip")


@case("edge_cases")
def test_single_row(sol):
    X = np.array([[1.5, -2.0, 7.0]])
    scaler = sol.StandardScaler()
    expect_close(scaler.fit_transform(X), np.zeros((1, 3)), what="fit_transform of one row")
    expect_close(attr(scaler.scale_), np.ones(3), what="scale_ after fitting one row")


@case("edge_cases", hint="Convert to float before subtracting: integer arrays truncate.")
def test_integer_input(sol, ref):
    X = np.array([[1, 2], [2, 4], [4, 9], [7, 1]])
    got = sol.StandardScaler().fit_transform(X)
    expect_close(got, ref.StandardScaler().fit_transform(X.astype(float)), rtol=1e-12)


@case("edge_cases", hint="fit must replace old statistics, not combine them.")
def test_refit_replaces_statistics(sol, rng):
    first = rng.normal(loc=100.0, size=(20, 2))
    second = rng.normal(loc=-5.0, scale=2.0, size=(15, 2))
    scaler = sol.StandardScaler()
    scaler.fit(first)
    scaler.fit(second)
    expect_close(attr(scaler.mean_), second.mean(axis=0), rtol=1e-12, what="mean_ after refit")
    expect_close(attr(scaler.scale_), second.std(axis=0), rtol=1e-12, what="scale_ after refit")


@case("edge_cases", hint="Check for a missing fit and raise RuntimeError.")
def test_transform_before_fit_raises(sol):
    X = np.ones((2, 2))
    expect_raises("RuntimeError", sol.StandardScaler().transform, X)
    expect_raises("RuntimeError", sol.StandardScaler().inverse_transform, X)


@case(
    "numerical_stability",
    hint="A constant 0.1 column can get std 1e-17, not 0: test for equal values.",
)
def test_constant_column_with_rounding(sol):
    X = np.column_stack([np.full(7, 0.1), np.full(7, 3.7), np.arange(7.0)])
    scaler = sol.StandardScaler()
    Z = scaler.fit_transform(X)
    expect_close(attr(scaler.scale_)[:2], np.ones(2), what="scale_ of constant 0.1 and 3.7 columns")
    expect_close(Z[:, :2], np.zeros((7, 2)), atol=1e-9, what="constant columns after transform")


@case("numerical_stability", hint="E[x^2] - E[x]^2 cancels when the mean is huge: subtract first.")
def test_large_offset_column(sol):
    X = np.column_stack([1e9 + np.arange(4.0), np.arange(4.0)])
    scaler = sol.StandardScaler()
    Z = scaler.fit_transform(X)
    s = math.sqrt(1.25)  # std of 0, 1, 2, 3
    expect_close(attr(scaler.scale_), np.array([s, s]), rtol=1e-9, what="scale_")
    want = (np.arange(4.0) - 1.5) / s
    expect_close(Z, np.column_stack([want, want]), rtol=1e-7, what="transform near 1e9")


@case("numerical_stability")
def test_tiny_and_huge_scales(sol, ref, rng):
    X = rng.normal(size=(25, 2)) * np.array([1e-150, 1e150])
    got = sol.StandardScaler().fit_transform(X)
    expect_close(got, ref.StandardScaler().fit_transform(X), rtol=1e-9, what="fit_transform")


@case("efficiency", timeout=10.0, hint="Broadcast over the whole array; no loop over rows.")
def test_transform_speed(sol, ref, rng):
    train = rng.normal(size=(4000, 10))
    test = rng.normal(size=(4000, 10))
    scaler = sol.StandardScaler()
    scaler.fit(train)
    reference = ref.StandardScaler().fit(train)
    expect_fast(scaler.transform, reference.transform, test, max_ratio=10, floor_ms=3)
