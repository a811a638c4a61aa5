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
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())

    def pop(self):
        self._refill()
        return self._out.pop()

    def peek(self):
        self._refill()
        return self._out[-1] if self._out else None  # should raise IndexError

    def size(self):
        return len(self._in) + len(self._out)

    def drain(self, k):
        # pops what it can, then fails half-way: the queue is left changed
        return [self.pop() for _ in range(k)]
