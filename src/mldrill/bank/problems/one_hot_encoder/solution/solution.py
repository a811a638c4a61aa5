import numpy as np


class OneHotEncoder:
    """One-hot encode each column of a table of integer or string categories."""

    def __init__(self, handle_unknown: str = "error") -> None:
        if handle_unknown not in ("error", "ignore"):
            raise ValueError(f"handle_unknown must be 'error' or 'ignore', got {handle_unknown!r}")
        self.handle_unknown = handle_unknown
        self.categories_ = None

    def fit(self, X) -> "OneHotEncoder":
        """Learn the sorted categories of every column of X (n, d); return self."""
        X = np.asarray(X)  # a list of str rows becomes a unicode array; ints stay ints
        # np.unique sorts: ascending numbers, or code-point order for strings.
        self.categories_ = [np.unique(X[:, j]).tolist() for j in range(X.shape[1])]
        return self

    def transform(self, X) -> np.ndarray:
        """Float matrix (n, sum of category counts): one block of columns per feature."""
        if self.categories_ is None:
            raise RuntimeError("call fit before transform")
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != len(self.categories_):
            raise ValueError(f"expected {len(self.categories_)} columns, got shape {X.shape}")
        sizes = [len(cats) for cats in self.categories_]
        out = np.zeros((X.shape[0], sum(sizes)))
        offset = 0  # where column j's block starts in the output
        for j, cats in enumerate(self.categories_):
            cats = np.asarray(cats)
            col = X[:, j]
            # Binary search gives the slot each value would take in the sorted categories;
            # the value is known only if the category in that slot is the value itself.
            pos = np.minimum(np.searchsorted(cats, col), len(cats) - 1)
            known = cats[pos] == col
            if self.handle_unknown == "error" and not known.all():
                bad = col[~known][0]
                raise ValueError(f"unknown category {bad!r} in column {j}")
            out[np.flatnonzero(known), offset + pos[known]] = 1.0  # unknown rows stay zero
            offset += len(cats)
        return out

    def fit_transform(self, X) -> np.ndarray:
        return self.fit(X).transform(X)

    def inverse_transform(self, Y: np.ndarray) -> list:
        """Rows of categories back from (possibly soft) one-hot rows; an empty block is None."""
        if self.categories_ is None:
            raise RuntimeError("call fit before inverse_transform")
        Y = np.asarray(Y, dtype=float)
        columns = []
        start = 0
        for cats in self.categories_:
            block = Y[:, start : start + len(cats)]
            start += len(cats)
            best = block.argmax(axis=1)  # first column on ties
            hit = block.max(axis=1) > 0  # a block with no positive entry decodes to None
            columns.append([cats[b] if h else None for b, h in zip(best, hit, strict=True)])
        return [list(row) for row in zip(*columns, strict=True)]
