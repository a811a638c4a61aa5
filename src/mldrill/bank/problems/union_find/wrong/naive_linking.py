import numpy as np


class UnionFind:
    def __init__(self, n):
        if n < 0:
            raise ValueError("negative n")
        self.parent = list(range(n))
        self.size = [1] * n
        self.sets = n

    def find(self, x):
        x = int(x)
        if not 0 <= x < len(self.parent):
            raise IndexError("element out of range")
        while self.parent[x] != x:  # no path compression
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[ra] = rb  # always links a's root under b's: chains grow to length n
        self.size[rb] += self.size[ra]
        self.sets -= 1
        return True

    def connected(self, a, b):
        return self.find(a) == self.find(b)

    def count(self):
        return self.sets

    def component_size(self, x):
        return self.size[self.find(x)]

    def union_many(self, pairs):
        return sum(self.union(a, b) for a, b in np.asarray(pairs, dtype=np.int64).tolist())

    def connected_many(self, pairs):
        return [self.connected(a, b) for a, b in np.asarray(pairs, dtype=np.int64).tolist()]


def count_components(n, edges):
    uf = UnionFind(n)
    uf.union_many(edges)
    return uf.count()
