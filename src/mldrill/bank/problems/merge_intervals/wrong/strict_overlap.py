def merge_intervals(intervals):
    for start, end in intervals:
        if start > end:
            raise ValueError("start after end")
    merged = []
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start < merged[-1][1]:  # treats the intervals as open: [1, 2] + [2, 3] stay apart
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
