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
        cats = [np.asarray(c) for c in self.categories_]
        offsets = np.cumsum([0] + [len(c) for c in cats])
        out = np.zeros((X.shape[0], offsets[-1]))
        # correct, but one NumPy search per value, row by row
        for i in range(X.shape[0]):
            for j in range(X.shape[1]):
                hit = np.flatnonzero(cats[j] == X[i, j])
                if len(hit) == 0:
                    if self.handle_unknown == "error":
                        raise ValueError("unknown category")
                    continue
                out[i, offsets[j] + hit[0]] = 1.0
        return out

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
            best, hit = block.argmax(axis=1), block.max(axis=1) > 0
            columns.append([cats[b] if h else None for b, h in zip(best, hit)])
        return [list(row) for row in zip(*columns)]
