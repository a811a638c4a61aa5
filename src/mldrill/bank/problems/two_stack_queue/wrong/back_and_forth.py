class TwoStackQueue:
    def __init__(self):
        self._in = []
        self._out = []

    def push(self, x):
        self._in.append(x)

    def extend(self, items):
        for x in items:
            self.push(x)

    def _front(self, remove):
        # pours everything over and back on every call: O(n) per pop and per peek
        if not self._in:
            raise IndexError("empty queue")
        while self._in:
            self._out.append(self._in.pop())
        x = self._out.pop() if remove else self._out[-1]
        while self._out:
            self._in.append(self._out.pop())
        return x

    def pop(self):
        return self._front(True)

    def peek(self):
        return self._front(False)

    def size(self):
        return len(self._in)

    def drain(self, k):
        if k > self.size():
            raise IndexError("not enough items")
        return [self.pop() for _ in range(k)]
