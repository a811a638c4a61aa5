from itertools import permutations

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast

DIAGONAL_HINT = (
    "Two queens at (r1, c1) and (r2, c2) share a diagonal when r1 - c1 == r2 - c2 and an "
    "anti-diagonal when r1 + c1 == r2 + c2: check both, as well as the column."
)
FIRST_HINT = (
    "Try columns in increasing order in every row: the first complete placement you reach "
    "is then the lexicographically smallest. Store a copy of it (list(cols)), not the list "
    "you keep changing while backtracking."
)
PRUNE_HINT = (
    "Prune: keep the occupied columns, diagonals (r - c) and anti-diagonals (r + c) in sets "
    "and skip an attacked square at once, instead of checking complete placements."
)
COUNTS = {1: 1, 2: 0, 3: 0, 4: 2, 5: 10, 6: 4, 7: 40, 8: 92, 9: 352}


def _is_solution(cols, n: int) -> bool:
    if sorted(cols) != list(range(n)):
        return False
    return len({r - c for r, c in enumerate(cols)}) == n == len({r + c for r, c in enumerate(cols)})


def _first_by_brute_force(n: int):
    """The first valid permutation in lexicographic order (itertools yields them in order)."""
    return next((list(p) for p in permutations(range(n)) if _is_solution(p, n)), None)


def _check(got, count: int, first, n: int) -> None:
    expect(type(got) is tuple and len(got) == 2, f"n={n}: expected (count, first), got {got!r}")
    expect_equal(got[0], count, what=f"the number of solutions for n={n}")
    expect_equal(got[1], first, what=f"the first solution for n={n}")


@case("correctness", hint=FIRST_HINT)
def test_small_boards(sol):
    _check(sol.n_queens(4), 2, [1, 3, 0, 2], 4)
    _check(sol.n_queens(5), 10, [0, 2, 4, 1, 3], 5)
    _check(sol.n_queens(6), 4, [1, 3, 5, 0, 2, 4], 6)


@case("correctness", hint=FIRST_HINT)
def test_eight_queens(sol):
    _check(sol.n_queens(8), 92, [0, 4, 7, 5, 2, 6, 1, 3], 8)


@case("correctness", hint=DIAGONAL_HINT)
def test_known_counts(sol):
    for n, count in COUNTS.items():
        got = sol.n_queens(n)
        expect(type(got) is tuple and len(got) == 2, f"n={n}: expected (count, first), got {got!r}")
        expect_equal(got[0], count, what=f"the number of solutions for n={n}")


@case("correctness", hint=FIRST_HINT)
def test_first_board_is_smallest(sol):
    for n in range(4, 9):
        count, first = sol.n_queens(n)
        expect(type(first) is list, f"n={n}: the first solution must be a list, got {first!r}")
        expect(_is_solution(first, n), f"n={n}: {first} is not a valid placement",
               DIAGONAL_HINT)  # fmt: skip
        expect_equal(first, _first_by_brute_force(n), what=f"the first solution for n={n}")


@case("edge_cases", hint="A single queen on a 1 x 1 board is one solution: (1, [0]).")
def test_one_queen(sol):
    _check(sol.n_queens(1), 1, [0], 1)


@case("edge_cases", hint="With no solution, return (0, None).")
def test_no_solution(sol):
    _check(sol.n_queens(2), 0, None, 2)
    _check(sol.n_queens(3), 0, None, 3)


@case("efficiency", timeout=10.0, hint=PRUNE_HINT)
def test_eight_queens_speed(sol, ref):
    expect_fast(sol.n_queens, ref.n_queens, 8, max_ratio=5)


@case("efficiency", timeout=1.0, hint=PRUNE_HINT)
def test_ten_queens(sol):
    _check(sol.n_queens(10), 724, [0, 2, 5, 7, 9, 4, 8, 1, 3, 6], 10)
