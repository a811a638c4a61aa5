"""Tokenisation, the vocabulary and bag-of-words counts."""

import re

import numpy as np

TOKEN = re.compile(r"[A-Za-z0-9']+")


def tokenize(text):
    """The runs of letters, digits and apostrophes in text, case kept as it is."""
    return TOKEN.findall(text)


def build_vocab(docs, min_count=1):
    """{token: column} for tokens seen at least min_count times, columns in sorted order."""
    counts = {}
    for doc in docs:
        for token in doc:
            counts[token] = counts.get(token, 0) + 1
    kept = sorted(token for token, c in counts.items() if c >= min_count)
    return {token: j for j, token in enumerate(kept)}


def vectorize(docs, vocab):
    """(n_docs, len(vocab)) token counts; tokens missing from vocab are ignored."""
    X = np.zeros((len(docs), len(vocab)))
    for row, doc in enumerate(docs):
        for token in doc:
            if token in vocab:
                X[row, vocab[token]] += 1
    return X
