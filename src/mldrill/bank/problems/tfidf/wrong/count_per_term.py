import numpy as np


def tfidf(docs):
    vocabulary = sorted({t for doc in docs for t in doc})
    n = len(docs)
    # correct, but scans every document once per vocabulary term
    tf = np.array([[doc.count(t) for t in vocabulary] for doc in docs], dtype=float)
    tf = tf.reshape(n, len(vocabulary))
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    X = tf * idf
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / np.where(norms == 0, 1.0, norms), vocabulary
