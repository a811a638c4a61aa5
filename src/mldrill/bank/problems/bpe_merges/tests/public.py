from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_first_merges(sol):
    merges = sol.learn_bpe({"banana": 3, "bandana": 2, "ban": 4}, 2)
    # (a, n) occurs 14 times in total; after merging it, (b, an) occurs 9 times.
    expect_equal([tuple(m) for m in merges], [("a", "n"), ("b", "an")], what="the merges")


@case("correctness")
def test_encode(sol):
    got = sol.bpe_encode("bandit", [("a", "n"), ("b", "an")])
    expect_equal(list(got), ["ban", "d", "i", "t"], what="bpe_encode('bandit', ...)")
