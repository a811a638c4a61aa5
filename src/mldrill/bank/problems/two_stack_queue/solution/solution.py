class TwoStackQueue:
    """A FIFO queue built from two Python lists used only as stacks (append / pop)."""

    def __init__(self) -> None:
        self._in = []  # newest item on top; push lands here
        self._out = []  # oldest item on top; pop and peek read here

    def push(self, x) -> None:
        self._in.append(x)

    def extend(self, items) -> None:
        for x in items:
            self.push(x)

    def pop(self):
        self._refill()
        return self._out.pop()

    def peek(self):
        self._refill()
        return self._out[-1]

    def size(self) -> int:
        return len(self._in) + len(self._out)

    def drain(self, k: int) -> list:
        if k > self.size():
            raise IndexError(f"drain({k}) from a queue of {self.size()} items")
        return [self.pop() for _ in range(k)]

    def _refill(self) -> None:
        # Only when _out is empty: pouring _in onto it reverses the order, so the oldest
        # item ends on top. Each item is moved at most once, so pop is amortised O(1).
        # Refilling while _out still holds items would bury the older ones.
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
            if not self._out:
                raise IndexError("pop from an empty queue")
