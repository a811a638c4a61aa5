from mldrill.grading.testkit import case, expect_equal


@case("correctness")
def test_three_letters(sol):
    expect_equal(sol.permutations("abc"), ["abc", "acb", "bac", "bca", "cab", "cba"])


@case("correctness", hint="Equal letters must not produce the same string twice.")
def test_repeated_letter(sol):
    expect_equal(sol.permutations("aab"), ["aab", "aba", "baa"])
