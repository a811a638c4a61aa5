def permutations(s: str) -> list[str]:
    """Every distinct rearrangement of the characters of ``s``, sorted lexicographically.

    Repeated characters must not produce repeated results. permutations("") == [""].
    """
    raise NotImplementedError("write permutations")
