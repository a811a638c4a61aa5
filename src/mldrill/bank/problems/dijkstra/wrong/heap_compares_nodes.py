import heapq
import math


def _search(graph, source):
    for edges in graph.values():
        for w in edges.values():
            if w < 0:
                raise ValueError("negative edge weight")
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    heap = [(0, source)]  # on equal distances the heap compares the nodes themselves
    while heap:
        d, u = heapq.heappop(heap)
        if u in settled:
            continue
        settled.add(u)
        for v, w in graph.get(u, {}).items():
            nd = d + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                parent[v] = u
                heapq.heappush(heap, (nd, v))
    return dist, parent


def shortest_distances(graph, source):
    dist, _ = _search(graph, source)
    nodes = set(graph) | {v for edges in graph.values() for v in edges} | {source}
    return {node: dist.get(node, math.inf) for node in nodes}


def shortest_path(graph, source, target):
    dist, parent = _search(graph, source)
    if target not in dist:
        return math.inf, None
    path = [target]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return dist[target], path[::-1]
