from collections import deque

import numpy as np

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast, expect_raises

MERGE_HINT = (
    "union(a, b) links the root of one set under the root of the other, and only when the "
    "roots differ; then the number of sets drops by one."
)
RANGE_HINT = "Check 0 <= x < n yourself and raise IndexError: parent[-1] is a valid list index."
FAST_HINT = (
    "Without union by size (or rank), unioning a chain builds a tree as tall as the chain; "
    "without path compression every find walks it again. Use both, and write find with a "
    "loop or keep trees shallow: recursion on a 5,000-deep tree overflows."
)


def _components(n: int, edges) -> list:
    """A component label for every element, by breadth-first search."""
    neighbours = [[] for _ in range(n)]
    for a, b in edges:
        neighbours[a].append(b)
        neighbours[b].append(a)
    label = [-1] * n
    for start in range(n):
        if label[start] >= 0:
            continue
        label[start] = start
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for nxt in neighbours[node]:
                if label[nxt] < 0:
                    label[nxt] = start
                    queue.append(nxt)
    return label


@case("correctness", hint=MERGE_HINT)
def test_small_by_hand(sol):
    uf = sol.UnionFind(6)
    uf.union(0, 1)
    uf.union(2, 3)
    uf.union(1, 3)
    expect_equal(uf.connected(0, 2), True, what="connected(0, 2)")
    expect_equal(uf.connected(0, 4), False, what="connected(0, 4)")
    expect_equal(uf.connected(4, 5), False, what="connected(4, 5)")
    expect_equal(uf.count(), 3, what="count(): {0, 1, 2, 3}, {4}, {5}")
    expect_equal(uf.component_size(3), 4, what="component_size(3)")
    expect_equal(uf.component_size(5), 1, what="component_size(5)")
    expect_equal(uf.find(0), uf.find(2), what="find(0) and find(2)")
    expect(uf.find(0) in (0, 1, 2, 3), f"find(0) must be a member of 0's set, got {uf.find(0)}")


@case("correctness", hint=MERGE_HINT)
def test_union_return_values(sol):
    uf = sol.UnionFind(4)
    expect_equal(uf.union(0, 1), True, what="union(0, 1)")
    expect_equal(uf.union(1, 0), False, what="union(1, 0) after union(0, 1)")
    expect_equal(uf.union(2, 3), True, what="union(2, 3)")
    expect_equal(uf.union(0, 3), True, what="union(0, 3)")
    expect_equal(uf.union(1, 2), False, what="union(1, 2): already one set")
    expect_equal(uf.count(), 1, what="count()")
    expect_equal(uf.component_size(0), 4, what="component_size(0)")


@case("correctness", hint=MERGE_HINT)
def test_redundant_edges_do_not_count(sol):
    uf = sol.UnionFind(5)
    pairs = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 3), (0, 2)]
    expect_equal(uf.union_many(pairs), 3, what="union_many: merges among 6 pairs")
    expect_equal(uf.count(), 2, what="count()")
    expect_equal(uf.component_size(2), 3, what="component_size(2)")
    expect_equal(uf.component_size(4), 2, what="component_size(4)")


@case("correctness", hint=MERGE_HINT)
def test_random_graph(sol, rng):
    n = 300
    edges = [(int(a), int(b)) for a, b in rng.integers(0, n, size=(220, 2))]
    label = _components(n, edges)
    uf = sol.UnionFind(n)
    merged = uf.union_many(edges)
    expect_equal(uf.count(), len(set(label)), what="count()")
    expect_equal(merged, n - len(set(label)), what="the number of merging unions")
    sizes = {lab: label.count(lab) for lab in set(label)}
    for x in (int(v) for v in rng.choice(n, size=30, replace=False)):
        expect_equal(uf.component_size(x), sizes[label[x]], what=f"component_size({x})")
    queries = [(int(a), int(b)) for a, b in rng.integers(0, n, size=(200, 2))]
    queries += [(a, b) for a, b in edges[:50]]  # some pairs that are surely connected
    want = [label[a] == label[b] for a, b in queries]
    expect_equal(uf.connected_many(queries), want, what="connected_many")


@case("correctness")
def test_find_is_a_consistent_representative(sol, rng):
    n = 50
    uf = sol.UnionFind(n)
    uf.union_many([(int(a), int(b)) for a, b in rng.integers(0, n, size=(30, 2))])
    roots = [uf.find(x) for x in range(n)]
    for x in range(n):
        expect(0 <= roots[x] < n, f"find({x}) = {roots[x]} is not an element")
        expect_equal(uf.find(roots[x]), roots[x], what=f"find(find({x}))")
        expect_equal(uf.connected(x, roots[x]), True, what=f"connected({x}, find({x}))")
    expect_equal(len(set(roots)), uf.count(), what="the number of distinct representatives")


@case("correctness")
def test_count_components(sol, rng):
    expect_equal(sol.count_components(5, [(0, 1), (3, 4)]), 3, what="{0, 1}, {2}, {3, 4}")
    expect_equal(sol.count_components(4, [(0, 1), (1, 2), (2, 0)]), 2, what="a triangle and 3")
    n = 200
    edges = rng.integers(0, n, size=(150, 2))
    want = len(set(_components(n, [(int(a), int(b)) for a, b in edges])))
    expect_equal(sol.count_components(n, edges), want, what="a random graph of 200 nodes")
    expect_equal(sol.count_components(3, []), 3, what="no edges")
    expect_equal(sol.count_components(0, []), 0, what="no nodes")


@case("edge_cases")
def test_tiny_structures(sol):
    uf = sol.UnionFind(1)
    expect_equal(uf.count(), 1, what="count() of UnionFind(1)")
    expect_equal(uf.find(0), 0, what="find(0)")
    expect_equal(uf.connected(0, 0), True, what="connected(0, 0)")
    empty = sol.UnionFind(0)
    expect_equal(empty.count(), 0, what="count() of UnionFind(0)")
    expect_equal(empty.union_many([]), 0, what="union_many([])")
    expect_equal(empty.connected_many([]), [], what="connected_many([])")


@case("edge_cases", hint="union(x, x) finds the same root twice: it merges nothing.")
def test_self_union(sol):
    uf = sol.UnionFind(3)
    expect_equal(uf.union(2, 2), False, what="union(2, 2)")
    expect_equal(uf.count(), 3, what="count() after union(2, 2)")
    expect_equal(uf.component_size(2), 1, what="component_size(2)")


@case("edge_cases", hint=RANGE_HINT)
def test_out_of_range_raises(sol):
    uf = sol.UnionFind(4)
    expect_raises("IndexError", uf.find, 4)
    expect_raises("IndexError", uf.find, -1)
    expect_raises("IndexError", uf.union, 0, -2)
    expect_raises("IndexError", uf.connected, -1, 3)
    expect_raises("IndexError", uf.component_size, -4)
    expect_equal(uf.count(), 4, what="count() after the failed calls")


@case("edge_cases", hint="A negative n is an error: raise ValueError.")
def test_negative_size_raises(sol):
    expect_raises("ValueError", sol.UnionFind, -3)


@case("edge_cases", hint="Iterate over the rows of an (m, 2) array; return plain bools.")
def test_numpy_pairs(sol):
    uf = sol.UnionFind(5)
    pairs = np.array([[0, 1], [3, 4], [1, 0]], dtype=np.int64)
    expect_equal(uf.union_many(pairs), 2, what="union_many of an array")
    got = uf.connected_many(np.array([[1, 0], [0, 3], [4, 3]], dtype=np.int32))
    expect_equal(got, [True, False, True], what="connected_many of an array")
    expect_equal(uf.union_many(np.zeros((0, 2), dtype=np.int64)), 0, what="an empty array")


@case("efficiency", timeout=10.0, hint=FAST_HINT)
def test_long_chain(sol, ref, rng):
    # union(i, i + 1) in order: naive linking builds a 5,000-deep chain.
    n, q = 5000, 2000
    chain = np.stack([np.arange(n - 1), np.arange(1, n)], axis=1)
    queries = np.stack([np.zeros(q, dtype=np.int64), rng.integers(0, n, size=q)], axis=1)
    uf, want = sol.UnionFind(n), ref.UnionFind(n)
    expect_equal(uf.union_many(chain), n - 1, what="merges along the chain")
    want.union_many(chain)
    expect_equal(uf.count(), 1, what="count() after the chain")
    expect_fast(uf.connected_many, want.connected_many, queries, max_ratio=8)


@case("efficiency", timeout=10.0, hint=FAST_HINT)
def test_unions_with_one_hub(sol, ref):
    # union(0, i) for i = 1, 2, ...: with naive linking each union walks a chain that
    # grows by one, O(n^2) in all. count_components builds a fresh structure every call.
    n = 3000
    star = np.stack([np.zeros(n - 1, dtype=np.int64), np.arange(1, n)], axis=1)
    expect_equal(sol.count_components(n, star), 1, what="components of a star")
    expect_fast(sol.count_components, ref.count_components, n, star, max_ratio=8)
