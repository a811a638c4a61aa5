def merge_intervals(intervals):
    for start, end in intervals:
        if start > end:
            raise ValueError("start after end")
    # compares each interval with every merged interval so far: O(n^2)
    merged = []
    for start, end in intervals:
        start, end = start, end
        keep = []
        for other in merged:
            if other[0] <= end and start <= other[1]:
                start, end = min(start, other[0]), max(end, other[1])
            else:
                keep.append(other)
        keep.append([start, end])
        merged = keep
    return sorted(merged)
