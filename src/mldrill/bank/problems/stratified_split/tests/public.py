import numpy as np

from mldrill.grading.testkit import box_rng, case, expect_equal


@case("correctness")
def test_statement_example(sol):
    y = np.array([0, 0, 0, 0, 1, 1, 0, 1, 0, 0])
    train_idx, test_idx = sol.stratified_split(y, 0.5, box_rng(sol, 0))
    expect_equal(test_idx, np.array([2, 3, 5, 6, 7, 9]), what="test_idx")
    expect_equal(train_idx, np.array([0, 1, 4, 8]), what="train_idx")


@case("correctness")
def test_class_counts(sol):
    y = np.array([1] * 10 + [2] * 4)
    train_idx, test_idx = sol.stratified_split(y, 0.25, box_rng(sol, 3))
    # class 1: floor(2.5 + 0.5) = 3 test rows; class 2: floor(1.0 + 0.5) = 1 test row
    expect_equal(np.bincount(y[test_idx]).tolist(), [0, 3, 1], what="test rows per class")
    expect_equal(np.bincount(y[train_idx]).tolist(), [0, 7, 3], what="train rows per class")
