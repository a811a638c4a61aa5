def merge_intervals(intervals) -> list:
    """Merge overlapping or touching closed intervals; return [start, end] lists by start."""
    for start, end in intervals:
        if start > end:
            raise ValueError(f"interval [{start}, {end}] starts after it ends")
    merged = []
    # After sorting by start, an interval can only overlap the last merged one.
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= merged[-1][1]:  # closed intervals: touching ones merge too
            merged[-1][1] = max(merged[-1][1], end)  # it may lie entirely inside
        else:
            merged.append([start, end])
    return merged
