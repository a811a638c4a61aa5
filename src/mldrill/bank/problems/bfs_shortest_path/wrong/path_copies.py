from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    # Each queue entry is a full copy of its path: O(V * path length) work and memory.
    visited = {start}
    queue = deque([[start]])
    while queue:
        path = queue.popleft()
        for nxt in graph.get(path[-1], []):
            if nxt in visited:
                continue
            visited.add(nxt)
            if nxt == goal:
                return path + [nxt]
            queue.append(path + [nxt])
    return None
