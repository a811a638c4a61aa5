import numpy as np

from mldrill.grading.testkit import case, expect_equal


def _as_lists(splits):
    return [(train.tolist(), val.tolist()) for train, val in splits]


@case("correctness")
def test_expanding_windows(sol):
    got = sol.time_series_split(11, 3)
    want = [
        (list(range(5)), [5, 6]),
        (list(range(7)), [7, 8]),
        (list(range(9)), [9, 10]),
    ]
    expect_equal(_as_lists(got), want, what="splits for n_samples=11, n_splits=3")


@case("correctness")
def test_gap_and_sliding_window(sol):
    got = sol.time_series_split(12, 3, gap=1, max_train_size=4)
    want = [([0, 1], [3, 4, 5]), ([1, 2, 3, 4], [6, 7, 8]), ([4, 5, 6, 7], [9, 10, 11])]
    expect_equal(_as_lists(got), want, what="splits with gap=1, max_train_size=4")
    expect_equal(type(got[0][0]), np.ndarray, what="type of train_idx")
