import numpy as np

from mldrill.grading.testkit import attr, case, expect_close

nan = np.nan
X = np.array([[1.0, nan, 7.0], [nan, nan, 7.0], [4.0, nan, 2.0], [10.0, nan, 2.0]])


@case("correctness")
def test_mean_statistics(sol):
    imp = sol.SimpleImputer("mean")
    imp.fit(X)
    expect_close(attr(imp.statistics_), np.array([5.0, 0.0, 4.5]), what="statistics_")


@case("correctness")
def test_transform_fills_nan(sol):
    imp = sol.SimpleImputer("mean")
    imp.fit(X)
    got = imp.transform(np.array([[nan, nan, nan], [0.5, 3.0, nan]]))
    expect_close(got, np.array([[5.0, 0.0, 4.5], [0.5, 3.0, 4.5]]), what="transform")


@case("correctness")
def test_median_and_most_frequent(sol):
    imp = sol.SimpleImputer("median")
    imp.fit(X)
    expect_close(attr(imp.statistics_), np.array([4.0, 0.0, 4.5]), what="median statistics_")
    imp = sol.SimpleImputer("most_frequent")
    imp.fit(X)
    expect_close(attr(imp.statistics_), np.array([1.0, 0.0, 2.0]), what="most_frequent")
