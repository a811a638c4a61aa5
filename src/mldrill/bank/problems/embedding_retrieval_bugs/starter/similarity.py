"""Cosine similarity between two sets of vectors."""

from vectors import l2_normalize


def cosine_similarity(A, B):
    """(n, d) and (m, d) -> (n, m): cos of the angle between A[i] and B[j] (0 for a zero row)."""
    return l2_normalize(A) @ B.T
