import numpy as np


class OneHotEncoder:
    def __init__(self, handle_unknown="error"):
        if handle_unknown not in ("error", "ignore"):
            raise ValueError("bad handle_unknown")
        self.handle_unknown = handle_unknown
        self.categories_ = None

    def fit(self, X):
        X = np.asarray(X)
        self.categories_ = [np.unique(X[:, j]).tolist() for j in range(X.shape[1])]
        return self

    def transform(self, X):
        if self.categories_ is None:
            raise RuntimeError("fit first")
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != len(self.categories_):
            raise ValueError("wrong number of columns")
        blocks = []
        for j, cats in enumerate(self.categories_):
            cats = np.asarray(cats)
            col = X[:, j]
            pos = np.minimum(np.searchsorted(cats, col), len(cats) - 1)
            known = cats[pos] == col
            if self.handle_unknown == "error" and not known.all():
                raise ValueError("unknown category")
            block = np.zeros((len(col), len(cats)))
            block[np.flatnonzero(known), pos[known]] = 1.0
            blocks.append(block)
        return np.hstack(blocks)

    def fit_transform(self, X):
        return self.fit(X).transform(X)

    def inverse_transform(self, Y):
        if self.categories_ is None:
            raise RuntimeError("fit first")
        Y = np.asarray(Y, dtype=float)
        columns, start = [], 0
        for cats in self.categories_:
            block = Y[:, start : start + len(cats)]
            start += len(cats)
            # argmax of an all-zero block is 0: an unknown decodes to the first category
            columns.append([cats[b] for b in block.argmax(axis=1)])
        return [list(row) for row in zip(*columns)]
