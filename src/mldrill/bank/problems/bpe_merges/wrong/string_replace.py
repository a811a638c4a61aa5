def learn_bpe(word_freqs, num_merges):
    if num_merges < 0:
        raise ValueError("num_merges must be >= 0")
    corpus = {" ".join(word): freq for word, freq in word_freqs.items() if word}
    merges = []
    for _ in range(num_merges):
        counts = {}
        for spaced, freq in corpus.items():
            symbols = spaced.split(" ")
            for pair in zip(symbols, symbols[1:]):
                counts[pair] = counts.get(pair, 0) + freq
        if not counts:
            break
        best = min(counts, key=lambda pair: (-counts[pair], pair))
        merges.append(best)
        # "xa b".replace("a b", "ab") also glues the tail of "xa" to "b"
        old, new = " ".join(best), "".join(best)
        corpus = {spaced.replace(old, new): freq for spaced, freq in corpus.items()}
    return merges


def bpe_encode(word, merges):
    if not word:
        return []
    spaced = " ".join(word)
    for pair in merges:
        spaced = spaced.replace(" ".join(pair), "".join(pair))
    return spaced.split(" ")
