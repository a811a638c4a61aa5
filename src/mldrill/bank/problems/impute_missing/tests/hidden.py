import numpy as np

from mldrill.grading.testkit import attr, case, expect_close, expect_fast, expect_raises

nan = np.nan


def _stats(sol, strategy, X):
    imp = sol.SimpleImputer(strategy)
    fitted = imp.fit(X)
    return attr(fitted.statistics_)


@case("correctness", hint="Average only the observed entries: skip NaN, do not count it as 0.")
def test_mean_by_hand(sol):
    X = np.array([[1.0, -2.0], [nan, 4.0], [4.0, nan], [10.0, 1.0], [nan, nan]])
    # column 0: (1 + 4 + 10) / 3 = 5; column 1: (-2 + 4 + 1) / 3 = 1
    expect_close(_stats(sol, "mean", X), np.array([5.0, 1.0]), rtol=1e-12, what="statistics_")
    imp = sol.SimpleImputer("mean")
    got = imp.fit_transform(X)
    want = np.array([[1.0, -2.0], [5.0, 4.0], [4.0, 1.0], [10.0, 1.0], [5.0, 1.0]])
    expect_close(got, want, rtol=1e-12, what="fit_transform")


@case("correctness", hint="Median of the observed entries; an even count averages the middle two.")
def test_median_by_hand(sol):
    X = np.array(
        [[3.0, 2.0], [nan, 8.0], [1.0, nan], [4.0, 4.0], [1.0, nan], [5.0, 6.0], [nan, 100.0]]
    )
    # column 0: 1 1 3 4 5 -> 3; column 1: 2 4 6 8 100 -> 6
    expect_close(_stats(sol, "median", X), np.array([3.0, 6.0]), rtol=1e-12, what="statistics_")
    X2 = np.array([[2.0], [8.0], [nan], [4.0], [nan], [6.0]])
    expect_close(_stats(sol, "median", X2), np.array([5.0]), rtol=1e-12, what="even count")


@case("correctness", hint="Count each observed value; on a tie take the smallest value.")
def test_most_frequent_by_hand(sol):
    X = np.array(
        [
            [5.0, -1.0, 0.5],
            [5.0, 3.0, 0.25],
            [nan, 3.0, nan],
            [2.0, nan, 0.25],
            [2.0, -1.0, 0.5],
            [9.0, 3.0, nan],
            [nan, 7.0, nan],
        ]
    )
    # column 0: 5 and 2 twice each -> 2; column 1: 3 three times -> 3; column 2: tie -> 0.25
    got = _stats(sol, "most_frequent", X)
    expect_close(got, np.array([2.0, 3.0, 0.25]), rtol=1e-12, what="statistics_")


@case(
    "correctness", hint="transform must use the statistics stored by fit, not those of its input."
)
def test_transform_uses_training_statistics(sol):
    train = np.array([[1.0, 10.0], [3.0, nan], [nan, 30.0], [8.0, 20.0]])
    test = np.array([[nan, 100.0], [nan, nan], [-50.0, nan], [nan, 300.0]])
    for strategy, fill in (("mean", [4.0, 20.0]), ("median", [3.0, 20.0])):
        imp = sol.SimpleImputer(strategy)
        imp.fit(train)
        got = imp.transform(test)
        want = np.array([[fill[0], 100.0], fill, [-50.0, fill[1]], [fill[0], 300.0]])
        expect_close(got, want, rtol=1e-12, what=f"transform of new data ({strategy})")
    imp = sol.SimpleImputer("most_frequent")
    imp.fit(train)
    got = imp.transform(test)
    want = np.array([[1.0, 100.0], [1.0, 10.0], [-50.0, 10.0], [1.0, 300.0]])
    expect_close(got, want, rtol=1e-12, what="transform of new data (most_frequent)")


@case("correctness", hint="Replace only the NaN entries; leave every observed value as it is.")
def test_matches_reference(sol, ref, rng):
    train = rng.integers(0, 6, size=(60, 5)).astype(float)
    train[rng.random(train.shape) < 0.3] = nan
    test = rng.normal(size=(25, 5))
    test[rng.random(test.shape) < 0.4] = nan
    for strategy in ("mean", "median", "most_frequent"):
        imp = sol.SimpleImputer(strategy)
        imp.fit(train)
        want = ref.SimpleImputer(strategy).fit(train)
        expect_close(attr(imp.statistics_), want.statistics_, rtol=1e-12, what=f"{strategy} stats")
        expect_close(imp.transform(test), want.transform(test), rtol=1e-12, what=f"{strategy}")


@case("edge_cases", hint="A column with no observed value gets 0.0 (and no NaN, no crash).")
def test_all_missing_column(sol):
    X = np.array([[nan, 1.0], [nan, 3.0], [nan, 3.0]])
    for strategy, fill in (("mean", 7 / 3), ("median", 3.0), ("most_frequent", 3.0)):
        imp = sol.SimpleImputer(strategy)
        got = imp.fit_transform(X)
        expect_close(attr(imp.statistics_), np.array([0.0, fill]), what=f"statistics_ ({strategy})")
        want = np.array([[0.0, 1.0], [0.0, 3.0], [0.0, 3.0]])
        expect_close(got, want, what=f"fit_transform ({strategy})")


@case("edge_cases", hint="A column complete in training may still have NaN at transform time.")
def test_missing_only_at_transform(sol):
    imp = sol.SimpleImputer("median")
    imp.fit(np.array([[1.0, 2.0], [3.0, 4.0], [9.0, 6.0]]))
    got = imp.transform(np.array([[nan, nan], [0.0, nan]]))
    expect_close(got, np.array([[3.0, 4.0], [0.0, 4.0]]), what="transform")
    got = imp.transform(np.array([[7.0, 8.0]]))
    expect_close(got, np.array([[7.0, 8.0]]), what="transform of a complete row")


@case("edge_cases", hint="Integer input has no NaN: fit still works and transform returns floats.")
def test_integer_input(sol):
    X = np.array([[1, 2], [2, 2], [2, 9], [4, 5]])
    expect_close(_stats(sol, "mean", X), np.array([2.25, 4.5]), what="mean of integer columns")
    expect_close(_stats(sol, "median", X), np.array([2.0, 3.5]), what="median of integer columns")
    imp = sol.SimpleImputer("most_frequent")
    got = imp.fit_transform(X)
    expect_close(attr(imp.statistics_), np.array([2.0, 2.0]), what="most_frequent of integers")
    expect_close(got, X.astype(float), what="transform of an integer array (floats expected)")


@case("edge_cases")
def test_single_observed_value(sol):
    X = np.array([[nan, 1.5], [-4.0, nan], [nan, nan]])
    for strategy in ("mean", "median", "most_frequent"):
        got = sol.SimpleImputer(strategy).fit_transform(X)
        want = np.array([[-4.0, 1.5], [-4.0, 1.5], [-4.0, 1.5]])
        expect_close(got, want, what=f"fit_transform ({strategy})")


@case("edge_cases", hint="fit must replace old statistics, not combine them.")
def test_refit_replaces_statistics(sol):
    imp = sol.SimpleImputer("mean")
    imp.fit(np.array([[100.0], [200.0]]))
    imp.fit(np.array([[1.0], [nan], [2.0]]))
    expect_close(attr(imp.statistics_), np.array([1.5]), what="statistics_ after refit")
    expect_close(imp.transform(np.array([[nan]])), np.array([[1.5]]), what="transform after refit")


@case("edge_cases", hint="Validate the strategy, the fitted state and the number of columns.")
def test_invalid_usage_raises(sol):
    expect_raises("ValueError", sol.SimpleImputer, "mode")
    expect_raises("RuntimeError", sol.SimpleImputer().transform, np.ones((2, 2)))
    imp = sol.SimpleImputer()
    imp.fit(np.ones((3, 2)))
    expect_raises("ValueError", imp.transform, np.ones((3, 3)))


@case(
    "efficiency",
    timeout=10.0,
    hint="np.where(np.isnan(X), statistics_, X) fills every row at once.",
)
def test_transform_speed(sol, ref, rng):
    # 96,000 entries: a Python loop over them takes ~70 ms, np.where well under 1 ms. The
    # 20 ms floor absorbs the cost of calling into the sandbox on a busy machine.
    train = rng.normal(size=(12000, 8))
    train[rng.random(train.shape) < 0.2] = nan
    test = rng.normal(size=(12000, 8))
    test[rng.random(test.shape) < 0.2] = nan
    imp = sol.SimpleImputer("mean")
    imp.fit(train)
    want = ref.SimpleImputer("mean").fit(train)
    expect_fast(imp.transform, want.transform, test, max_ratio=10, floor_ms=20)
