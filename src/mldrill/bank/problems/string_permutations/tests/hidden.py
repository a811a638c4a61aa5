import itertools
from math import factorial

from mldrill.grading.testkit import case, expect, expect_equal, expect_fast

DUP_HINT = (
    "At each position, try each *distinct* remaining letter once (keep a count per letter), "
    "so equal letters never produce the same string twice."
)
SORT_HINT = "Try the letters in sorted order and the results come out sorted; or sort at the end."


def _brute(s: str) -> list[str]:
    """All distinct permutations the slow, obvious way (fine for short strings)."""
    return sorted({"".join(p) for p in itertools.permutations(s)})


@case("correctness", hint=SORT_HINT)
def test_unsorted_input(sol):
    want = ["abc", "acb", "bac", "bca", "cab", "cba"]
    expect_equal(sol.permutations("cba"), want, what='permutations("cba")')
    expect_equal(sol.permutations("bca"), want, what='permutations("bca")')


@case("correctness", hint=DUP_HINT)
def test_known_repeats(sol):
    expect_equal(sol.permutations("abab"), ["aabb", "abab", "abba", "baab", "baba", "bbaa"])
    expect_equal(sol.permutations("baa"), ["aab", "aba", "baa"])
    expect_equal(sol.permutations("xxyx"), ["xxxy", "xxyx", "xyxx", "yxxx"])


@case("correctness", hint=DUP_HINT)
def test_banana(sol):
    got = sol.permutations("banana")
    # 6 letters: 3 a's, 2 n's, 1 b -> 6! / (3! 2! 1!) = 60 distinct arrangements.
    expect(type(got) is list, f"expected a list, got {type(got).__name__}")
    expect(len(got) == 60, f"expected 60 distinct permutations of 'banana', got {len(got)}")
    expect(len(set(got)) == len(got), "the result contains duplicates")
    expect(got == sorted(got), "the result is not sorted", SORT_HINT)
    expect(all(sorted(w) == sorted("banana") for w in got), "some result is not a permutation")
    expect_equal(got[:3], ["aaabnn", "aaanbn", "aaannb"], what="the first three")
    expect_equal(got[-1], "nnbaaa", what="the last one")


@case("correctness", hint=DUP_HINT)
def test_random_strings(sol, rng):
    for _ in range(8):
        n = int(rng.integers(1, 8))
        s = "".join(rng.choice(list("abcd"), size=n))
        expect_equal(sol.permutations(s), _brute(s), what=f"permutations({s!r})")


@case("correctness")
def test_seven_distinct(sol):
    got = sol.permutations("gfedcba")
    expect(type(got) is list and len(got) == factorial(7), "expected 5040 permutations")
    expect_equal(got, ["".join(p) for p in itertools.permutations("abcdefg")])


@case("edge_cases", hint='The empty string has exactly one arrangement: "" itself.')
def test_empty_string(sol):
    expect_equal(sol.permutations(""), [""])


@case("edge_cases")
def test_single_character(sol):
    expect_equal(sol.permutations("z"), ["z"])


@case("edge_cases", hint=DUP_HINT)
def test_all_same_letter(sol):
    expect_equal(sol.permutations("qqqqq"), ["qqqqq"])


@case("edge_cases", hint="Compare strings with Python's default order (by code point).")
def test_mixed_characters(sol):
    # Python orders by code point: space < digits < upper case < lower case.
    expect_equal(sol.permutations("a1A"), ["1Aa", "1aA", "A1a", "Aa1", "a1A", "aA1"])
    expect_equal(sol.permutations("b b"), [" bb", "b b", "bb "])


@case(
    "efficiency",
    timeout=10.0,
    hint="Generating all n! orderings and deduplicating wastes time when letters repeat: "
    "skip a letter that was already tried at the same position.",
)
def test_many_repeats_speed(sol, ref):
    s = "aaaaaaabb"  # 9! = 362880 orderings, only 36 distinct strings
    got = sol.permutations(s)
    expect(got == ref.permutations(s), "wrong result for 'aaaaaaabb'")
    expect_fast(sol.permutations, ref.permutations, s, max_ratio=15)


@case("efficiency", timeout=10.0, hint=DUP_HINT)
def test_two_letters_speed(sol, ref):
    s = "bbbbaaaaa"  # 126 distinct strings
    got = sol.permutations(s)
    expect(type(got) is list and len(got) == 126, "expected 126 permutations of 'bbbbaaaaa'")
    expect_fast(sol.permutations, ref.permutations, s, max_ratio=15)
