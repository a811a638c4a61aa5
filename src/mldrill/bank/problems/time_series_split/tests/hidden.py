import numpy as np

from mldrill.grading.testkit import case, expect, expect_equal, expect_raises


def _as_lists(splits):
    return [(train.tolist(), val.tolist()) for train, val in splits]


def _check_types(splits, n_splits):
    expect(type(splits) is list, f"return a list, got {type(splits).__name__}")
    expect_equal(len(splits), n_splits, what="number of splits")
    for k, pair in enumerate(splits):
        expect(type(pair) is tuple and len(pair) == 2, f"split {k} should be a (train, val) tuple")
        for name, idx in zip(("train_idx", "val_idx"), pair, strict=True):
            expect(type(idx) is np.ndarray, f"split {k}: {name} should be a numpy array")
            expect(idx.dtype.kind == "i", f"split {k}: {name} should be integer, got {idx.dtype}")


@case(
    "correctness", hint="Default t = n_samples // (n_splits + 1); windows are the last n_splits*t."
)
def test_default_by_hand(sol):
    got = sol.time_series_split(10, 3)  # t = 2, windows start at 4, 6, 8
    _check_types(got, 3)
    want = [(list(range(4)), [4, 5]), (list(range(6)), [6, 7]), (list(range(8)), [8, 9])]
    expect_equal(_as_lists(got), want, what="splits for n_samples=10, n_splits=3")


@case("correctness", hint="Anchor the windows at the end: the newest samples are always validated.")
def test_windows_anchored_at_the_end(sol):
    got = sol.time_series_split(14, 3)  # t = 3, windows start at 14 - 9 = 5
    want = [
        (list(range(5)), [5, 6, 7]),
        (list(range(8)), [8, 9, 10]),
        (list(range(11)), [11, 12, 13]),
    ]
    expect_equal(_as_lists(got), want, what="splits for n_samples=14, n_splits=3")


@case(
    "correctness", hint="Training ends at val_start - gap: drop the gap samples before each window."
)
def test_gap_by_hand(sol):
    got = sol.time_series_split(12, 2, gap=2)  # t = 4, windows start at 4 and 8
    want = [([0, 1], [4, 5, 6, 7]), (list(range(6)), [8, 9, 10, 11])]
    expect_equal(_as_lists(got), want, what="splits with gap=2")


@case("correctness")
def test_explicit_test_size(sol):
    got = sol.time_series_split(20, 3, test_size=3)  # windows start at 11, 14, 17
    want = [
        (list(range(11)), [11, 12, 13]),
        (list(range(14)), [14, 15, 16]),
        (list(range(17)), [17, 18, 19]),
    ]
    expect_equal(_as_lists(got), want, what="splits with test_size=3")


@case("correctness", hint="max_train_size keeps the most recent samples before the gap.")
def test_sliding_window_by_hand(sol):
    got = sol.time_series_split(15, 2, gap=1, test_size=4, max_train_size=3)
    # windows start at 7 and 11; training ends (exclusive) at 6 and 10
    want = [([3, 4, 5], [7, 8, 9, 10]), ([7, 8, 9], [11, 12, 13, 14])]
    expect_equal(_as_lists(got), want, what="splits with max_train_size=3")
    got = sol.time_series_split(12, 3, max_train_size=5)  # t = 3: windows at 3, 6, 9
    want = [([0, 1, 2], [3, 4, 5]), ([1, 2, 3, 4, 5], [6, 7, 8]), ([4, 5, 6, 7, 8], [9, 10, 11])]
    expect_equal(_as_lists(got), want, what="max_train_size larger than the first training set")


@case("correctness", hint="No training index may be at or after val_start - gap.")
def test_no_future_leakage(sol, ref):
    for n, splits, gap, size, cap in ((100, 5, 0, None, None), (257, 4, 7, None, None),
                                      (90, 6, 3, 10, 25), (1000, 3, 0, 1, None)):  # fmt: skip
        got = sol.time_series_split(n, splits, gap=gap, test_size=size, max_train_size=cap)
        _check_types(got, splits)
        t = size or n // (splits + 1)
        for k, (train, val) in enumerate(got):
            expect_equal(val.tolist(), list(range(n - (splits - k) * t, n - (splits - k - 1) * t)),
                         what=f"val_idx of split {k} (n={n})")  # fmt: skip
            expect(train.max() + gap < val.min(), f"split {k}: training reaches into the gap")
            expect(bool(np.all(np.diff(train) == 1)), f"split {k}: training is not contiguous")
        want = ref.time_series_split(n, splits, gap=gap, test_size=size, max_train_size=cap)
        expect_equal(_as_lists(got), _as_lists(want), what=f"splits (n={n}, gap={gap})")


@case("edge_cases")
def test_single_split(sol):
    got = sol.time_series_split(5, 1)  # t = 2
    _check_types(got, 1)
    expect_equal(_as_lists(got), [([0, 1, 2], [3, 4])], what="one split")


@case("edge_cases", hint="A first training set of exactly one sample is allowed.")
def test_smallest_valid_training_set(sol):
    got = sol.time_series_split(7, 2, test_size=3)
    expect_equal(_as_lists(got), [([0], [1, 2, 3]), ([0, 1, 2, 3], [4, 5, 6])], what="splits")
    got = sol.time_series_split(9, 2, gap=2, test_size=3)
    expect_equal(_as_lists(got), [([0], [3, 4, 5]), ([0, 1, 2, 3], [6, 7, 8])], what="with gap")


@case("edge_cases")
def test_unit_sizes(sol):
    got = sol.time_series_split(6, 3, test_size=1, max_train_size=1)
    want = [([2], [3]), ([3], [4]), ([4], [5])]
    expect_equal(_as_lists(got), want, what="test_size=1, max_train_size=1")
    got = sol.time_series_split(4, 3)  # t = 4 // 4 = 1
    expect_equal(_as_lists(got), [([0], [1]), ([0, 1], [2]), ([0, 1, 2], [3])], what="t = 1")


@case(
    "edge_cases", hint="Raise ValueError for impossible settings instead of returning empty sets."
)
def test_invalid_arguments_raise(sol):
    f = sol.time_series_split
    expect_raises("ValueError", f, 10, 0)
    expect_raises("ValueError", f, 10, 2, -1)
    expect_raises("ValueError", f, 10, 2, 0, 0)
    expect_raises("ValueError", f, 10, 2, 0, None, 0)
    expect_raises("ValueError", f, 3, 3)  # t = 3 // 4 = 0
    expect_raises("ValueError", f, 6, 2, 0, 3)  # windows cover everything: no training data
    expect_raises("ValueError", f, 10, 3, 4)  # t = 2, first window at 4, gap 4 leaves nothing
