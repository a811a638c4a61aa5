from mldrill.grading.testkit import case, expect_equal, expect_fast

SWEEP_HINT = (
    "Sort each driver's bookings by start. A booking overlaps every earlier one that has not "
    "ended by its start, not just the one right before it."
)
HALF_OPEN_HINT = (
    "[start, end) is half-open: two bookings overlap iff a.start < b.end and b.start < a.end; "
    "touching is not overlapping."
)
PAIR_HINT = "Write each pair as (smaller id, larger id) and sort the list of pairs."


def _brute(bookings) -> list[tuple[int, int]]:
    """All overlapping same-driver pairs by checking every pair (fine for small inputs)."""
    pairs = []
    for i, (d1, s1, e1, a) in enumerate(bookings):
        for d2, s2, e2, b in bookings[i + 1 :]:
            if d1 == d2 and s1 < e2 and s2 < e1:
                pairs.append((min(a, b), max(a, b)))
    return sorted(pairs)


def _random_bookings(rng, n: int, drivers: int, horizon: int, max_len: int) -> list[tuple]:
    ids = [int(i) for i in rng.permutation(n) + 100]  # ids unrelated to time order
    out = []
    for booking_id in ids:
        start = int(rng.integers(0, horizon))
        out.append((f"d{int(rng.integers(drivers))}", start,
                    start + int(rng.integers(1, max_len + 1)), booking_id))  # fmt: skip
    return out


def _day(rng, n: int, drivers: int) -> list[tuple]:
    """Each driver's bookings mostly follow one another, with an occasional overlap."""
    out = []
    for d in range(drivers):
        t = 0
        for _ in range(n // drivers):
            t = max(0, t + int(rng.integers(-5, 31)))  # a negative gap overlaps the last trip
            length = int(rng.integers(10, 61))
            out.append((f"driver-{d}", t, t + length, 0))
            t += length
    ids = [int(i) for i in rng.permutation(len(out))]
    order = rng.permutation(len(out))
    return [(out[j][0], out[j][1], out[j][2], ids[k]) for k, j in enumerate(order)]


@case("correctness", hint=SWEEP_HINT)
def test_known_conflicts(sol):
    bookings = [
        ("kim", 0, 30, 7),
        ("kim", 10, 20, 3),
        ("kim", 25, 40, 5),
        ("lee", 5, 15, 1),
        ("lee", 15, 25, 2),
        ("kim", 40, 50, 9),
        ("lee", 20, 22, 4),
    ]
    # kim: 7 overlaps 3 and 5; 3 and 5 do not meet; 9 starts when 5 ends.
    # lee: 1 ends when 2 starts; 4 sits inside 2.
    expect_equal(sol.find_conflicts(bookings), [(2, 4), (3, 7), (5, 7)])


@case("correctness", hint=SWEEP_HINT)
def test_long_booking_overlaps_many(sol):
    bookings = [("max", 0, 100, 1)] + [("max", 10 * k, 10 * k + 5, 1 + k) for k in range(1, 8)]
    # the long booking overlaps all seven short ones; the short ones never meet each other
    expect_equal(sol.find_conflicts(bookings), [(1, k) for k in range(2, 9)])


@case("correctness", hint=SWEEP_HINT)
def test_nested_intervals(sol):
    bookings = [("zoe", 0, 50, 10), ("zoe", 5, 45, 20), ("zoe", 10, 40, 30), ("zoe", 41, 44, 40)]
    # 10 contains 20 contains 30; 40 is inside 10 and 20 but after 30 ends.
    expect_equal(sol.find_conflicts(bookings), [(10, 20), (10, 30), (10, 40), (20, 30), (20, 40)])


@case("correctness", hint=SWEEP_HINT)
def test_all_overlap_at_one_moment(sol):
    bookings = [("ivy", k, 100 - k, 6 - k) for k in range(6)]  # all cover time 50
    want = [(a, b) for a in range(1, 7) for b in range(a + 1, 7)]
    expect_equal(sol.find_conflicts(bookings), want)


@case("correctness", hint=PAIR_HINT)
def test_ids_not_in_time_order(sol):
    bookings = [("sam", 0, 10, 50), ("sam", 5, 15, 8), ("sam", 12, 20, 30), ("sam", 14, 16, 2)]
    # 50/8 overlap on [5, 10); 8/30 on [12, 15); 8/2 on [14, 15); 30/2 on [14, 16)
    expect_equal(sol.find_conflicts(bookings), [(2, 8), (2, 30), (8, 30), (8, 50)])


@case("correctness", hint=SWEEP_HINT)
def test_random_bookings(sol, rng):
    for _ in range(5):
        bookings = _random_bookings(rng, n=150, drivers=4, horizon=500, max_len=40)
        expect_equal(sol.find_conflicts(bookings), _brute(bookings))


@case("edge_cases", hint=HALF_OPEN_HINT)
def test_touching_bookings_do_not_conflict(sol):
    bookings = [("ola", 0, 10, 1), ("ola", 10, 20, 2), ("ola", 20, 30, 3), ("ola", 30, 31, 4)]
    expect_equal(sol.find_conflicts(bookings), [])


@case("edge_cases", hint="Only bookings of the same driver can conflict.")
def test_different_drivers_never_conflict(sol):
    bookings = [("a", 0, 10, 1), ("b", 0, 10, 2), ("c", 5, 8, 3), ("Ab", 2, 3, 4)]
    expect_equal(sol.find_conflicts(bookings), [])


@case("edge_cases")
def test_empty_and_single(sol):
    expect_equal(sol.find_conflicts([]), [], what="no bookings")
    expect_equal(sol.find_conflicts([("solo", 3, 9, 42)]), [], what="one booking")


@case("edge_cases", hint=HALF_OPEN_HINT)
def test_same_times(sol):
    bookings = [("eve", 5, 9, 2), ("eve", 5, 9, 1), ("eve", 5, 6, 3), ("eve", 8, 9, 4)]
    # identical intervals conflict; 3 and 4 do not meet each other
    expect_equal(sol.find_conflicts(bookings), [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4)])


@case("edge_cases", hint=HALF_OPEN_HINT)
def test_touching_after_overlap(sol, rng):
    # Start/end values on a coarse grid, so many bookings touch exactly.
    bookings = _random_bookings(rng, n=120, drivers=3, horizon=20, max_len=4)
    bookings = [(d, 5 * s, 5 * e, i) for d, s, e, i in bookings]
    expect_equal(sol.find_conflicts(bookings), _brute(bookings))


@case(
    "efficiency",
    timeout=10.0,
    hint="Comparing every pair is O(n^2). Sort each driver's bookings by start and sweep, "
    "keeping only the bookings that are still running.",
)
def test_busy_driver_speed(sol, ref, rng):
    # One driver, 2500 bookings in a row with an occasional overlap: a sweep does about
    # 2500 steps, comparing every pair about 3 million.
    bookings = _day(rng, n=2500, drivers=1)
    expect_fast(sol.find_conflicts, ref.find_conflicts, bookings, max_ratio=15)
