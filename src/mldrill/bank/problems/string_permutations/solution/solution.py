from collections import Counter


def permutations(s: str) -> list[str]:
    """Every distinct rearrangement of ``s``, sorted lexicographically."""
    counts = Counter(s)
    letters = sorted(counts)  # trying letters in sorted order yields results already sorted
    out: list[str] = []
    prefix: list[str] = []

    def extend() -> None:
        if len(prefix) == len(s):
            out.append("".join(prefix))
            return
        # Each *distinct* letter is tried once per position, so equal letters never
        # produce the same string twice: no duplicates are generated, none need removing.
        for ch in letters:
            if counts[ch]:
                counts[ch] -= 1
                prefix.append(ch)
                extend()
                prefix.pop()
                counts[ch] += 1

    extend()
    return out
