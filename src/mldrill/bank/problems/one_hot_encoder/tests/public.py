import numpy as np

from mldrill.grading.testkit import attr, case, expect_close, expect_equal


@case("correctness")
def test_integer_columns(sol):
    enc = sol.OneHotEncoder()
    enc.fit(np.array([[3, 10], [1, 10], [3, -2], [2, 7]]))
    expect_equal(attr(enc.categories_), [[1, 2, 3], [-2, 7, 10]], what="categories_")
    got = enc.transform(np.array([[2, -2]]))
    expect_close(got, np.array([[0.0, 1.0, 0.0, 1.0, 0.0, 0.0]]), what="transform")


@case("correctness")
def test_string_columns(sol):
    enc = sol.OneHotEncoder(handle_unknown="ignore")
    enc.fit([["red", "S"], ["blue", "M"]])
    expect_equal(attr(enc.categories_), [["blue", "red"], ["M", "S"]], what="categories_")
    expect_close(enc.transform([["green", "S"]]), np.array([[0.0, 0.0, 0.0, 1.0]]))


@case("edge_cases")
def test_inverse_with_empty_block(sol):
    enc = sol.OneHotEncoder(handle_unknown="ignore")
    enc.fit([["red", "S"], ["blue", "M"]])
    Y = np.array([[0.0, 0.0, 0.3, 0.7], [0.9, 0.1, 1.0, 0.0]])
    expect_equal(enc.inverse_transform(Y), [[None, "S"], ["blue", "M"]], what="inverse_transform")
