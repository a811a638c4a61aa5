from mldrill.grading.testkit import case, expect_equal, expect_raises


@case("correctness")
def test_statement_example(sol):
    edges = [(5, 2), (5, 0), (4, 0), (4, 1), (2, 3), (3, 1)]
    expect_equal(sol.topological_sort(6, edges), [4, 5, 0, 2, 3, 1])


@case("edge_cases", hint="When some nodes are never output, they lie on a cycle: raise ValueError.")
def test_cycle(sol):
    expect_raises("ValueError", sol.topological_sort, 3, [(0, 1), (1, 2), (2, 0)])
