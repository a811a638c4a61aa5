from collections import deque


def topological_sort(n, edges):
    successors = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v in edges:
        successors[int(u)].append(int(v))
        indegree[int(v)] += 1
    # Kahn with a FIFO queue: the first wave is sorted, but a node freed later waits behind
    # every node already queued, even bigger ones
    queue = deque(node for node in range(n) if indegree[node] == 0)
    order = []
    while queue:
        u = queue.popleft()
        order.append(u)
        for v in sorted(successors[u]):
            indegree[v] -= 1
            if indegree[v] == 0:
                queue.append(v)
    if len(order) < n:
        raise ValueError("the graph has a cycle")
    return order
