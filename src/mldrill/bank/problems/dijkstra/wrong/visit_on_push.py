import heapq
import math
from itertools import count


def _search(graph, source):
    for edges in graph.values():
        for w in edges.values():
            if w < 0:
                raise ValueError("negative edge weight")
    dist = {source: 0}
    parent = {source: None}
    tie = count()
    heap = [(0, next(tie), source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        for v, w in graph.get(u, {}).items():
            # treats a node as final the first time it is reached, like BFS
            if v in dist:
                continue
            dist[v] = d + w
            parent[v] = u
            heapq.heappush(heap, (d + w, next(tie), v))
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
