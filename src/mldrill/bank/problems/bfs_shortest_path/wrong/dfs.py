def shortest_path(graph, start, goal):
    # Depth-first: finds *a* path, not necessarily a shortest one.
    if start == goal:
        return [start]
    parent = {start: None}
    stack = [start]
    while stack:
        node = stack.pop()
        # push in reverse so the first neighbour is explored first, like recursive DFS
        for nxt in reversed(graph.get(node, [])):
            if nxt in parent:
                continue
            parent[nxt] = node
            if nxt == goal:
                path = [goal]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1]
            stack.append(nxt)
    return None
