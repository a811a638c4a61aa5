import warnings

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

R2 = np.sqrt(0.5)


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_corpus_recorded_values(sol):
    docs = sol.data.make_corpus(seed=0)
    expect(docs.shape == (200, 16), f"expected (200, 16) embeddings, got {docs.shape}")
    norms = np.linalg.norm(docs, axis=1)
    expect_close(
        norms[:4],
        np.array([2.328347248224, 0.183106284246, 1.125005958532, 0.525407866413]),
        rtol=1e-9,
        what="the first four document lengths (recorded from a correct run)",
    )
    expect_close(docs[0, :3], np.array([-0.157743189152, 0.760476319504, 0.479464164272]),
                 rtol=1e-9, what="docs[0, :3]")  # fmt: skip
    expect_equal(np.flatnonzero(norms == 0).tolist(), [195, 196, 197, 198, 199], what="empty docs")


@case("correctness")
def test_make_queries_recorded_values(sol):
    docs = sol.data.make_corpus(seed=0)
    queries, relevant = sol.data.make_queries(docs, seed=1)
    expect(queries.shape == (50, 16), f"expected (50, 16) queries, got {queries.shape}")
    expect_equal(relevant[:8].tolist(), [92, 99, 147, 185, 6, 28, 160, 184], what="relevant[:8]")
    expect_close(queries[0, :3], np.array([-0.992364660694, -0.044320658476, -0.117632796008]),
                 rtol=1e-9, what="queries[0, :3]")  # fmt: skip
    expect(bool(np.all(relevant < 195)), "a query paraphrases an empty document")


# ---------------------------------------------------------------- vectors.py


@case("correctness")
def test_l2_normalize_known_values(sol):
    X = np.array([[3.0, 4.0], [0.0, -2.0], [0.3, 0.4]])
    want = np.array([[0.6, 0.8], [0.0, -1.0], [0.6, 0.8]])
    expect_close(sol.vectors.l2_normalize(X), want, what="l2_normalize")


@case("numerical_stability", hint="0 / 0 is nan. What should an empty vector normalise to?")
def test_l2_normalize_zero_row(sol):
    X = np.array([[0.0, 0.0, 0.0], [1.0, 2.0, 2.0]])
    got = sol.vectors.l2_normalize(X)
    expect_close(got, np.array([[0.0, 0.0, 0.0], [1 / 3, 2 / 3, 2 / 3]]), what="l2_normalize")


# ---------------------------------------------------------------- similarity.py


@case("correctness", hint="Cosine similarity ignores length: both sides must be unit vectors.")
def test_cosine_similarity_known_values(sol):
    A = np.array([[1.0, 0.0], [1.0, 1.0]])
    B = np.array([[2.0, 0.0], [0.0, 3.0], [-1.0, -1.0]])
    want = np.array([[1.0, 0.0, -R2], [R2, R2, -1.0]])
    expect_close(sol.similarity.cosine_similarity(A, B), want, what="cosine_similarity(A, B)")


@case("correctness")
def test_cosine_is_scale_invariant(sol, rng):
    A, B = rng.normal(size=(4, 6)), rng.normal(size=(7, 6))
    base = sol.similarity.cosine_similarity(A, B)
    scale_a, scale_b = 10.0 ** rng.uniform(-2, 2, (4, 1)), 10.0 ** rng.uniform(-2, 2, (7, 1))
    scaled = sol.similarity.cosine_similarity(A * scale_a, B * scale_b)
    expect_close(scaled, base, rtol=1e-10, atol=1e-12, what="similarities after rescaling rows")
    expect(bool(np.all(np.abs(base) <= 1 + 1e-12)), "a cosine similarity lies outside [-1, 1]")


@case("numerical_stability", hint="An empty document is similar to nothing: score 0, not nan.")
def test_cosine_with_zero_vectors(sol):
    A = np.array([[1.0, 1.0], [0.0, 0.0]])
    B = np.array([[0.0, 0.0], [2.0, 0.0]])
    got = sol.similarity.cosine_similarity(A, B)
    expect_close(got, np.array([[0.0, R2], [0.0, 0.0]]), what="similarities with empty vectors")


# ---------------------------------------------------------------- search.py


@case("correctness", hint="Highest score first.")
def test_top_k_known_values(sol):
    scores = np.array([[0.1, 0.9, 0.5, 0.7], [0.3, 0.2, 0.8, 0.1]])
    expect_equal(sol.search.top_k(scores, 2).tolist(), [[1, 3], [2, 0]], what="top_k(scores, 2)")
    expect_equal(sol.search.top_k(scores, 4).tolist(), [[1, 3, 2, 0], [2, 0, 1, 3]],
                 what="top_k(scores, 4)")  # fmt: skip
    ties = np.array([[0.5, 0.9, 0.9, 0.1, 0.9]])
    expect_equal(sol.search.top_k(ties, 3).tolist(), [[1, 2, 4]], what="top_k with ties")


@case("correctness")
def test_index_search_known_corpus(sol):
    docs = np.array([[10.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-5.0, 0.0]])
    index = sol.search.EmbeddingIndex(docs)
    idx, scores = index.search(np.array([[1.0, 0.1], [0.0, -4.0]]), 2)
    expect_equal(idx.tolist(), [[0, 2], [0, 3]], what="the indices found")
    q = 1.0 / np.sqrt(1.01)
    want = np.array([[q, 1.1 * q * R2], [0.0, 0.0]])
    expect_close(scores, want, rtol=1e-9, atol=1e-12, what="the scores found")


@case("numerical_stability")
def test_search_with_empty_documents(sol):
    docs = np.array([[0.0, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 2.0, 0.0]])
    index = sol.search.EmbeddingIndex(docs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        idx, scores = index.search(np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 0.0]]), 4)
    expect(bool(np.all(np.isfinite(scores))), f"search returned non-finite scores: {scores}")
    expect_equal(idx[0, :2].tolist(), [1, 3], what="the two non-empty documents first")
    expect_close(scores[0], np.array([R2, R2, 0.0, 0.0]), what="scores of the first query")
    expect_close(scores[1], np.zeros(4), what="scores of an empty query")


# ---------------------------------------------------------------- evaluate.py


@case("correctness")
def test_recall_at_k_known_values(sol):
    retrieved = np.array([[3, 1], [0, 2], [2, 2]])
    got = sol.evaluate.recall_at_k(retrieved, np.array([1, 1, 2]))
    expect_close(got, 2 / 3, what="recall (hits for queries 0 and 2)")


@case("correctness", hint="Rank the documents within each query's row.")
def test_reciprocal_ranks_known_values(sol):
    scores = np.array(
        [[0.1, 0.4, 0.9, 0.3, 0.0], [0.8, 0.7, 0.1, 0.9, 0.2], [0.5, 0.6, 0.7, 0.1, 0.9]]
    )
    got = sol.evaluate.reciprocal_ranks(scores, np.array([2, 0, 3]))
    expect_close(got, np.array([1.0, 1 / 2, 1 / 5]), what="reciprocal ranks")


@case("correctness", hint="MRR can never be below recall@1. Check each stage on tiny inputs.")
def test_end_to_end(sol):
    for seed in (0, 1):
        r = sol.evaluate.run_experiment(seed=seed)
        expect(r["recall_at_1"] >= 0.8, f"seed {seed}: recall@1 is {r['recall_at_1']:.2f}")
        expect(r["recall_at_k"] >= 0.95, f"seed {seed}: recall@5 is {r['recall_at_k']:.2f}")
        mrr = r["mrr"]
        expect(r["recall_at_1"] <= mrr <= 1.0, f"seed {seed}: MRR {mrr:.3f} is below recall@1")
        expect(mrr >= 0.88, f"seed {seed}: MRR is {mrr:.3f}")
