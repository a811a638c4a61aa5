def learn_bpe(word_freqs: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    """Learn up to num_merges BPE merges from a word -> frequency dict.

    Words start as lists of single characters. Each step merges the most frequent adjacent
    pair (counts weighted by word frequency; ties go to the smallest (left, right) tuple).
    Returns the merges in the order they were learned.
    """
    raise NotImplementedError("write learn_bpe")


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split word into characters and apply the merges in order; return the tokens."""
    raise NotImplementedError("write bpe_encode")
