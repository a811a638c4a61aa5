from collections import deque


def shortest_path(graph: dict, start, goal) -> list | None:
    """One shortest path from ``start`` to ``goal`` in an unweighted directed graph, or None."""
    if start == goal:
        return [start]
    # parent[n] is the node we first reached n from; it doubles as the visited set.
    # BFS reaches nodes in order of distance, so the first visit is along a shortest path.
    parent = {start: None}
    queue = deque([start])  # popleft() is O(1); list.pop(0) would be O(n)
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, ()):  # nodes that are only neighbours have no edges
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                return _walk_back(parent, goal)
            queue.append(nxt)
    return None


def _walk_back(parent: dict, goal) -> list:
    """Follow parent links from ``goal`` back to the start, then reverse."""
    path = [goal]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    path.reverse()
    return path
