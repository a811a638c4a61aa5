import numpy as np


class KVCache:
    """Keys and values of the tokens decoded so far, for one attention head."""

    def __init__(self, max_len: int, d_k: int, d_v: int):
        # preallocate once; rows [0, length) are filled
        self.k = np.zeros((max_len, d_k))
        self.v = np.zeros((max_len, d_v))
        self.length = 0

    def step(self, q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Append the new token's k and v, then attend its query q over the whole cache."""
        if self.length >= len(self.k):
            raise ValueError(f"the cache is full ({len(self.k)} tokens)")
        self.k[self.length] = k
        self.v[self.length] = v
        self.length += 1
        keys, values = self.k[: self.length], self.v[: self.length]
        # scores_j = q . k_j / sqrt(d_k) for every cached position j (the new one included)
        scores = keys @ q / np.sqrt(q.shape[-1])
        w = np.exp(scores - np.max(scores))  # stable softmax over the cached positions
        return (w / np.sum(w)) @ values

    def keys(self) -> np.ndarray:
        return self.k[: self.length].copy()

    def values(self) -> np.ndarray:
        return self.v[: self.length].copy()


def decode_sequence(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Feed the tokens one at a time through a KVCache; row t is token t's output."""
    cache = KVCache(len(q), q.shape[-1], v.shape[-1])
    return np.stack([cache.step(q[t], k[t], v[t]) for t in range(len(q))])
