class TwoStackQueue:
    # one list used as a stack: last in, first out
    def __init__(self):
        self._items = []

    def push(self, x):
        self._items.append(x)

    def extend(self, items):
        for x in items:
            self.push(x)

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty queue")
        return self._items.pop()

    def peek(self):
        if not self._items:
            raise IndexError("peek at an empty queue")
        return self._items[-1]

    def size(self):
        return len(self._items)

    def drain(self, k):
        if k > self.size():
            raise IndexError("not enough items")
        return [self.pop() for _ in range(k)]
