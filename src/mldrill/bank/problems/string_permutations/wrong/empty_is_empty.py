def permutations(s):
    if not s:
        return []  # there is exactly one arrangement of nothing: the empty string
    if len(s) == 1:
        return [s]
    out = []
    for i, ch in enumerate(s):
        if ch in s[:i]:
            continue  # this letter already led at this position
        for rest in permutations(s[:i] + s[i + 1 :]):
            out.append(ch + rest)
    return sorted(out)
