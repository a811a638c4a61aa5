from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_four_queens(sol):
    expect_equal(sol.n_queens(4), (2, [1, 3, 0, 2]))


@case("edge_cases", hint="When no placement exists, return (0, None).")
def test_three_queens(sol):
    expect_equal(sol.n_queens(3), (0, None))
