import heapq
import math
from itertools import count


def _search(graph: dict, source):
    """Dijkstra from ``source``: the distance to and the parent of every node it reaches."""
    for edges in graph.values():
        for w in edges.values():
            if w < 0:
                raise ValueError(f"negative edge weight {w}: Dijkstra needs weights >= 0")
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    tie = count()  # breaks distance ties, so the heap never compares two node labels
    heap = [(0, next(tie), source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in settled:
            continue  # a stale entry: u was already settled at a smaller distance
        settled.add(u)  # weights are >= 0, so no later path can beat d
        for v, w in graph.get(u, {}).items():
            nd = d + w  # relax the edge u -> v
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                parent[v] = u
                heapq.heappush(heap, (nd, next(tie), v))
    return dist, parent


def shortest_distances(graph: dict, source) -> dict:
    """The distance from ``source`` to every node of the graph; math.inf if unreachable."""
    dist, _ = _search(graph, source)
    nodes = set(graph) | {v for edges in graph.values() for v in edges} | {source}
    return {node: dist.get(node, math.inf) for node in nodes}


def shortest_path(graph: dict, source, target) -> tuple:
    """(distance, path) of a shortest path from ``source`` to ``target``; (inf, None) if none."""
    dist, parent = _search(graph, source)
    if target not in dist:
        return math.inf, None
    path = [target]
    while parent[path[-1]] is not None:  # walk back to the source, whose parent is None
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
