from mldrill.grading.testkit import case, expect, expect_equal, expect_fast, expect_raises

REFRESH_HINT = "get(key) on a hit makes key the most recently used: move it to the end."
UPDATE_HINT = (
    "put on a key that is already cached changes its value and makes it the most recently "
    "used, without evicting anything."
)
EVICT_HINT = (
    "Insert first, then evict the least recently used key only while size() > capacity: "
    "updating a key in a full cache must not evict anything."
)
O1_HINT = (
    "list.remove and list.pop(0) are O(n). Use collections.OrderedDict (move_to_end, "
    "popitem(last=False)) or a dict plus a doubly linked list."
)


class ModelLRU:
    """A slow but obviously right LRU, written here for checking."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items = []  # [key, value] pairs, least recently used first

    def _find(self, key):
        return next((i for i, (k, _) in enumerate(self.items) if k == key), None)

    def get(self, key, default=None):
        i = self._find(key)
        if i is None:
            return default
        self.items.append(self.items.pop(i))
        return self.items[-1][1]

    def put(self, key, value) -> None:
        i = self._find(key)
        if i is not None:
            self.items.pop(i)
        self.items.append([key, value])
        if len(self.items) > self.capacity:
            self.items.pop(0)

    def keys(self) -> list:
        return [k for k, _ in self.items]


@case("correctness", hint=REFRESH_HINT)
def test_basic_eviction(sol):
    cache = sol.LRUCache(2)
    cache.put(1, "one")
    cache.put(2, "two")
    expect_equal(cache.get(1), "one", what="get(1)")
    cache.put(3, "three")  # evicts 2: 1 was used more recently
    expect_equal(cache.get(2), None, what="get(2) after it was evicted")
    expect_equal(cache.get(3), "three", what="get(3)")
    expect_equal(cache.get(1), "one", what="get(1) after the eviction")
    expect_equal(cache.size(), 2, what="size()")


@case("correctness", hint=REFRESH_HINT)
def test_get_refreshes_recency(sol):
    cache = sol.LRUCache(3)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    expect_equal(cache.keys(), ["a", "b", "c"], what="keys() after three puts")
    cache.get("a")
    expect_equal(cache.keys(), ["b", "c", "a"], what="keys() after get('a')")
    cache.put("d", 4)  # evicts b
    expect_equal(cache.keys(), ["c", "a", "d"], what="keys() after put('d')")
    expect_equal(cache.get("b"), None, what="get('b')")


@case("correctness", hint=UPDATE_HINT)
def test_put_existing_key(sol):
    cache = sol.LRUCache(2)
    cache.put(1, 1)
    cache.put(2, 2)
    cache.put(2, 20)  # the cache is full, but updating a cached key evicts nothing
    expect_equal(cache.keys(), [1, 2], what="keys() after updating 2")
    cache.put(1, 10)  # update: no eviction, and 1 becomes the most recently used
    expect_equal(cache.size(), 2, what="size() after updating a key")
    expect_equal(cache.keys(), [2, 1], what="keys() after updating 1")
    cache.put(3, 3)  # evicts 2
    expect_equal(cache.get(1), 10, what="get(1) returns the new value")
    expect_equal(cache.get(2), None, what="get(2) after it was evicted")


@case("correctness", hint=REFRESH_HINT + " " + UPDATE_HINT)
def test_random_operations(sol, rng):
    cache, model = sol.LRUCache(5), ModelLRU(5)
    for step in range(300):
        key = int(rng.integers(0, 9))
        if rng.uniform() < 0.5:
            cache.put(key, step)
            model.put(key, step)
        else:
            expect_equal(cache.get(key, -1), model.get(key, -1), what=f"get({key}) at step {step}")
        if step % 30 == 29:
            expect_equal(cache.keys(), model.keys(), what=f"keys() at step {step}")


@case("correctness", hint="get_many and put_many act exactly like the calls one by one.")
def test_batches(sol):
    cache, model = sol.LRUCache(3), ModelLRU(3)
    items = [("a", 1), ("b", 2), ("a", 3), ("c", 4), ("d", 5)]
    cache.put_many(items)
    for k, v in items:
        model.put(k, v)
    expect_equal(cache.keys(), model.keys(), what="keys() after put_many")
    keys = ["c", "zz", "a", "c", "d"]
    expect_equal(cache.get_many(keys, default=0), [model.get(k, 0) for k in keys])
    expect_equal(cache.keys(), model.keys(), what="keys() after get_many")
    expect_equal(cache.get_many([]), [], what="get_many([])")


@case("edge_cases", hint="Capacity 0: a put is evicted at once, every get is a miss.")
def test_capacity_zero(sol):
    cache = sol.LRUCache(0)
    cache.put("a", 1)
    cache.put_many([("b", 2), ("c", 3)])
    expect_equal(cache.get("a", "miss"), "miss", what="get('a')")
    expect_equal(cache.size(), 0, what="size()")
    expect_equal(cache.keys(), [], what="keys()")


@case("edge_cases", hint=EVICT_HINT)
def test_capacity_one(sol):
    cache = sol.LRUCache(1)
    cache.put("x", 1)
    cache.put("x", 2)
    expect_equal(cache.get("x"), 2, what="get('x') after updating it")
    cache.put("y", 3)
    expect_equal(cache.keys(), ["y"], what="keys()")
    expect_equal(cache.get("x"), None, what="get('x') after it was evicted")


@case("edge_cases", hint="Reject a negative capacity with ValueError in __init__.")
def test_negative_capacity_raises(sol):
    expect_raises("ValueError", sol.LRUCache, -1)


@case("edge_cases", hint="A miss returns default and leaves the order alone.")
def test_miss_changes_nothing(sol):
    cache = sol.LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    expect_equal(cache.get("zzz", default=-1), -1, what="get of a missing key")
    expect_equal(cache.keys(), ["a", "b"], what="keys() after a miss")
    expect_equal(cache.size(), 2, what="size() after a miss")
    cache.put("c", 3)
    expect_equal(cache.keys(), ["b", "c"], what="keys() after put('c')")


@case("edge_cases", hint="Test membership with `key in ...`, not the truth of the value.")
def test_falsy_values(sol):
    cache = sol.LRUCache(5)
    items = [("zero", 0), ("empty", ""), ("false", False), ("none", None), ("list", [])]
    cache.put_many(items)
    for key, value in items:
        expect_equal(cache.get(key, "MISSING"), value, what=f"get({key!r})")
    # each get above refreshed its key, so the order is unchanged
    expect_equal(cache.keys(), [k for k, _ in items], what="keys() after getting each key")


@case("edge_cases")
def test_keys_of_mixed_types(sol):
    cache = sol.LRUCache(4)
    cache.put(1, "int")
    cache.put("1", "str")
    cache.put((1, 2), "tuple")
    expect_equal(cache.get_many([1, "1", (1, 2)]), ["int", "str", "tuple"])
    expect_equal(cache.size(), 3, what="size()")


@case("edge_cases", hint="Create the storage in __init__, not as a class attribute.")
def test_caches_are_independent(sol):
    first, second = sol.LRUCache(2), sol.LRUCache(2)
    first.put("k", "first")
    expect_equal(second.get("k"), None, what="get from the other cache")
    expect_equal(second.size(), 0, what="size() of the other cache")


def _filled(module, n: int):
    cache = module.LRUCache(n)
    cache.put_many([[i, i * i] for i in range(n)])  # lists: cheaper to send than tuples
    return cache


@case("efficiency", timeout=10.0, hint=O1_HINT)
def test_many_gets(sol, ref, rng):
    n = 5000
    keys = [int(k) for k in rng.integers(0, n // 2, size=2000)]  # the older half: long scans
    cache, want = _filled(sol, n), _filled(ref, n)
    got = cache.get_many(keys)
    expect(got == [k * k for k in keys], "get_many returned wrong values on a full cache")
    want.get_many(keys)
    expect_fast(cache.get_many, want.get_many, keys, max_ratio=8)


@case("efficiency", timeout=10.0, hint=O1_HINT)
def test_many_updates(sol, ref, rng):
    n = 5000
    items = [[int(k), -1] for k in rng.integers(0, n // 2, size=2000)]
    cache, want = _filled(sol, n), _filled(ref, n)
    cache.put_many(items)
    want.put_many(items)
    expect_equal(cache.size(), n, what="size() after updating existing keys")
    expect_fast(cache.put_many, want.put_many, items, max_ratio=8)
