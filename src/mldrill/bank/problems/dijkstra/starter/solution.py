def shortest_distances(graph: dict, source) -> dict:
    """The length of a shortest path from ``source`` to every node of the graph.

    graph maps each node to a dict {neighbour: weight} of its outgoing edges (directed,
    weights >= 0). Every node that is a key, a neighbour, or the source gets an entry;
    unreachable nodes get math.inf. Raise ValueError if any edge weight is negative.
    """
    raise NotImplementedError("write shortest_distances")


def shortest_path(graph: dict, source, target) -> tuple:
    """(distance, path): a shortest path from source to target as a list of nodes.

    Return (0, [source]) when source == target and (math.inf, None) when target cannot be
    reached. Raise ValueError if any edge weight is negative.
    """
    raise NotImplementedError("write shortest_path")
