from itertools import pairwise


def _merge(symbols: list[str], pair: tuple[str, str]) -> list[str]:
    """Replace every occurrence of the adjacent pair, scanning left to right."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2  # both symbols are used up: occurrences never overlap
        else:
            out.append(symbols[i])
            i += 1
    return out


def learn_bpe(word_freqs: dict[str, int], num_merges: int) -> list[tuple[str, str]]:
    """Learn up to num_merges BPE merges from a word -> frequency dict."""
    if num_merges < 0:
        raise ValueError(f"num_merges must be >= 0, got {num_merges}")
    corpus = [(list(word), freq) for word, freq in word_freqs.items()]  # words as characters
    merges = []
    for _ in range(num_merges):
        # count every adjacent pair, weighted by the word's frequency
        counts: dict[tuple[str, str], int] = {}
        for symbols, freq in corpus:
            for pair in pairwise(symbols):
                counts[pair] = counts.get(pair, 0) + freq
        if not counts:
            break  # every word is a single symbol: nothing left to merge
        # most frequent pair; ties go to the smallest (left, right) tuple
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        corpus = [(_merge(symbols, best), freq) for symbols, freq in corpus]
    return merges


def bpe_encode(word: str, merges: list[tuple[str, str]]) -> list[str]:
    """Split word into characters, then apply each merge in the order it was learned."""
    symbols = list(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return symbols
