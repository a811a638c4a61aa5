"""Short, human descriptions of values for failure messages (shapes, dtypes, a few numbers)."""

from __future__ import annotations

import numpy as np

MAX_ITEMS = 6


def kind(value) -> str:
    """``array float64 (2, 3)``, ``list of 4``, ``int``..."""
    if type(value) is np.ndarray:
        return f"array {value.dtype} {tuple(value.shape)}"
    if type(value).__name__ == "Tensor":
        return f"tensor {str(value.dtype).replace('torch.', '')} {tuple(value.shape)}"
    if isinstance(value, np.generic):
        return f"numpy {value.dtype} scalar"
    if isinstance(value, list | tuple):
        return f"{type(value).__name__} of {len(value)}"
    if type(value).__name__ == "Remote":
        return repr(value)
    return type(value).__name__


def show(value, limit: int = 160) -> str:
    """A compact rendering of ``value`` cut to ``limit`` characters."""
    if type(value) is np.ndarray:
        with np.printoptions(precision=6, threshold=MAX_ITEMS * 2, edgeitems=3, linewidth=100):
            text = np.array2string(value, separator=", ")
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def index_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(i) for i in index) + "]"
