import heapq


def topological_sort(n, edges):
    successors = [[] for _ in range(n)]
    indegree = [0] * n
    for u, v in edges:
        successors[int(u)].append(int(v))
        indegree[int(v)] += 1
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
    return order  # nodes on a cycle are silently left out
