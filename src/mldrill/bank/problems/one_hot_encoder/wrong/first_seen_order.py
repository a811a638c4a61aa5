import numpy as np


class OneHotEncoder:
    def __init__(self, handle_unknown="error"):
        if handle_unknown not in ("error", "ignore"):
            raise ValueError("bad handle_unknown")
        self.handle_unknown = handle_unknown
        self.categories_ = None

    def fit(self, X):
        X = np.asarray(X)
        # categories in order of first appearance, not sorted
        self.categories_ = [list(dict.fromkeys(X[:, j].tolist())) for j in range(X.shape[1])]
        return self

    def transform(self, X):
        if self.categories_ is None:
            raise RuntimeError("fit first")
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != len(self.categories_):
            raise ValueError("wrong number of columns")
        blocks = []
        for j, cats in enumerate(self.categories_):
            col = X[:, j]
            block = (col[:, None] == np.asarray(cats)[None, :]).astype(float)
            if self.handle_unknown == "error" and not block.any(axis=1).all():
                raise ValueError("unknown category")
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
            best, hit = block.argmax(axis=1), block.max(axis=1) > 0
            columns.append([cats[b] if h else None for b, h in zip(best, hit)])
        return [list(row) for row in zip(*columns)]
