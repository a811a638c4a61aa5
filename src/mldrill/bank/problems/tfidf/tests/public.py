import numpy as np

from mldrill.grading.testkit import case, expect_close, expect_equal


@case("correctness")
def test_statement_example(sol):
    X, vocab = sol.tfidf([["a", "b", "a"], ["b", "c"], ["a"]])
    expect_equal(vocab, ["a", "b", "c"], what="vocabulary")
    want = np.array([[0.89442719, 0.4472136, 0.0], [0.0, 0.60534851, 0.79596054], [1.0, 0.0, 0.0]])
    expect_close(X, want, rtol=1e-7, what="X")


@case("edge_cases")
def test_empty_document(sol):
    X, vocab = sol.tfidf([["x"], []])
    expect_equal(vocab, ["x"], what="vocabulary")
    expect_close(X, np.array([[1.0], [0.0]]), what="X with an empty document")
