import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close


@case("correctness")
def test_statistics(sol):
    data = np.array([1.0, 2.0, 3.0, 10.0])
    got = sol.bootstrap_statistics(data, box_rng(sol, 0), 5)
    idx = np.random.default_rng(0).integers(0, 4, size=(5, 4))
    expect_close(got, data[idx].mean(axis=1), what="bootstrap means")


@case("correctness")
def test_interval(sol):
    data = np.random.default_rng(1).normal(loc=10.0, size=50)
    low, high = sol.bootstrap_ci(data, box_rng(sol, 2), 2000, 0.95)
    expect(low < data.mean() < high, f"({low}, {high}) should contain the sample mean")


@case("edge_cases")
def test_single_value(sol):
    low, high = sol.bootstrap_ci(np.array([4.25]), box_rng(sol, 0), 100)
    expect_close(np.array([low, high]), np.array([4.25, 4.25]), what="interval of a single value")
