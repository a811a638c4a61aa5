def merge_intervals(intervals):
    for start, end in intervals:
        if start > end:
            raise ValueError("start after end")
    merged = []
    for start, end in intervals:  # assumes the input is already sorted by start
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
