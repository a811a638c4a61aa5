from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_statement_example(sol):
    cache = sol.LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    expect_equal(cache.get("a"), 1)
    cache.put("c", 3)
    expect_equal(cache.get("b"), None, what="get of an evicted key")
    expect_equal(cache.keys(), ["a", "c"])


@case("edge_cases", hint="With capacity 0 nothing is ever stored.")
def test_capacity_zero(sol):
    cache = sol.LRUCache(0)
    cache.put("a", 1)
    expect_equal(cache.get("a"), None)
    expect_equal(cache.size(), 0)
