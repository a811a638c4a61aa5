"""Synthetic document embeddings and queries with one known relevant document each."""

import numpy as np


def make_corpus(n_docs=200, n_topics=10, dim=16, n_empty=5, seed=0):
    """(n_docs, dim) embeddings: topic direction + noise, with very different lengths.

    The last n_empty rows are all zeros (documents with no text).
    """
    rng = np.random.default_rng(seed)
    topics = rng.normal(size=(n_topics, dim))
    docs = topics[rng.integers(0, n_topics, size=n_docs)] + 0.8 * rng.normal(size=(n_docs, dim))
    lengths = rng.lognormal(0.0, 1.0, size=(n_docs, 1))
    docs = docs / np.linalg.norm(docs, axis=1, keepdims=True) * lengths
    docs[n_docs - n_empty :] = 0.0
    return docs


def make_queries(docs, n_queries=50, noise=0.7, seed=0):
    """Queries that paraphrase a random non-empty document; returns (queries, relevant)."""
    rng = np.random.default_rng(seed)
    candidates = np.flatnonzero(np.linalg.norm(docs, axis=1) > 0)
    relevant = rng.choice(candidates, size=n_queries)
    unit = docs[relevant] / np.linalg.norm(docs[relevant], axis=1, keepdims=True)
    queries = unit + noise * rng.normal(size=unit.shape) / np.sqrt(docs.shape[1])
    return queries * rng.uniform(0.5, 3.0, size=(n_queries, 1)), relevant
