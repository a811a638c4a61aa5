def shortest_path(graph, start, goal):
    if start == goal:
        return [start]
    parent = {start: None}
    queue = [start]
    while queue:
        node = queue.pop(0)  # O(len(queue)) per pop: quadratic when the frontier is wide
        for nxt in graph.get(node, []):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            queue.append(nxt)
    return None
