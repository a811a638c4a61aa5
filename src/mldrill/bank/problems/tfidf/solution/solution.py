import numpy as np


def tfidf(docs: list[list[str]]) -> tuple[np.ndarray, list[str]]:
    """(X, vocabulary): smooth-idf TF-IDF rows, L2-normalised, and the sorted vocabulary."""
    vocabulary = sorted({token for doc in docs for token in doc})
    column = {token: j for j, token in enumerate(vocabulary)}
    n, v = len(docs), len(vocabulary)
    # Term counts: one flat index row * v + column per token, counted by bincount.
    rows = np.repeat(np.arange(n), [len(doc) for doc in docs])
    cols = np.array([column[token] for doc in docs for token in doc], dtype=np.int64)
    tf = np.bincount(rows * v + cols, minlength=n * v).reshape(n, v).astype(float)
    df = (tf > 0).sum(axis=0)  # number of documents that contain each term
    idf = np.log((1 + n) / (1 + df)) + 1.0  # smooth idf: as if one extra doc held every term
    X = tf * idf
    # L2-normalise each row; an empty document has norm 0 and stays a row of zeros.
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms == 0, 1.0, norms), vocabulary
