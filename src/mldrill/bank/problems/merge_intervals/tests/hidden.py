from mldrill.grading.testkit import case, expect_equal, expect_fast, expect_raises

SORT_HINT = "Sort by start first: then an interval can only overlap the last merged one."
TOUCH_HINT = "Intervals are closed: merge when start <= the last end, not only when start < it."
CONTAIN_HINT = (
    "When merging, the new end is max(last end, end): an interval may lie entirely inside "
    "the last merged one."
)


def _union_on_grid(intervals) -> list:
    """Merge integer intervals by marking half-steps: [a, b] covers 2a, 2a + 1, ..., 2b."""
    covered = set()
    for a, b in intervals:
        covered.update(range(2 * a, 2 * b + 1))
    runs = []
    for point in sorted(covered):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [[a // 2, b // 2] for a, b in runs]


@case("correctness", hint=SORT_HINT)
def test_known_merges(sol):
    got = sol.merge_intervals([[1, 3], [2, 6], [8, 10], [15, 18]])
    expect_equal(got, [[1, 6], [8, 10], [15, 18]])
    got = sol.merge_intervals([[1, 4], [3, 6], [5, 8], [7, 9], [20, 21]])
    expect_equal(got, [[1, 9], [20, 21]], what="a chain of overlaps")


@case("correctness", hint=SORT_HINT)
def test_unsorted_input(sol):
    got = sol.merge_intervals([[15, 18], [2, 6], [8, 10], [1, 3]])
    expect_equal(got, [[1, 6], [8, 10], [15, 18]])
    got = sol.merge_intervals([[7, 9], [1, 2], [5, 8], [3, 4]])
    expect_equal(got, [[1, 2], [3, 4], [5, 9]], what="the second list")


@case("correctness", hint=TOUCH_HINT)
def test_touching_intervals_merge(sol):
    expect_equal(sol.merge_intervals([[1, 2], [2, 3], [5, 6]]), [[1, 3], [5, 6]])
    expect_equal(sol.merge_intervals([[4, 5], [1, 4]]), [[1, 5]], what="touching, unsorted")
    expect_equal(sol.merge_intervals([[1, 2], [3, 4]]), [[1, 2], [3, 4]],
                 what="a gap between 2 and 3")  # fmt: skip


@case("correctness", hint=CONTAIN_HINT)
def test_contained_intervals(sol):
    expect_equal(sol.merge_intervals([[1, 10], [2, 3], [4, 5]]), [[1, 10]])
    expect_equal(sol.merge_intervals([[2, 3], [1, 10]]), [[1, 10]], what="the outer one second")
    expect_equal(sol.merge_intervals([[0, 8], [1, 2], [7, 12]]), [[0, 12]],
                 what="a contained interval followed by an overlapping one")  # fmt: skip


@case("correctness", hint=SORT_HINT + " " + CONTAIN_HINT)
def test_random_intervals(sol, rng):
    for size in (5, 20, 60):
        starts = rng.integers(0, 100, size=size)
        lengths = rng.integers(0, 6, size=size)
        intervals = [[int(a), int(a + n)] for a, n in zip(starts, lengths, strict=True)]
        got = sol.merge_intervals(intervals)
        expect_equal(got, _union_on_grid(intervals), what=f"{size} random intervals")


@case("edge_cases")
def test_empty_and_single(sol):
    expect_equal(sol.merge_intervals([]), [])
    expect_equal(sol.merge_intervals([[5, 7]]), [[5, 7]])
    expect_equal(sol.merge_intervals([(5, 7)]), [[5, 7]], what="a tuple becomes a list")


@case("edge_cases", hint="A point interval [a, a] is valid; only start > end is an error.")
def test_point_intervals(sol):
    expect_equal(sol.merge_intervals([[3, 3], [3, 3]]), [[3, 3]])
    expect_equal(sol.merge_intervals([[2, 2], [1, 1]]), [[1, 1], [2, 2]])
    expect_equal(sol.merge_intervals([[4, 4], [1, 4]]), [[1, 4]])
    expect_equal(sol.merge_intervals([[1, 4], [4, 4], [4, 6]]), [[1, 6]])


@case("edge_cases", hint="Check every interval and raise ValueError when start > end.")
def test_reversed_interval_raises(sol):
    expect_raises("ValueError", sol.merge_intervals, [[5, 1]])
    expect_raises("ValueError", sol.merge_intervals, [[0, 2], [9, 8], [3, 4]])


@case("edge_cases")
def test_duplicates(sol):
    expect_equal(sol.merge_intervals([[1, 5], [1, 5], [1, 5]]), [[1, 5]])
    expect_equal(sol.merge_intervals([[1, 3], [1, 2], [1, 4]]), [[1, 4]])


@case("edge_cases")
def test_floats_and_negatives(sol):
    got = sol.merge_intervals([[3.25, 4.0], [-1.0, 0.5], [-2.5, -1.0], [0.75, 0.75]])
    expect_equal(got, [[-2.5, 0.5], [0.75, 0.75], [3.25, 4.0]])


@case("efficiency", timeout=10.0, hint=SORT_HINT + " One pass after sorting is O(n log n).")
def test_many_intervals(sol, ref, rng):
    # 2400 intervals in random order that merge into 1200 separate pairs: comparing each
    # interval with every group merged so far costs O(n * groups); sorting costs O(n log n).
    # Sending thousands of small lists each way costs a few ms, hence the generous floor.
    groups, per_group = 1200, 2
    intervals = [[100 * g + j, 100 * g + j + 2] for g in range(groups) for j in range(per_group)]
    intervals = [intervals[i] for i in rng.permutation(len(intervals))]
    want = [[100 * g, 100 * g + per_group + 1] for g in range(groups)]
    expect_equal(sol.merge_intervals(intervals), want, what="1200 groups of 2 intervals")
    expect_fast(sol.merge_intervals, ref.merge_intervals, intervals, max_ratio=20, floor_ms=20)
