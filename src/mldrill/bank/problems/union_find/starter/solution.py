class UnionFind:
    """Disjoint sets over the elements 0..n-1."""

    def __init__(self, n: int) -> None:
        """n singleton sets {0}, {1}, ..., {n-1}; ValueError if n < 0."""
        raise NotImplementedError("write UnionFind")

    def find(self, x: int) -> int:
        """The representative of x's set; IndexError unless 0 <= x < n."""
        raise NotImplementedError

    def union(self, a: int, b: int) -> bool:
        """Merge the sets of a and b; return False if they were already the same set."""
        raise NotImplementedError

    def connected(self, a: int, b: int) -> bool:
        """Whether a and b are in the same set."""
        raise NotImplementedError

    def count(self) -> int:
        """The number of disjoint sets."""
        raise NotImplementedError

    def component_size(self, x: int) -> int:
        """The number of elements in x's set."""
        raise NotImplementedError

    def union_many(self, pairs) -> int:
        """union(a, b) for each pair in order; return how many of them merged two sets."""
        raise NotImplementedError

    def connected_many(self, pairs) -> list:
        """[connected(a, b) for each pair], as a list of bools."""
        raise NotImplementedError


def count_components(n: int, edges) -> int:
    """The number of connected components of the undirected graph on 0..n-1 with these edges.

    edges is a list of (a, b) pairs or an (m, 2) integer NumPy array. Use your UnionFind.
    """
    raise NotImplementedError("write count_components")
