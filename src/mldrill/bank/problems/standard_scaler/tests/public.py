import numpy as np

from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_two_columns(sol):
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]])
    scaler = sol.StandardScaler()
    scaler.fit(X)
    expect_close(attr(scaler.mean_), np.array([3.0, 20.0]), what="mean_")
    expect_close(attr(scaler.scale_), np.array([np.sqrt(8 / 3), np.sqrt(200.0)]), what="scale_")


@case("correctness")
def test_uses_training_statistics(sol):
    scaler = sol.StandardScaler()
    scaler.fit(np.array([[0.0], [2.0]]))  # mean 1, std 1
    expect_close(scaler.transform(np.array([[5.0]])), np.array([[4.0]]), what="transform")


@case("edge_cases")
def test_constant_column(sol):
    Z = sol.StandardScaler().fit_transform(np.array([[2.0, 1.0], [2.0, 3.0]]))
    expect_close(Z, np.array([[0.0, -1.0], [0.0, 1.0]]), what="fit_transform")
