import itertools


def permutations(s):
    # every ordering of the positions: "aab" gives "aab" twice
    return sorted("".join(p) for p in itertools.permutations(s))
