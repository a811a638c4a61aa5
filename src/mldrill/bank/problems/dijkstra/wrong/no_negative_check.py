import heapq
import math
from itertools import count


def _search(graph, source):
    # never looks for negative weights: returns confident, wrong answers for them
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    tie = count()
    heap = [(0, next(tie), source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in settled:
            continue
        settled.add(u)
        for v, w in graph.get(u, {}).items():
            nd = d + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                parent[v] = u
                heapq.heappush(heap, (nd, next(tie), v))
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
