import math

from mldrill.grading.testkit import case, expect_close, expect_equal

GRAPH = {
    "A": {"B": 4, "C": 1},
    "B": {"D": 1},
    "C": {"B": 2, "D": 7},
    "D": {"E": 3},
    "E": {},
    "F": {"A": 1},
}


@case("correctness")
def test_statement_distances(sol):
    got = sol.shortest_distances(GRAPH, "A")
    want = {"A": 0, "B": 3, "C": 1, "D": 4, "E": 7, "F": math.inf}
    expect_equal(sorted(got), sorted(want), what="the nodes")
    for node, d in want.items():
        expect_close(float(got[node]), float(d), what=f"distance to {node}")


@case("correctness")
def test_statement_path(sol):
    dist, path = sol.shortest_path(GRAPH, "A", "E")
    expect_close(float(dist), 7.0, what="distance A -> E")
    expect_equal(path, ["A", "C", "B", "D", "E"], what="path A -> E")
