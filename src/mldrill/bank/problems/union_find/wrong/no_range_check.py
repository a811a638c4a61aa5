import numpy as np


class UnionFind:
    def __init__(self, n):
        if n < 0:
            raise ValueError("negative n")
        self.parent = list(range(n))
        self.size = [1] * n
        self.sets = n

    def find(self, x):
        # relies on the list to reject bad elements: parent[-1] is silently the last one
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
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
