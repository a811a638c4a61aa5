import numpy as np


class OneHotEncoder:
    """One-hot encode each column of a table of integer or string categories.

    After fit, ``categories_`` is a list with one sorted list of categories per column.
    """

    def __init__(self, handle_unknown: str = "error") -> None:
        """handle_unknown: "error" (raise ValueError) or "ignore" (all-zero block)."""
        raise NotImplementedError("write __init__")

    def fit(self, X) -> "OneHotEncoder":
        """Learn the categories of every column of X (n, d); return self.

        X is a 2-D integer np.ndarray, or a list of n rows, each a list of d str.
        """
        raise NotImplementedError("write fit")

    def transform(self, X) -> np.ndarray:
        """Float array (n, total number of categories): one block of columns per feature."""
        raise NotImplementedError("write transform")

    def fit_transform(self, X) -> np.ndarray:
        """fit(X), then transform(X)."""
        raise NotImplementedError("write fit_transform")

    def inverse_transform(self, Y: np.ndarray) -> list:
        """A list of n rows (lists of d Python ints or str, or None) decoded from Y."""
        raise NotImplementedError("write inverse_transform")
