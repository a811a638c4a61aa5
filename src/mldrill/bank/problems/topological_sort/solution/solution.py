import heapq


def topological_sort(n: int, edges) -> list:
    """The lexicographically smallest order of 0..n-1 with u before v for every edge (u, v)."""
    successors = [[] for _ in range(n)]
    indegree = [0] * n  # number of edges still pointing into each node
    for u, v in edges:
        u, v = int(u), int(v)
        successors[u].append(v)
        indegree[v] += 1
    # Kahn: repeatedly output a node with no remaining predecessors. Taking the smallest
    # such node each time (a min-heap) gives the lexicographically smallest order.
    ready = [node for node in range(n) if indegree[node] == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        u = heapq.heappop(ready)
        order.append(u)
        for v in successors[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                heapq.heappush(ready, v)
    if len(order) < n:  # the nodes left over all wait on each other: a cycle
        raise ValueError("the graph has a cycle")
    return order
