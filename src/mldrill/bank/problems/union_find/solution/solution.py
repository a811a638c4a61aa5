import numpy as np


class UnionFind:
    """Disjoint sets over 0..n-1 with union by size and path compression."""

    def __init__(self, n: int) -> None:
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        self.parent = list(range(n))  # a root is its own parent
        self.size = [1] * n  # the size of each root's set (only read at roots)
        self.sets = n

    def _root(self, x: int) -> int:
        if self.parent[x] != x:
            # path compression: everything on the way now points straight at the root
            self.parent[x] = self._root(self.parent[x])
        return self.parent[x]

    def find(self, x: int) -> int:
        """The representative of x's set."""
        x = int(x)
        if not 0 <= x < len(self.parent):
            raise IndexError(f"element {x} is not in range({len(self.parent)})")
        return self._root(x)

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; False if they were already one set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra  # union by size: the smaller tree goes under the larger root,
        self.parent[rb] = ra  # so every tree stays O(log n) deep
        self.size[ra] += self.size[rb]
        self.sets -= 1
        return True

    def connected(self, a: int, b: int) -> bool:
        return self.find(a) == self.find(b)

    def count(self) -> int:
        return self.sets

    def component_size(self, x: int) -> int:
        return self.size[self.find(x)]

    def union_many(self, pairs) -> int:
        """union(a, b) for each pair, in order; the number of unions that merged two sets."""
        return sum(self.union(a, b) for a, b in np.asarray(pairs, dtype=np.int64).tolist())

    def connected_many(self, pairs) -> list:
        return [self.connected(a, b) for a, b in np.asarray(pairs, dtype=np.int64).tolist()]


def count_components(n: int, edges) -> int:
    """The number of connected components of an undirected graph on 0..n-1."""
    uf = UnionFind(n)
    uf.union_many(edges)
    return uf.count()
