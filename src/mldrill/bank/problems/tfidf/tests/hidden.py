import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal, expect_fast


def _unit(v):
    v = np.asarray(v, dtype=float)
    return v / math.sqrt(float(v @ v))


@case("correctness", hint="idf = ln((1 + n) / (1 + df)) + 1 and tf is the raw count.")
def test_by_hand(sol):
    docs = [["dog", "cat", "dog", "dog"], ["cat", "fish"], ["bird", "cat"], ["dog"]]
    X, vocab = sol.tfidf(docs)
    expect_equal(vocab, ["bird", "cat", "dog", "fish"], what="vocabulary")
    n = 4
    idf = {t: math.log((1 + n) / (1 + df)) + 1 for t, df in
           {"bird": 1, "cat": 3, "dog": 2, "fish": 1}.items()}  # fmt: skip
    want = np.array(
        [
            _unit([0, idf["cat"], 3 * idf["dog"], 0]),
            _unit([0, idf["cat"], 0, idf["fish"]]),
            _unit([idf["bird"], idf["cat"], 0, 0]),
            [0.0, 0.0, 1.0, 0.0],
        ]
    )
    expect_close(X, want, rtol=1e-12, what="X")


@case("correctness", hint="Count repeats: a token three times in a document has tf = 3.")
def test_repeated_tokens_count(sol):
    X, vocab = sol.tfidf([["a", "a", "a", "b"], ["b", "c"]])
    expect_equal(vocab, ["a", "b", "c"], what="vocabulary")
    ia, ib = math.log(3 / 2) + 1, math.log(3 / 3) + 1  # df(a) = 1, df(b) = 2
    expect_close(X[0], _unit([3 * ia, ib, 0.0]), rtol=1e-12, what="row of the first document")


@case("correctness", hint="A term in every document has idf exactly 1 with smoothing, not 0.")
def test_term_in_every_document(sol):
    X, vocab = sol.tfidf([["the", "cat"], ["the", "dog"], ["the"]])
    expect_equal(vocab, ["cat", "dog", "the"], what="vocabulary")
    i_rare = math.log(4 / 2) + 1  # df = 1
    expect_close(X[0], _unit([i_rare, 0.0, 1.0]), rtol=1e-12, what="row 0 ('the' has idf 1)")
    expect_close(X[2], np.array([0.0, 0.0, 1.0]), rtol=1e-12, what="row 2")


@case("correctness", hint="Sort the vocabulary with sorted(): code-point order, case-sensitive.")
def test_vocabulary_order_and_case(sol):
    X, vocab = sol.tfidf([["b", "B", "apple"], ["Apple", "10", "9", "b"]])
    expect_equal(vocab, ["10", "9", "Apple", "B", "apple", "b"], what="vocabulary")
    expect_equal(X.shape, (2, 6), what="shape of X")
    want = [[False, False, False, True, True, True], [True, True, True, False, False, True]]
    expect_equal((X > 0).tolist(), want, what="which entries are nonzero")


@case("correctness", hint="Divide each row by its own L2 norm (axis=1).")
def test_rows_unit_norm_and_reference(sol, ref, rng):
    words = np.array([f"w{k}" for k in range(30)])
    docs = [words[rng.integers(0, 30, size=int(rng.integers(1, 25)))].tolist() for _ in range(40)]
    X, vocab = sol.tfidf(docs)
    want_X, want_vocab = ref.tfidf(docs)
    expect_equal(vocab, want_vocab, what="vocabulary")
    expect_close(np.linalg.norm(X, axis=1), np.ones(40), rtol=1e-12, what="row norms")
    expect_close(X, want_X, rtol=1e-12, atol=1e-15, what="X")


@case("edge_cases", hint="A document with no tokens has norm 0: keep its row at zeros, not 0/0.")
def test_empty_document_is_zero_row(sol):
    X, vocab = sol.tfidf([["a", "b"], [], ["b"]])
    expect_equal(vocab, ["a", "b"], what="vocabulary")
    ia, ib = math.log(4 / 2) + 1, math.log(4 / 3) + 1  # n = 3 counts the empty document
    want = np.array([_unit([ia, ib]), [0.0, 0.0], [0.0, 1.0]])
    expect_close(X, want, rtol=1e-12, what="X with an empty document")


@case("edge_cases")
def test_all_documents_empty(sol):
    X, vocab = sol.tfidf([[], [], []])
    expect_equal(vocab, [], what="vocabulary of an empty corpus")
    expect(type(X) is np.ndarray, f"X should be a numpy array, got {type(X).__name__}")
    expect_equal(X.shape, (3, 0), what="shape of X")


@case("edge_cases")
def test_single_document(sol):
    X, vocab = sol.tfidf([["z", "y", "z", "x", "z"]])
    expect_equal(vocab, ["x", "y", "z"], what="vocabulary")
    expect_close(X, _unit([1.0, 1.0, 3.0])[None, :], rtol=1e-12, what="X (every idf is 1)")


@case("edge_cases", hint="Tokens are used as given: punctuation and spaces are part of them.")
def test_tokens_used_verbatim(sol):
    X, vocab = sol.tfidf([["a b", "a", "a."], ["a", ""]])
    expect_equal(vocab, ["", "a", "a b", "a."], what="vocabulary")
    i1 = math.log(3 / 2) + 1
    expect_close(X[1], _unit([i1, 1.0, 0.0, 0.0]), rtol=1e-12, what="row 1")


@case(
    "efficiency",
    timeout=10.0,
    hint="Map each token to its column once with a dict; never scan every term per document.",
)
def test_speed(sol, ref, rng):
    # 20 documents x 1,600 terms: a count() per term and document is 32,000 scans of 200
    # tokens (~100 ms); one dict lookup per token is ~1 ms. Few tokens keep the transfer
    # small, and the 20 ms floor absorbs the cost of calling into the sandbox.
    words = [f"term{k:04d}" for k in range(1600)]
    docs = [[words[k] for k in rng.integers(0, 1600, size=200)] for _ in range(20)]
    docs[0] = words  # every term occurs somewhere
    expect_fast(sol.tfidf, ref.tfidf, docs, max_ratio=12, floor_ms=20)
