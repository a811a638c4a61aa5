def shortest_path(graph: dict, start, goal) -> list | None:
    """One shortest path from ``start`` to ``goal``, as a list of nodes, or None.

    graph maps each node to the list of nodes it has an edge to (directed, unweighted).
    Return [start] when start == goal, and None when goal cannot be reached. Among several
    shortest paths, return the one BFS finds when it visits neighbours in list order.
    """
    raise NotImplementedError("write shortest_path")
