from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_statement_example(sol):
    got = sol.merge_intervals([[8, 10], [1, 3], [15, 18], [2, 6]])
    expect_equal(got, [[1, 6], [8, 10], [15, 18]])


@case("edge_cases", hint="Closed intervals that share an endpoint merge.")
def test_touching(sol):
    expect_equal(sol.merge_intervals([(1, 2), (2, 3), (5, 6)]), [[1, 3], [5, 6]])
