"""Retrieval metrics and the whole experiment."""

import numpy as np
from data import make_corpus, make_queries
from search import EmbeddingIndex
from similarity import cosine_similarity


def recall_at_k(retrieved, relevant):
    """Fraction of queries whose relevant document is among its retrieved ones."""
    return float(np.mean(np.any(retrieved == relevant[:, None], axis=1)))


def reciprocal_ranks(scores, relevant):
    """1 / (1-based rank of the relevant document) for each query, ranking by score."""
    ranking = np.argsort(-scores, axis=1, kind="stable")
    position = np.argmax(ranking == relevant[:, None], axis=1)
    return 1.0 / (position + 1)


def run_experiment(seed=0, k=5):
    docs = make_corpus(seed=seed)
    queries, relevant = make_queries(docs, seed=seed + 1)
    idx, _ = EmbeddingIndex(docs).search(queries, k)
    rr = reciprocal_ranks(cosine_similarity(queries, docs), relevant)
    return {
        "recall_at_1": recall_at_k(idx[:, :1], relevant),
        "recall_at_k": recall_at_k(idx, relevant),
        "mrr": float(rr.mean()),
    }
