def topological_sort(n, edges):
    successors = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v in edges:
        successors[int(u)].append(int(v))
        indegree[int(v)] += 1
    ready = [node for node in range(n) if indegree[node] == 0]
    order = []
    while ready:
        u = min(ready)  # O(len(ready)) per step: O(n^2) when many nodes are ready
        ready.remove(u)
        order.append(u)
        for v in successors[u]:
            indegree[v] -= 1
            if indegree[v] == 0:
                ready.append(v)
    if len(order) < n:
        raise ValueError("the graph has a cycle")
    return order
