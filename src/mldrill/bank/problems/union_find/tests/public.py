from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_statement_example(sol):
    uf = sol.UnionFind(6)
    expect_equal([uf.union(0, 1), uf.union(2, 3), uf.union(1, 3)], [True, True, True])
    expect_equal(uf.union(0, 2), False, what="union of two connected elements")
    expect_equal(uf.connected(0, 3), True)
    expect_equal(uf.count(), 3)
    expect_equal(uf.component_size(2), 4)


@case("correctness")
def test_batches(sol):
    uf = sol.UnionFind(4)
    expect_equal(uf.union_many([(0, 1), (1, 0), (2, 3)]), 2)
    expect_equal(uf.connected_many([(0, 1), (1, 2)]), [True, False])
