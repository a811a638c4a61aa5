from collections import Counter


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
    corpus = [(list(word), freq) for word, freq in word_freqs.items()]
    merges = []
    for _ in range(num_merges):
        counts = Counter()
        for symbols, freq in corpus:
            for pair in zip(symbols, symbols[1:]):
                counts[pair] += freq
        if not counts:
            break
        best = counts.most_common(1)[0][0]  # ties: whichever pair was counted first
        merges.append(best)
        corpus = [(_merge(symbols, best), freq) for symbols, freq in corpus]
    return merges


def bpe_encode(word, merges):
    symbols = list(word)
    for pair in merges:
        symbols = _merge(symbols, tuple(pair))
    return symbols
