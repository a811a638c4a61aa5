class LRUCache:
    def __init__(self, capacity):
        if capacity < 0:
            raise ValueError("negative capacity")
        self.capacity = capacity
        self._values = {}
        self._order = []  # least recently used first; remove() and pop(0) are O(n)

    def get(self, key, default=None):
        if key not in self._values:
            return default
        self._order.remove(key)
        self._order.append(key)
        return self._values[key]

    def put(self, key, value):
        if key in self._values:
            self._order.remove(key)
        self._values[key] = value
        self._order.append(key)
        if len(self._order) > self.capacity:
            del self._values[self._order.pop(0)]

    def size(self):
        return len(self._order)

    def keys(self):
        return list(self._order)

    def get_many(self, keys, default=None):
        return [self.get(key, default) for key in keys]

    def put_many(self, items):
        for key, value in items:
            self.put(key, value)
