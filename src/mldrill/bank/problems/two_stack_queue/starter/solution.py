class TwoStackQueue:
    """A FIFO queue built from two Python lists used only as stacks."""

    def __init__(self) -> None:
        raise NotImplementedError("write TwoStackQueue")

    def push(self, x) -> None:
        """Add x at the back of the queue."""
        raise NotImplementedError

    def extend(self, items) -> None:
        """Push every item of items, in order."""
        raise NotImplementedError

    def pop(self):
        """Remove and return the front (oldest) item; IndexError if the queue is empty."""
        raise NotImplementedError

    def peek(self):
        """Return the front item without removing it; IndexError if the queue is empty."""
        raise NotImplementedError

    def size(self) -> int:
        """The number of items in the queue."""
        raise NotImplementedError

    def drain(self, k: int) -> list:
        """Pop k items and return them oldest first; IndexError (and no change) if size() < k."""
        raise NotImplementedError
