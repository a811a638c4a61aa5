def topological_sort(n: int, edges) -> list:
    """The lexicographically smallest order of 0..n-1 with u before v for every edge (u, v).

    edges is a list of (u, v) pairs or an (m, 2) integer NumPy array. Return a list of ints.
    Raise ValueError if the edges contain a cycle.
    """
    raise NotImplementedError("write topological_sort")
