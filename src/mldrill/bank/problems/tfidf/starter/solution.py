import numpy as np


def tfidf(docs: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    """TF-IDF of tokenised documents.

    Returns (X, vocabulary): X has shape (len(docs), len(vocabulary)), one L2-normalised row
    per document; vocabulary is the sorted list of distinct tokens, one per column.
    """
    raise NotImplementedError("write tfidf")
