def permutations(s):
    # tries letters in order of first appearance, so the output is unique but unsorted
    letters = list(dict.fromkeys(s))
    counts = {ch: s.count(ch) for ch in letters}
    out = []
    prefix = []

    def extend():
        if len(prefix) == len(s):
            out.append("".join(prefix))
            return
        for ch in letters:
            if counts[ch]:
                counts[ch] -= 1
                prefix.append(ch)
                extend()
                prefix.pop()
                counts[ch] += 1

    extend()
    return out
