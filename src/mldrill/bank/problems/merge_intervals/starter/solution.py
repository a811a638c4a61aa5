def merge_intervals(intervals) -> list:
    """Merge overlapping or touching closed intervals.

    intervals is a list of [start, end] pairs (lists or tuples) in any order. Return a new
    list of [start, end] lists, sorted by start, in which no two intervals overlap or touch.
    Raise ValueError for an interval with start > end.
    """
    raise NotImplementedError("write merge_intervals")
