from collections import deque

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast

BFS_HINT = (
    "Explore in breadth-first order (a FIFO queue): every node at distance 1, then 2, ... "
    "The first time you reach the goal is along a shortest path."
)
TIE_HINT = (
    "Record each node's parent the first time you see it and never overwrite it; visit "
    "neighbours in the order they are listed."
)
VISITED_HINT = "Keep a visited set (or parent dict): without it a cycle is walked forever."


def _distances(graph: dict, start) -> dict:
    """Hop counts from ``start``, by a plain BFS written here for checking."""
    dist = {start: 0}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):
            if nxt not in dist:
                dist[nxt] = dist[node] + 1
                queue.append(nxt)
    return dist


def _check_is_path(graph: dict, path, start, goal) -> None:
    expect(type(path) is list, f"expected a list of nodes, got {type(path).__name__}")
    expect(len(path) > 0 and path[0] == start, f"the path must begin at {start!r}: {path}")
    expect(path[-1] == goal, f"the path must end at {goal!r}: {path}")
    for a, b in zip(path, path[1:], strict=False):
        expect(b in graph.get(a, ()), f"{a!r} -> {b!r} is not an edge of the graph")


@case("correctness", hint=BFS_HINT)
def test_shortest_not_first_found(sol):
    # The first and the last neighbour of 0 both start long detours; the middle one is short.
    graph = {0: [1, 7, 4], 1: [2], 2: [3], 3: [9], 4: [5], 5: [6], 6: [9], 7: [9]}
    expect_equal(sol.shortest_path(graph, 0, 9), [0, 7, 9])


@case("correctness", hint=BFS_HINT)
def test_known_paths(sol):
    graph = {
        "home": ["bakery", "park"],
        "bakery": ["school"],
        "park": ["lake", "school"],
        "lake": ["station"],
        "school": ["library"],
        "library": ["station"],
    }
    expect_equal(sol.shortest_path(graph, "home", "station"), ["home", "park", "lake", "station"])
    expect_equal(sol.shortest_path(graph, "park", "library"), ["park", "school", "library"])
    expect_equal(sol.shortest_path(graph, "bakery", "station"),
                 ["bakery", "school", "library", "station"])  # fmt: skip


@case("correctness", hint=TIE_HINT)
def test_ties_follow_neighbour_order(sol):
    graph = {0: [2, 1], 1: [3], 2: [3], 3: []}
    expect_equal(sol.shortest_path(graph, 0, 3), [0, 2, 3])
    # Two shortest paths of length 3: 5 is first reached through 1, which is queued first.
    graph = {0: [1, 2], 1: [3], 2: [4], 3: [5], 4: [5]}
    expect_equal(sol.shortest_path(graph, 0, 5), [0, 1, 3, 5])
    graph = {0: [2, 1], 1: [3], 2: [4], 3: [5], 4: [5]}
    expect_equal(sol.shortest_path(graph, 0, 5), [0, 2, 4, 5])


@case("correctness", hint=VISITED_HINT)
def test_graph_with_cycles(sol):
    graph = {0: [1], 1: [2, 0], 2: [0, 3, 1], 3: [1, 4], 4: [0]}
    expect_equal(sol.shortest_path(graph, 0, 4), [0, 1, 2, 3, 4])
    expect_equal(sol.shortest_path(graph, 3, 2), [3, 1, 2])


@case("correctness", hint=BFS_HINT)
def test_random_graphs(sol, ref, rng):
    n = 300
    graph = {i: [int(j) for j in rng.choice(n, size=3, replace=False)] for i in range(n)}
    checked = 0
    for _ in range(40):
        start, goal = (int(x) for x in rng.choice(n, size=2, replace=False))
        dist = _distances(graph, start)
        if goal not in dist:
            continue
        path = sol.shortest_path(graph, start, goal)
        _check_is_path(graph, path, start, goal)
        expect(len(path) - 1 == dist[goal],
               f"path from {start} to {goal} has {len(path) - 1} edges; "
               f"the shortest has {dist[goal]}")  # fmt: skip
        expect_equal(path, ref.shortest_path(graph, start, goal), what=f"path {start}->{goal}")
        checked += 1
    expect(checked > 20, "test set-up: too few reachable pairs")


@case("edge_cases", hint="When start == goal the path is just [start].")
def test_start_is_goal(sol):
    expect_equal(sol.shortest_path({1: [2], 2: [1]}, 2, 2), [2])
    expect_equal(sol.shortest_path({}, "x", "x"), ["x"])


@case("edge_cases", hint=VISITED_HINT, timeout=1.0)
def test_unreachable_in_cycle(sol):
    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}
    expect_equal(sol.shortest_path(graph, "a", "d"), None)
    expect_equal(sol.shortest_path(graph, "a", "zzz"), None)


@case("edge_cases", hint="A node that is not a key of the graph has no outgoing edges.")
def test_start_not_in_graph(sol):
    graph = {1: [2], 2: [3]}
    expect_equal(sol.shortest_path(graph, 7, 3), None)
    expect_equal(sol.shortest_path(graph, 3, 1), None)  # 3 is only a neighbour


@case("edge_cases", hint="The goal may appear only in neighbour lists, never as a key.")
def test_goal_only_a_neighbour(sol):
    graph = {"s": ["a", "b"], "a": ["c"], "b": ["t"], "c": ["t"]}
    expect_equal(sol.shortest_path(graph, "s", "t"), ["s", "b", "t"])


@case("edge_cases")
def test_self_loops_and_empty_lists(sol):
    graph = {0: [0, 1], 1: [1], 2: [], 3: [3, 2]}
    expect_equal(sol.shortest_path(graph, 0, 1), [0, 1])
    expect_equal(sol.shortest_path(graph, 3, 2), [3, 2])
    expect_equal(sol.shortest_path(graph, 2, 3), None)


@case("efficiency", timeout=10.0, hint="The work should be O(V + E): do not copy paths.")
def test_long_chain(sol, ref):
    n = 20_000
    graph = {i: [i + 1] for i in range(n - 1)}
    got = sol.shortest_path(graph, 0, n - 1)
    expect(got == list(range(n)), f"the path along a {n}-node chain is wrong")
    expect_fast(sol.shortest_path, ref.shortest_path, graph, 0, n - 1, max_ratio=20)


@case(
    "efficiency",
    timeout=10.0,
    hint="list.pop(0) shifts the whole list: use collections.deque and popleft().",
)
def test_wide_frontier(sol, ref):
    # 0 -> 1..n, and only n leads on, to the goal: all n nodes are queued, then dequeued.
    n = 80_000
    graph = {0: list(range(1, n + 1)), n: [-1]}
    expect_equal(sol.shortest_path(graph, 0, -1), [0, n, -1])
    expect_fast(sol.shortest_path, ref.shortest_path, graph, 0, -1, max_ratio=10)
