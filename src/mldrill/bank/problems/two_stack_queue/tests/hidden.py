from collections import deque

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast, expect_raises

REFILL_HINT = (
    "Move items from the push stack to the pop stack only when the pop stack is empty; "
    "moving them while it still holds older items puts newer items in front."
)
EMPTY_HINT = "pop() and peek() on an empty queue must raise IndexError."


@case("correctness", hint="A queue is first in, first out: pop returns the oldest item.")
def test_fifo_order(sol):
    q = sol.TwoStackQueue()
    for x in ["a", "b", "c", "d"]:
        q.push(x)
    got = [q.pop() for _ in range(4)]
    expect_equal(got, ["a", "b", "c", "d"], what="items popped after pushing a, b, c, d")


@case("correctness", hint=REFILL_HINT)
def test_push_between_pops(sol):
    q = sol.TwoStackQueue()
    q.push(1)
    q.push(2)
    q.push(3)
    expect_equal(q.pop(), 1, what="first pop")
    q.push(4)  # arrives while 2 and 3 are still waiting
    expect_equal(q.pop(), 2, what="second pop")
    expect_equal(q.peek(), 3, what="peek after pushing 4")
    q.push(5)
    expect_equal([q.pop(), q.pop(), q.pop()], [3, 4, 5], what="the remaining pops")
    expect_equal(q.size(), 0, what="size when empty")


@case("correctness", hint="peek() returns the front item and leaves it in the queue.")
def test_peek_does_not_remove(sol):
    q = sol.TwoStackQueue()
    q.push(10)
    q.push(20)
    expect_equal(q.peek(), 10, what="first peek")
    expect_equal(q.peek(), 10, what="second peek")
    expect_equal(q.size(), 2, what="size after two peeks")
    expect_equal(q.pop(), 10, what="pop after peeks")
    expect_equal(q.peek(), 20, what="peek after a pop")


@case("correctness", hint=REFILL_HINT)
def test_random_operations_match_a_deque(sol, rng):
    q = sol.TwoStackQueue()
    model = deque()
    pushed = 0
    for step in range(400):
        op = str(rng.choice(["push", "push", "pop", "peek", "size"]))
        if op == "push":
            q.push(pushed)
            model.append(pushed)
            pushed += 1
        elif op == "size":
            expect_equal(q.size(), len(model), what=f"size() at step {step}")
        elif not model:
            expect_raises("IndexError", getattr(q, op))
        elif op == "pop":
            expect_equal(q.pop(), model.popleft(), what=f"pop() at step {step}")
        else:
            expect_equal(q.peek(), model[0], what=f"peek() at step {step}")


@case("correctness", hint=REFILL_HINT)
def test_extend_and_drain(sol):
    q = sol.TwoStackQueue()
    q.extend([1, 2, 3, 4, 5])
    expect_equal(q.drain(2), [1, 2], what="drain(2)")
    q.extend((6, 7))
    q.push(8)
    expect_equal(q.size(), 6, what="size after extending")
    expect_equal(q.drain(4), [3, 4, 5, 6], what="drain(4)")
    q.extend([9, 10, 11])
    expect_equal(q.drain(5), [7, 8, 9, 10, 11], what="drain(5)")


@case("correctness", hint=REFILL_HINT)
def test_many_items_in_batches(sol):
    q = sol.TwoStackQueue()
    q.extend(list(range(300)))
    got = q.drain(100)
    q.extend(list(range(300, 600)))
    got += q.drain(250)
    q.extend(list(range(600, 700)))
    got += q.drain(350)
    expect(got == list(range(700)), "items did not come out in the order they went in")
    expect_equal(q.size(), 0, what="size at the end")


@case("edge_cases", hint=EMPTY_HINT)
def test_empty_queue_raises(sol):
    q = sol.TwoStackQueue()
    expect_raises("IndexError", q.pop)
    expect_raises("IndexError", q.peek)
    expect_equal(q.size(), 0, what="size of a new queue")


@case("edge_cases", hint=EMPTY_HINT)
def test_raises_after_emptied(sol):
    q = sol.TwoStackQueue()
    q.push("x")
    q.push("y")
    q.pop()
    q.pop()
    expect_raises("IndexError", q.pop)
    expect_raises("IndexError", q.peek)
    q.push("z")  # still usable afterwards
    expect_equal(q.pop(), "z", what="pop after refilling an emptied queue")


@case("edge_cases", hint="Items can be falsy: 0, None, '' and [] are ordinary items.")
def test_falsy_items(sol):
    q = sol.TwoStackQueue()
    items = [0, None, "", [], False, (), 0.0]
    for x in items:
        q.push(x)
    expect_equal(q.size(), len(items), what="size")
    expect_equal(q.peek(), 0, what="peek")
    expect_equal([q.pop() for _ in items], items, what="items popped")


@case(
    "edge_cases",
    hint="drain(k) checks size() first: with fewer than k items it raises IndexError and "
    "removes nothing.",
)
def test_drain_too_many(sol):
    q = sol.TwoStackQueue()
    q.extend(["a", "b", "c"])
    expect_raises("IndexError", q.drain, 5)
    expect_equal(q.size(), 3, what="size after a failed drain(5)")
    expect_equal(q.drain(0), [], what="drain(0)")
    expect_equal(q.drain(3), ["a", "b", "c"], what="drain(3)")
    expect_raises("IndexError", q.drain, 1)


@case("edge_cases", hint="Create the two lists in __init__, not as class attributes.")
def test_queues_are_independent(sol):
    first = sol.TwoStackQueue()
    second = sol.TwoStackQueue()
    first.push("only in first")
    expect_equal(second.size(), 0, what="size of the other queue")
    expect_raises("IndexError", second.pop)
    expect_equal(first.pop(), "only in first", what="pop from the first queue")


@case(
    "efficiency",
    timeout=10.0,
    hint="Move items between the stacks only when the pop stack is empty, and never move "
    "them back: each item is then moved once, and pop is amortised O(1).",
)
def test_drain_from_large_queue(sol, ref):
    n, k = 20_000, 50
    items = list(range(n))
    q = sol.TwoStackQueue()
    q.extend(items)
    r = ref.TwoStackQueue()
    r.extend(items)
    expect_fast(q.drain, r.drain, k, max_ratio=15)  # drains k items each time it is timed
    left = q.size()
    expect(0 < left < n and left % k == 0, f"size after draining k={k} at a time: {left}")
    expect_equal(q.peek(), n - left, what="front item after draining")
