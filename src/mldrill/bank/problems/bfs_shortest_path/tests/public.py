from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_statement_example(sol):
    graph = {"A": ["B", "C"], "B": ["D"], "C": ["D", "E"], "D": ["F"], "E": ["F"]}
    expect_equal(sol.shortest_path(graph, "A", "F"), ["A", "B", "D", "F"])


@case("edge_cases", hint="Return None when the goal cannot be reached.")
def test_unreachable(sol):
    expect_equal(sol.shortest_path({1: [2], 2: [], 3: [1]}, 1, 3), None)
