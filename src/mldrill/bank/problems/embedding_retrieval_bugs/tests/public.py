import numpy as np

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.evaluate.run_experiment(seed=0)
    for name in ("recall_at_1", "recall_at_k", "mrr"):
        expect(0.0 <= result[name] <= 1.0, f"{name} = {result[name]} is not a fraction")


@case("correctness", hint="Each query paraphrases one document: it should usually come first.")
def test_relevant_document_is_usually_first(sol):
    result = sol.evaluate.run_experiment(seed=0)
    expect(result["recall_at_1"] >= 0.8, f"recall@1 is {result['recall_at_1']:.2f}")


@case("correctness")
def test_document_finds_itself(sol):
    docs = np.array([[1.0, 0.0], [0.0, 2.0], [3.0, 3.0]])
    idx, _ = sol.search.EmbeddingIndex(docs).search(docs, 1)
    expect(idx[:, 0].tolist() == [0, 1, 2], f"each document's nearest neighbour: {idx[:, 0]}")
