import numpy as np


class KVCache:
    """Keys and values of the tokens decoded so far, for one attention head."""

    def __init__(self, max_len: int, d_k: int, d_v: int):
        """An empty cache (self.length == 0) with room for max_len tokens."""
        raise NotImplementedError("write __init__")

    def step(self, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Append k (d_k,) and v (d_v,), then return q's attention output over the cache.

        Raises ValueError when the cache already holds max_len tokens.
        """
        raise NotImplementedError("write step")

    def keys(self) -> np.ndarray:
        """The cached keys, shape (length, d_k)."""
        raise NotImplementedError("write keys")

    def values(self) -> np.ndarray:
        """The cached values, shape (length, d_v)."""
        raise NotImplementedError("write values")


def decode_sequence(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Feed (T, d) queries, keys and values one token at a time through a fresh KVCache.

    Returns the (T, d_v) outputs; row t equals causal attention of token t over 0..t.
    """
    raise NotImplementedError("write decode_sequence")
