import itertools


def permutations(s):
    # correct, but builds all n! orderings before throwing the duplicates away
    return sorted(set("".join(p) for p in itertools.permutations(s)))
