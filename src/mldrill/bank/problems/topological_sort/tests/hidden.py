import numpy as np

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast, expect_raises

SMALLEST_HINT = (
    "Each step, output the smallest node that has no remaining predecessors. A FIFO queue "
    "does not do that: a small node freed late waits behind bigger ones. Use a min-heap."
)
CYCLE_HINT = (
    "If the loop ends before every node is output, the rest wait on each other: that is a "
    "cycle (a self-loop counts). Raise ValueError."
)


def _smallest_order(n: int, edges) -> list:
    """The lexicographically smallest topological order by brute force, O(n^2)."""
    preds = [set() for _ in range(n)]
    for u, v in edges:
        preds[int(v)].add(int(u))
    done, order = set(), []
    for _ in range(n):
        node = next(i for i in range(n) if i not in done and preds[i] <= done)
        done.add(node)
        order.append(node)
    return order


def _check_valid(order, n: int, edges) -> None:
    expect(type(order) is list, f"expected a list, got {type(order).__name__}")
    expect(sorted(order) == list(range(n)), f"the order must hold 0..{n - 1} once each")
    position = {node: i for i, node in enumerate(order)}
    for u, v in edges:
        expect(position[int(u)] < position[int(v)], f"edge ({u}, {v}): {v} comes before {u}")


def _random_dag(rng, n: int, m: int) -> np.ndarray:
    """Random edges that point forward in a hidden random order of the nodes."""
    pairs = rng.integers(0, n, size=(m, 2))
    pairs.sort(axis=1)
    pairs = pairs[pairs[:, 0] < pairs[:, 1]]
    return rng.permutation(n)[pairs]


@case("correctness", hint=SMALLEST_HINT)
def test_known_orders(sol):
    expect_equal(sol.topological_sort(6, [(5, 2), (5, 0), (4, 0), (4, 1), (2, 3), (3, 1)]),
                 [4, 5, 0, 2, 3, 1])  # fmt: skip
    expect_equal(sol.topological_sort(3, [(2, 0)]), [1, 2, 0])
    expect_equal(sol.topological_sort(5, [(4, 3), (3, 2), (2, 1), (1, 0)]), [4, 3, 2, 1, 0])


@case("correctness", hint=SMALLEST_HINT)
def test_late_small_node_goes_first(sol):
    # 2 is freed by 1 after 3 is already waiting: it must still come before 3.
    expect_equal(sol.topological_sort(4, [(0, 3), (1, 2)]), [0, 1, 2, 3])
    expect_equal(sol.topological_sort(5, [(4, 0), (3, 1)]), [2, 3, 1, 4, 0])
    edges = [(6, 0), (6, 1), (5, 2), (4, 3)]
    expect_equal(sol.topological_sort(7, edges), [4, 3, 5, 2, 6, 0, 1])


@case("correctness", hint=SMALLEST_HINT)
def test_random_dags(sol, rng):
    for n, m in ((30, 60), (200, 500), (200, 100)):
        edges = _random_dag(rng, n, m)
        pairs = [(int(u), int(v)) for u, v in edges]
        got = sol.topological_sort(n, pairs)
        _check_valid(got, n, pairs)
        expect_equal(got, _smallest_order(n, pairs), what=f"order of {n} nodes")


@case("edge_cases")
def test_no_edges(sol):
    expect_equal(sol.topological_sort(4, []), [0, 1, 2, 3])
    expect_equal(sol.topological_sort(1, []), [0])
    expect_equal(sol.topological_sort(0, []), [])


@case("edge_cases", hint=CYCLE_HINT)
def test_cycles_raise(sol):
    expect_raises("ValueError", sol.topological_sort, 3, [(0, 1), (1, 2), (2, 0)])
    # a cycle among some nodes, with a valid part around it
    edges = [(0, 1), (1, 2), (3, 4), (4, 5), (5, 3), (2, 6)]
    expect_raises("ValueError", sol.topological_sort, 7, edges)
    expect_raises("ValueError", sol.topological_sort, 2, [(0, 1), (1, 0)])


@case("edge_cases", hint=CYCLE_HINT)
def test_self_loop_raises(sol):
    expect_raises("ValueError", sol.topological_sort, 3, [(0, 2), (1, 1)])


@case("edge_cases", hint="A repeated edge adds to the in-degree twice and is removed twice.")
def test_repeated_edges(sol):
    expect_equal(sol.topological_sort(3, [(0, 1), (0, 1), (2, 1)]), [0, 2, 1])
    expect_equal(sol.topological_sort(3, [(2, 0), (2, 0), (1, 0), (2, 0)]), [1, 2, 0])


@case("edge_cases", hint="Nodes without edges are ready from the start.")
def test_isolated_nodes(sol):
    expect_equal(sol.topological_sort(5, [(3, 1)]), [0, 2, 3, 1, 4])


@case("edge_cases", hint="Iterate over the rows of an (m, 2) array as (u, v) pairs; return ints.")
def test_numpy_edges(sol):
    edges = np.array([[5, 2], [5, 0], [4, 0], [4, 1], [2, 3], [3, 1]], dtype=np.int64)
    expect_equal(sol.topological_sort(6, edges), [4, 5, 0, 2, 3, 1])
    expect_equal(sol.topological_sort(3, np.zeros((0, 2), dtype=np.int64)), [0, 1, 2])
    expect_raises("ValueError", sol.topological_sort, 2, np.array([[0, 1], [1, 0]]))


@case("efficiency", timeout=10.0, hint=SMALLEST_HINT + " min() over a list is O(n) per step.")
def test_many_ready_nodes(sol, ref, rng):
    # Few edges, so thousands of nodes are ready at once: picking the smallest by scanning
    # them is O(n^2); a heap is O(n log n).
    n = 5000
    edges = _random_dag(rng, n, n // 2)
    got = sol.topological_sort(n, edges)
    _check_valid(got, n, edges)
    expect_equal(got, ref.topological_sort(n, edges), what=f"order of {n} nodes")
    expect_fast(sol.topological_sort, ref.topological_sort, n, edges, max_ratio=5)
