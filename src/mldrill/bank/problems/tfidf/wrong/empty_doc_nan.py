import numpy as np


def tfidf(docs):
    vocabulary = sorted({t for doc in docs for t in doc})
    column = {t: j for j, t in enumerate(vocabulary)}
    n, v = len(docs), len(vocabulary)
    tf = np.zeros((n, v))
    for i, doc in enumerate(docs):
        for t in doc:
            tf[i, column[t]] += 1
    df = (tf > 0).sum(axis=0)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    X = tf * idf
    # no guard: an empty document divides 0 by 0 and its row becomes nan
    return X / np.linalg.norm(X, axis=1, keepdims=True), vocabulary
