from mldrill.grading.testkit import case, expect_equal, expect_raises

BANANA = {"banana": 3, "bandana": 2, "ban": 4}
# Worked by hand: (a,n) 14 > (b,a) 9; then (b,an) 9; (an,a) 5; (ban,ana) 3; then
# (ban,d) and (d,ana) tie at 2 and ("ban", "d") < ("d", "ana"); last (band,ana) 2.
BANANA_MERGES = [
    ("a", "n"),
    ("b", "an"),
    ("an", "a"),
    ("ban", "ana"),
    ("ban", "d"),
    ("band", "ana"),
]
TIE_HINT = (
    "On equal counts pick the smallest pair as a (left, right) tuple of strings, e.g. "
    "min(counts, key=lambda p: (-counts[p], p)); max() over a dict keeps the first seen."
)
BOUNDARY_HINT = (
    "Merge whole symbols only: compare (symbols[i], symbols[i+1]) with the pair. Joining "
    "symbols with spaces and calling str.replace also matches the tail of a longer symbol."
)


def _merges(got):
    return [tuple(m) for m in got]


def _corpus(rng, n_words, alphabet="abcde"):
    corpus = {}
    while len(corpus) < n_words:
        length = int(rng.integers(1, 8))
        word = "".join(rng.choice(list(alphabet), size=length))
        corpus[word] = int(rng.integers(1, 20))
    return corpus


@case("correctness", hint="Count pairs weighted by word frequency; ties go to the smallest pair.")
def test_merges_by_hand(sol):
    got = sol.learn_bpe(BANANA, 10)
    expect_equal(_merges(got), BANANA_MERGES, what="learn_bpe(banana corpus, 10)")


@case("correctness", hint="Each pair counts once per occurrence times the word's frequency.")
def test_counts_weighted_by_frequency(sol):
    got = sol.learn_bpe({"ab": 1, "cd": 5, "ef": 3}, 3)
    expect_equal(_merges(got), [("c", "d"), ("e", "f"), ("a", "b")], what="three merges")


@case("correctness")
def test_encode_by_hand(sol):
    cases = {
        "banana": ["banana"],
        "bandanas": ["bandana", "s"],
        "anana": ["an", "ana"],  # (an, an, a): the merge (an, a) takes the last two
        "nab": ["n", "a", "b"],
        "bandit": ["band", "i", "t"],
    }
    for word, want in cases.items():
        got = sol.bpe_encode(word, BANANA_MERGES)
        expect_equal(list(got), want, what=f"bpe_encode({word!r})")


@case("correctness")
def test_matches_reference_random_corpus(sol, ref, rng):
    corpus = _corpus(rng, 40)
    got = sol.learn_bpe(corpus, 25)
    want = ref.learn_bpe(corpus, 25)
    expect_equal(_merges(got), want, what="25 merges on a random 40-word corpus")
    for word in ["abcabc", "eeddcc", "badcab", "aaaaaaa"]:
        expect_equal(
            list(sol.bpe_encode(word, want)),
            ref.bpe_encode(word, want),
            what=f"bpe_encode({word!r})",
        )


@case("correctness", hint="Apply the merges in the order they were learned.")
def test_training_words_become_single_tokens(sol, rng):
    corpus = _corpus(rng, 12, alphabet="xyz")
    merges = _merges(sol.learn_bpe(corpus, 1000))
    for word in corpus:
        got = list(sol.bpe_encode(word, merges))
        expect_equal(got, [word], what=f"bpe_encode({word!r}) with every merge learned")
    for word in ["zzyx", "xyzxyzz", "q"]:
        got = list(sol.bpe_encode(word, merges))
        expect_equal("".join(got), word, what=f"the tokens of {word!r} joined back together")


@case("edge_cases", hint=TIE_HINT)
def test_ties_go_to_smallest_pair(sol):
    got = sol.learn_bpe({"zy": 2, "ab": 2}, 1)
    expect_equal(_merges(got), [("a", "b")], what="the first merge of {'zy': 2, 'ab': 2}")
    got = sol.learn_bpe({"ca": 1, "bc": 1, "ba": 1}, 3)
    want = [("b", "a"), ("b", "c"), ("c", "a")]
    expect_equal(_merges(got), want, what="three tied merges")


@case("edge_cases", hint="Scan left to right and skip both symbols of a merged pair.")
def test_repeated_symbols_merge_left_to_right(sol):
    expect_equal(_merges(sol.learn_bpe({"aaa": 1}, 5)), [("a", "a"), ("aa", "a")], what="aaa")
    got = sol.learn_bpe({"aaaa": 1}, 5)  # (a, a) appears 3 times; merged: aa aa
    expect_equal(_merges(got), [("a", "a"), ("aa", "aa")], what="merges of aaaa")
    got = sol.bpe_encode("aaaaa", [("a", "a")])
    expect_equal(list(got), ["aa", "aa", "a"], what="bpe_encode('aaaaa', [('a', 'a')])")


@case("edge_cases", hint=BOUNDARY_HINT)
def test_merge_respects_symbol_boundaries(sol):
    # After (x, a) the word xab is [xa, b]; the later merge (a, b) must not touch it.
    got = sol.learn_bpe({"xa": 10, "xab": 1, "ab": 4}, 5)
    expect_equal(_merges(got), [("x", "a"), ("a", "b"), ("xa", "b")], what="the merges")
    got = sol.bpe_encode("xab", [("x", "a"), ("a", "b")])
    expect_equal(list(got), ["xa", "b"], what="bpe_encode('xab', [('x', 'a'), ('a', 'b')])")


@case("edge_cases", hint="When no word has two symbols left, stop and return what you have.")
def test_stops_when_nothing_left(sol):
    expect_equal(_merges(sol.learn_bpe({"ab": 7}, 5)), [("a", "b")], what="{'ab': 7}, 5 merges")
    expect_equal(_merges(sol.learn_bpe({"a": 3, "b": 1}, 4)), [], what="single letters")
    expect_equal(_merges(sol.learn_bpe({}, 3)), [], what="an empty corpus")


@case("edge_cases")
def test_zero_and_negative_merges(sol):
    expect_equal(_merges(sol.learn_bpe(BANANA, 0)), [], what="learn_bpe(corpus, 0)")
    expect_raises("ValueError", sol.learn_bpe, BANANA, -1)


@case("edge_cases")
def test_encode_empty_and_unknown(sol):
    expect_equal(list(sol.bpe_encode("", BANANA_MERGES)), [], what="bpe_encode('')")
    expect_equal(list(sol.bpe_encode("qz", BANANA_MERGES)), ["q", "z"], what="unseen letters")
    expect_equal(list(sol.bpe_encode("ban", [])), ["b", "a", "n"], what="no merges")
