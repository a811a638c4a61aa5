import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_equal, expect_fast, expect_raises


def _by_spec(y, test_size, seed):
    """The split the statement describes, replayed with the same seed."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in sorted(set(y.tolist())):
        idx = [i for i, label in enumerate(y.tolist()) if label == c]
        k = int(np.floor(test_size * len(idx) + 0.5))
        perm = rng.permutation(np.array(idx)).tolist()
        test += perm[:k]
        train += perm[k:]
    return np.array(sorted(train), dtype=np.int64), np.array(sorted(test), dtype=np.int64)


def _check_partition(train_idx, test_idx, n):
    for name, idx in (("train_idx", train_idx), ("test_idx", test_idx)):
        expect(type(idx) is np.ndarray, f"{name} should be a numpy array, got {type(idx).__name__}")
        expect(idx.dtype.kind == "i", f"{name} should hold integers, got dtype {idx.dtype}")
        expect(bool(np.all(np.diff(idx) > 0)), f"{name} should be sorted ascending, no repeats")
    both = np.concatenate([train_idx, test_idx])
    expect(len(both) == n, f"train and test should hold {n} indices in all, got {len(both)}")
    expect_equal(np.sort(both), np.arange(n), what="every index used exactly once")


@case("correctness", hint="n_test_c = floor(test_size * n_c + 0.5) rows of each class go to test.")
def test_counts_per_class_by_hand(sol):
    y = np.array([0, 2, 1, 0, 0, 2, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 2, 0])
    # class 0: 10 rows -> floor(3.0 + 0.5) = 3; class 1: 5 -> floor(1.5 + 0.5) = 2;
    # class 2: 3 -> floor(0.9 + 0.5) = 1
    train_idx, test_idx = sol.stratified_split(y, 0.3, box_rng(sol, 4))
    _check_partition(train_idx, test_idx, len(y))
    expect_equal(np.bincount(y[test_idx], minlength=3).tolist(), [3, 2, 1], what="test per class")
    expect_equal(np.bincount(y[train_idx], minlength=3).tolist(), [7, 3, 2], what="train per class")


@case("correctness", hint="Shuffle each class's ascending indices with one rng.permutation call.")
def test_rows_by_hand(sol):
    y = np.array([5, 5, 5, 5, 9, 9, 5, 9, 5, 5])
    # seed 0: class 5 rows [0 1 2 3 6 8 9] permute to [2 6 3 9 8 0 1], the first 4 are test;
    # class 9 rows [4 5 7] permute to [5 7 4], the first 2 are test.
    train_idx, test_idx = sol.stratified_split(y, 0.5, box_rng(sol, 0))
    expect_equal(test_idx, np.array([2, 3, 5, 6, 7, 9]), what="test_idx")
    expect_equal(train_idx, np.array([0, 1, 4, 8]), what="train_idx")


@case("correctness", hint="Visit classes in ascending label order, whatever order y lists them in.")
def test_classes_in_ascending_order(sol):
    y = np.array([3, 3, 1, 3, 1, 2, 2, 3, 1, 2, 3, 1])
    for seed in (1, 7, 12):
        got = sol.stratified_split(y, 0.5, box_rng(sol, seed))
        want = _by_spec(y, 0.5, seed)
        expect_equal(got[1], want[1], what=f"test_idx (seed {seed})")
        expect_equal(got[0], want[0], what=f"train_idx (seed {seed})")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    y = rng.choice(np.array([0, 1, 2, 3, 4]), size=300, p=[0.5, 0.2, 0.15, 0.1, 0.05])
    for seed, size in ((2, 0.2), (5, 0.35), (8, 0.75)):
        train_idx, test_idx = sol.stratified_split(y, size, box_rng(sol, seed))
        want_train, want_test = ref.stratified_split(y, size, np.random.default_rng(seed))
        _check_partition(train_idx, test_idx, len(y))
        expect_equal(test_idx, want_test, what=f"test_idx (test_size {size}, seed {seed})")
        expect_equal(train_idx, want_train, what=f"train_idx (test_size {size}, seed {seed})")


@case("correctness", hint="Each class's share of the test set should match its share overall.")
def test_proportions_preserved(sol, rng):
    y = np.repeat(np.array([0, 1, 2]), [600, 300, 100])
    y = y[rng.permutation(len(y))]
    train_idx, test_idx = sol.stratified_split(y, 0.2, box_rng(sol, 6))
    _check_partition(train_idx, test_idx, len(y))
    expect_equal(np.bincount(y[test_idx]).tolist(), [120, 60, 20], what="test rows per class")


@case(
    "edge_cases", hint="Round half up with floor(x + 0.5); round() and np.round round half to even."
)
def test_rounding_half_up(sol):
    y = np.array([0] * 5 + [1] * 9 + [2] * 1 + [3] * 3)
    # test_size 0.5: 2.5 -> 3, 4.5 -> 5, 0.5 -> 1, 1.5 -> 2
    # (round half to even would give 2, 4, 0, 2)
    train_idx, test_idx = sol.stratified_split(y, 0.5, box_rng(sol, 9))
    _check_partition(train_idx, test_idx, len(y))
    expect_equal(
        np.bincount(y[test_idx], minlength=4).tolist(), [3, 5, 1, 2], what="test per class"
    )


@case("edge_cases", hint="A class of one row goes to test only when test_size >= 0.5.")
def test_singleton_classes(sol):
    y = np.array([4, 0, 0, 0, 0, 7])
    train_idx, test_idx = sol.stratified_split(y, 0.3, box_rng(sol, 2))
    # singletons: floor(0.3 + 0.5) = 0, so rows 0 and 5 stay in train; class 0: floor(1.7) = 1
    _check_partition(train_idx, test_idx, len(y))
    expect(0 in train_idx.tolist() and 5 in train_idx.tolist(), "singletons belong in train here")
    expect_equal(len(test_idx), 1, what="number of test rows")
    want = _by_spec(y, 0.3, 2)
    expect_equal(test_idx, want[1], what="test_idx")


@case("edge_cases", hint="A side with no rows is an empty int64 array of shape (0,).")
def test_empty_test_set(sol):
    y = np.array([1, 0, 1, 0, 1, 0, 1])
    train_idx, test_idx = sol.stratified_split(y, 0.05, box_rng(sol, 1))
    expect_equal(train_idx, np.arange(7), what="train_idx when no class rounds up to a test row")
    expect_equal(test_idx.shape, (0,), what="shape of an empty test_idx")
    expect(
        test_idx.dtype.kind == "i",
        f"an empty test_idx should still be integer, got {test_idx.dtype}",
    )


@case("edge_cases")
def test_all_rows_to_test(sol):
    y = np.array([2, 8, 5])
    train_idx, test_idx = sol.stratified_split(y, 0.5, box_rng(sol, 1))
    expect_equal(test_idx, np.arange(3), what="test_idx when every class is a singleton")
    expect_equal(train_idx.shape, (0,), what="shape of an empty train_idx")


@case("edge_cases")
def test_single_class_and_negative_labels(sol):
    y = np.full(9, -4)
    got = sol.stratified_split(y, 0.4, box_rng(sol, 3))
    want = _by_spec(y, 0.4, 3)
    expect_equal(got[1], want[1], what="test_idx for one class")
    y = np.array([-1, 100, -1, 7, 100, 7, -1, 100, 7, 100])
    got = sol.stratified_split(y, 0.6, box_rng(sol, 11))
    want = _by_spec(y, 0.6, 11)
    expect_equal(got[1], want[1], what="test_idx with labels -1, 7, 100")
    expect_equal(got[0], want[0], what="train_idx with labels -1, 7, 100")


@case("edge_cases", hint="test_size must be strictly between 0 and 1.")
def test_invalid_test_size_raises(sol):
    y = np.array([0, 1, 0, 1])
    for size in (0.0, 1.0, -0.2, 1.5):
        expect_raises("ValueError", sol.stratified_split, y, size, box_rng(sol, 0))


@case(
    "efficiency",
    timeout=10.0,
    hint="Build train from the permutation's tail; `i in array` per row is quadratic.",
)
def test_speed(sol, ref, rng):
    # The quadratic complement takes ~100 ms here, the reference ~1 ms. The 20 ms floor
    # absorbs the cost of calling into the sandbox on a busy machine.
    y = rng.integers(0, 4, size=20000)
    ref_rng = np.random.default_rng(5)

    def reference(y, test_size, _boxed_rng):
        return ref.stratified_split(y, test_size, ref_rng)

    expect_fast(sol.stratified_split, reference, y, 0.2, box_rng(sol, 5), max_ratio=10, floor_ms=20)
