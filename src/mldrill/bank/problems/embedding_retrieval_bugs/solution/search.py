"""Exact nearest-neighbour search by cosine similarity."""

import numpy as np
from similarity import cosine_similarity


def top_k(scores, k):
    """Per row, the column indices of the k highest scores, best first (ties: lower index)."""
    order = np.argsort(-scores, axis=1, kind="stable")
    return order[:, :k]


class EmbeddingIndex:
    """A brute-force index over document embeddings."""

    def __init__(self, doc_vectors):
        self.doc_vectors = np.asarray(doc_vectors, dtype=float)

    def search(self, queries, k=5):
        """(indices, scores), both (n_queries, k): the k most similar documents per query."""
        scores = cosine_similarity(queries, self.doc_vectors)
        idx = top_k(scores, k)
        return idx, np.take_along_axis(scores, idx, axis=1)
