from collections import deque


def shortest_path(graph, start, goal):
    # Marks nodes visited when they leave the queue, not when they enter it, so a queued
    # node's parent is overwritten by later nodes that also point at it.
    parent = {start: None}
    visited = set()
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [goal]
            while parent[path[-1]] is not None:
                path.append(parent[path[-1]])
            return path[::-1]
        if node in visited:
            continue
        visited.add(node)
        for nxt in graph.get(node, []):
            if nxt not in visited:
                parent[nxt] = node
                queue.append(nxt)
    return None
