from collections import deque


def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    # queue of whole paths and no visited set: a cycle is walked around forever
    queue = deque([[start]])
    while queue:
        path = queue.popleft()
        for nxt in graph.get(path[-1], []):
            if nxt == goal:
                return path + [nxt]
            queue.append(path + [nxt])
    return None
