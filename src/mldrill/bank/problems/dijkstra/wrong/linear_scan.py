import math


def _search(graph, source):
    for edges in graph.values():
        for w in edges.values():
            if w < 0:
                raise ValueError("negative edge weight")
    dist = {source: 0}
    parent = {source: None}
    frontier = {source}  # reached but not settled
    settled = set()
    while frontier:
        # picks the closest node by scanning the whole frontier: O(V) per step, O(V^2) total
        u = min(frontier, key=dist.__getitem__)
        frontier.remove(u)
        settled.add(u)
        for v, w in graph.get(u, {}).items():
            if v in settled:
                continue
            nd = dist[u] + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                parent[v] = u
                frontier.add(v)
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
