from collections import OrderedDict


class LRUCache:
    """A fixed-capacity key-value cache that evicts the least recently used key."""

    def __init__(self, capacity: int) -> None:
        if capacity < 0:
            raise ValueError(f"capacity must be >= 0, got {capacity}")
        self.capacity = capacity
        self._data = OrderedDict()  # ordered from least to most recently used

    def get(self, key, default=None):
        if key not in self._data:
            return default  # a miss changes nothing
        self._data.move_to_end(key)  # O(1): key is now the most recently used
        return self._data[key]

    def put(self, key, value) -> None:
        self._data[key] = value
        self._data.move_to_end(key)  # an update counts as a use too
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)  # O(1): drop the least recently used

    def size(self) -> int:
        return len(self._data)

    def keys(self) -> list:
        return list(self._data)

    def get_many(self, keys, default=None) -> list:
        return [self.get(key, default) for key in keys]

    def put_many(self, items) -> None:
        for key, value in items:
            self.put(key, value)
