import numpy as np

from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_default_range(sol):
    scaler = sol.MinMaxScaler()
    scaler.fit(np.array([[0.0, 10.0], [2.0, 30.0]]))
    expect_close(attr(scaler.data_min_), np.array([0.0, 10.0]), what="data_min_")
    expect_close(attr(scaler.data_max_), np.array([2.0, 30.0]), what="data_max_")
    got = scaler.transform(np.array([[1.0, 20.0], [4.0, 0.0]]))
    expect_close(got, np.array([[0.5, 0.5], [2.0, -0.5]]), what="transform")


@case("edge_cases")
def test_statement_example(sol):
    X = np.array([[1.0, 5.0, 2.0], [3.0, 5.0, 0.0], [2.0, 5.0, 4.0]])
    scaler = sol.MinMaxScaler(feature_range=(-1.0, 1.0))
    scaler.fit(X)
    want = np.array([[-1.0, -1.0, 0.0], [1.0, -1.0, -1.0], [0.0, -1.0, 1.0]])
    expect_close(scaler.transform(X), want, what="transform with a constant column")
