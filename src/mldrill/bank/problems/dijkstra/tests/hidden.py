import math

import numpy as np

from mldrill.grading.testkit import (
    case,
    expect,
    expect_close,
    expect_equal,
    expect_fast,
    expect_raises,
)

HEAP_HINT = (
    "Settle nodes in order of distance with a min-heap of (distance, node) entries. A node "
    "is final only when it is popped, not when it is first reached: a path with more edges "
    "can be shorter."
)
INF_HINT = "Every node of the graph (keys and neighbours) gets a distance; unreachable is math.inf."
TIE_HINT = (
    "Node labels need not be comparable with each other (1 and 'b'): when two heap entries "
    "have equal distances, Python compares the next item. Put a counter between the "
    "distance and the node: (distance, counter, node)."
)


def _bellman_ford(graph: dict, source) -> dict:
    """Distances by a plain Bellman-Ford, written here for checking."""
    nodes = set(graph) | {v for edges in graph.values() for v in edges} | {source}
    dist = dict.fromkeys(nodes, math.inf)
    dist[source] = 0
    for _ in range(len(nodes)):
        changed = False
        for u, edges in graph.items():
            for v, w in edges.items():
                if dist[u] + w < dist[v]:
                    dist[v] = dist[u] + w
                    changed = True
        if not changed:
            break
    return dist


def _distance(got, want, what: str) -> None:
    """An int or float distance equal to ``want`` (math.inf for unreachable)."""
    numeric = isinstance(got, int | float | np.integer | np.floating) and not isinstance(got, bool)
    expect(numeric, f"{what}: expected a number, got {got!r}", INF_HINT)
    expect_close(float(got), float(want), rtol=1e-12, what=what)


def _check_distances(got, want: dict, what: str = "distances") -> None:
    expect(type(got) is dict, f"{what}: expected a dict, got {type(got).__name__}")
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    expect(not missing, f"{what}: no distance for nodes {missing[:5]}", INF_HINT)
    expect(not extra, f"{what}: distances for nodes not in the graph: {extra[:5]}")
    nodes = list(want)
    for node in nodes:
        value = got[node]
        numeric = isinstance(value, int | float | np.integer | np.floating)
        expect(numeric and not isinstance(value, bool),
               f"{what}[{node!r}]: expected a number, got {value!r}", INF_HINT)  # fmt: skip
    got_arr = np.array([float(got[node]) for node in nodes])
    want_arr = np.array([float(want[node]) for node in nodes])
    bad = ~np.isclose(got_arr, want_arr, rtol=1e-12, atol=0.0)
    if bad.any():
        first = int(np.argmax(bad))
        _distance(got[nodes[first]], want[nodes[first]], f"{what}[{nodes[first]!r}]")


def _check_path(graph: dict, result, source, target, want_dist) -> None:
    expect(type(result) is tuple and len(result) == 2,
           f"expected a (distance, path) tuple, got {result!r}")  # fmt: skip
    dist, path = result
    _distance(dist, want_dist, f"distance {source!r} -> {target!r}")
    expect(type(path) is list, f"the path must be a list of nodes, got {type(path).__name__}")
    expect(len(path) > 0 and path[0] == source, f"the path must start at {source!r}: {path}")
    expect(path[-1] == target, f"the path must end at {target!r}: {path}")
    total = 0
    for a, b in zip(path, path[1:], strict=False):
        expect(b in graph.get(a, {}), f"{a!r} -> {b!r} is not an edge of the graph: {path}")
        total += graph[a][b]
    same = math.isclose(total, want_dist, rel_tol=1e-12)
    expect(same, f"the edges of {path} add up to {total}, not the shortest distance {want_dist}")


def _expect_result(got, want_dist, want_path, what="the result") -> None:
    """A (distance, path) tuple; the distance may be an int or a float."""
    expect(
        type(got) is tuple and len(got) == 2,
        f"{what}: expected a (distance, path) tuple, got {got!r}",
    )
    _distance(got[0], want_dist, f"{what}: the distance")
    expect_equal(got[1], want_path, what=f"{what}: the path")


def _random_graph(rng, n: int, degree: int, max_w: int) -> dict:
    graph = {}
    for i in range(n):
        targets = rng.choice(n, size=degree, replace=False)
        graph[i] = {int(j): int(rng.integers(0, max_w)) for j in targets}
    return graph


CITY = {
    "A": {"B": 4, "C": 1},
    "B": {"D": 1},
    "C": {"B": 2, "D": 7},
    "D": {"E": 3},
    "E": {},
    "F": {"A": 1},
}


@case("correctness", hint=HEAP_HINT)
def test_known_distances(sol):
    got = sol.shortest_distances(CITY, "A")
    # A -> C -> B is 3, shorter than the direct edge A -> B of 4; F cannot be reached.
    want = {"A": 0, "B": 3, "C": 1, "D": 4, "E": 7, "F": math.inf}
    _check_distances(got, want)


@case("correctness", hint=HEAP_HINT)
def test_known_paths(sol):
    _check_path(CITY, sol.shortest_path(CITY, "A", "E"), "A", "E", 7)
    _expect_result(sol.shortest_path(CITY, "A", "E"), 7, ["A", "C", "B", "D", "E"], "A -> E")
    _expect_result(sol.shortest_path(CITY, "F", "D"), 5, ["F", "A", "C", "B", "D"], "F -> D")
    _expect_result(sol.shortest_path(CITY, "C", "D"), 3, ["C", "B", "D"])


@case("correctness", hint=HEAP_HINT)
def test_more_edges_can_be_shorter(sol):
    # The direct edge is reached first but is the longest route.
    graph = {0: {5: 100, 1: 1}, 1: {2: 1}, 2: {3: 1}, 3: {4: 1}, 4: {5: 1}}
    _expect_result(sol.shortest_path(graph, 0, 5), 5, [0, 1, 2, 3, 4, 5])
    _check_distances(sol.shortest_distances(graph, 0), {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5})


@case("correctness")
def test_float_weights(sol):
    graph = {"s": {"a": 0.5, "b": 2.25}, "a": {"b": 1.5, "t": 4.0}, "b": {"t": 0.125}}
    want = {"s": 0.0, "a": 0.5, "b": 2.0, "t": 2.125}
    _check_distances(sol.shortest_distances(graph, "s"), want)
    _check_path(graph, sol.shortest_path(graph, "s", "t"), "s", "t", 2.125)


@case("correctness", hint="Edges are directed: u -> v does not give v -> u.")
def test_directed_edges(sol):
    graph = {"x": {"y": 1}, "y": {"z": 1}, "z": {"x": 10}}
    _check_distances(sol.shortest_distances(graph, "y"), {"x": 11, "y": 0, "z": 1})
    _expect_result(sol.shortest_path(graph, "z", "y"), 11, ["z", "x", "y"])


@case("correctness", hint=HEAP_HINT)
def test_random_graphs(sol, rng):
    graph = _random_graph(rng, 80, 3, 20)
    for source in (0, 7, 42):
        want = _bellman_ford(graph, source)
        _check_distances(sol.shortest_distances(graph, source), want, f"distances from {source}")
        for target in (int(t) for t in rng.choice(80, size=6, replace=False)):
            if want[target] == math.inf:
                _expect_result(sol.shortest_path(graph, source, target), math.inf, None)
            else:
                result = sol.shortest_path(graph, source, target)
                _check_path(graph, result, source, target, want[target])


@case("edge_cases", hint=INF_HINT)
def test_unreachable_and_missing_nodes(sol):
    graph = {1: {2: 5}, 2: {}, 3: {1: 1}, 4: {9: 2}}
    # 9 appears only as a neighbour; 3 and 4 cannot be reached from 1.
    want = {1: 0, 2: 5, 3: math.inf, 4: math.inf, 9: math.inf}
    _check_distances(sol.shortest_distances(graph, 1), want)
    _expect_result(sol.shortest_path(graph, 1, 3), math.inf, None)
    _expect_result(sol.shortest_path(graph, 1, 9), math.inf, None)
    _expect_result(sol.shortest_path(graph, 1, "nowhere"), math.inf, None)


@case("edge_cases", hint="The source is a node even when it is not a key: distance 0.")
def test_source_is_target_or_not_a_key(sol):
    graph = {"a": {"b": 2}, "b": {"a": 2}}
    _expect_result(sol.shortest_path(graph, "a", "a"), 0, ["a"])
    _check_distances(sol.shortest_distances(graph, "z"), {"a": math.inf, "b": math.inf, "z": 0})
    _check_distances(sol.shortest_distances({}, "solo"), {"solo": 0})
    _expect_result(sol.shortest_path({}, "solo", "solo"), 0, ["solo"])


@case(
    "edge_cases",
    hint="Zero weights are allowed; a parent link must never point back into a cycle.",
    timeout=2.0,
)
def test_zero_weight_cycles(sol):
    graph = {0: {1: 0}, 1: {0: 0, 2: 5}, 2: {2: 0, 3: 0}, 3: {1: 0}}
    _check_distances(sol.shortest_distances(graph, 0), {0: 0, 1: 0, 2: 5, 3: 5})
    _expect_result(sol.shortest_path(graph, 0, 3), 5, [0, 1, 2, 3])
    _expect_result(sol.shortest_path(graph, 0, 0), 0, [0])
    _expect_result(sol.shortest_path(graph, 2, 0), 0, [2, 3, 1, 0])


@case("edge_cases", hint="A self-loop never shortens a path.")
def test_self_loops(sol):
    graph = {"a": {"a": 1, "b": 3}, "b": {"b": 0, "c": 1}, "c": {}}
    _check_distances(sol.shortest_distances(graph, "a"), {"a": 0, "b": 3, "c": 4})
    _expect_result(sol.shortest_path(graph, "a", "c"), 4, ["a", "b", "c"])


@case("edge_cases", hint="Check every weight first and raise ValueError for a negative one.")
def test_negative_weight_raises(sol):
    graph = {"a": {"b": 1}, "b": {"c": -2}, "c": {}}
    expect_raises("ValueError", sol.shortest_distances, graph, "a")
    expect_raises("ValueError", sol.shortest_path, graph, "a", "c")
    # anywhere in the graph, even where the search would not reach it
    graph = {"a": {"b": 1}, "b": {}, "x": {"y": -0.5}}
    expect_raises("ValueError", sol.shortest_distances, graph, "a")


@case("edge_cases", hint=TIE_HINT)
def test_labels_that_do_not_compare(sol):
    graph = {"s": {1: 2, "b": 2}, 1: {"t": 1}, "b": {"t": 1, 2.5: 0}, 2.5: {}}
    want = {"s": 0, 1: 2, "b": 2, "t": 3, 2.5: 2}
    _check_distances(sol.shortest_distances(graph, "s"), want)
    result = sol.shortest_path(graph, "s", "t")
    _check_path(graph, result, "s", "t", 3)


@case(
    "efficiency",
    timeout=10.0,
    hint="Pop the closest node from a heap (heapq) instead of scanning every node.",
)
def test_wide_graph(sol, ref, rng):
    # The source reaches every node at once, so the frontier holds ~n nodes for most of the
    # search: a linear scan for the closest one costs O(n^2), a heap O(E log n).
    n = 2000
    graph = {0: dict(zip(range(1, n), rng.integers(1, 10**6, size=n - 1).tolist(), strict=True))}
    targets = rng.integers(0, n, size=(n, 2)).tolist()
    weights = rng.integers(1, 1000, size=(n, 2)).tolist()
    for i in range(1, n):
        graph[i] = dict(zip(targets[i], weights[i], strict=True))
    got = sol.shortest_distances(graph, 0)
    _check_distances(got, ref.shortest_distances(graph, 0))
    expect_fast(sol.shortest_distances, ref.shortest_distances, graph, 0, max_ratio=4)


@case(
    "efficiency",
    timeout=10.0,
    hint="A node can sit in the heap several times after its distance improved. When a "
    "popped node is already settled, skip it: re-scanning its edges is wasted work.",
)
def test_stale_heap_entries(sol, ref):
    # The hub is improved k times before it is popped, leaving k - 1 stale heap entries.
    # Skipping them costs O(k); re-relaxing the hub's d edges for each costs O(k * d).
    k, d = 600, 2000
    graph = {"s": {f"c{i}": i for i in range(1, k + 1)}}
    for i in range(1, k + 1):
        graph[f"c{i}"] = {"hub": 10 * k - 2 * i}  # reached at distance 10k - i: decreasing
    graph["hub"] = {j: 1 for j in range(d)}
    got = sol.shortest_path(graph, "s", d - 1)
    _expect_result(got, 10 * k - k + 1, ["s", f"c{k}", "hub", d - 1])
    expect_fast(sol.shortest_distances, ref.shortest_distances, graph, "s", max_ratio=4)
