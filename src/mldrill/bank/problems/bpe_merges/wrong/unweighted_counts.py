def _merge(symbols, pair):
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            out.append(symbols[i] + symbols[i + 1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return out


def learn_bpe(word_freqs, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges must be >= 0")
    corpus = [list(word) for word in word_freqs]  # the frequencies are dropped
    merges = []
    for _ in range(num_merges):
        counts = {}
        for symbols in corpus:
            for pair in zip(symbols, symbols[1:]):
                counts[pair] = counts.get(pair, 0) + 1
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        corpus = [_merge(symbols, best) for symbols in corpus]
    return merges


def bpe_encode(word, merges):
    symbols = list(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return symbols
