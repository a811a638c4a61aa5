class LRUCache:
    """A fixed-capacity key-value cache that evicts the least recently used key."""

    def __init__(self, capacity: int) -> None:
        """An empty cache holding at most capacity keys; ValueError if capacity < 0."""
        raise NotImplementedError("write LRUCache")

    def get(self, key, default=None):
        """The value stored under key (key becomes the most recently used), or default."""
        raise NotImplementedError

    def put(self, key, value) -> None:
        """Store value under key (the most recently used); evict the LRU key if over capacity."""
        raise NotImplementedError

    def size(self) -> int:
        """The number of keys in the cache."""
        raise NotImplementedError

    def keys(self) -> list:
        """The keys, from least to most recently used. Does not count as a use."""
        raise NotImplementedError

    def get_many(self, keys, default=None) -> list:
        """[get(k, default) for k in keys], in order."""
        raise NotImplementedError

    def put_many(self, items) -> None:
        """put(k, v) for each (k, v) pair of items, in order."""
        raise NotImplementedError
