import numpy as np

from mldrill.grading.testkit import case, expect, expect_close


@case("correctness")
def test_perfect_predictions(sol):
    y = np.array([0, 1, 2, 1, 0, 2])
    report = sol.classification.classification_report(y, y, 3)
    expect_close(report["accuracy"], 1.0, what="accuracy")
    expect_close(report["macro_f1"], 1.0, what="macro f1")


@case("correctness")
def test_auc_of_a_perfect_ranking(sol):
    auc = sol.ranking.roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.2, 0.8, 0.9]))
    expect_close(auc, 1.0, what="AUC")


@case("correctness", hint="With every score tied, a model ranks nothing: what AUC is that?")
def test_auc_of_constant_scores(sol):
    auc = sol.ranking.roc_auc(np.array([0, 1, 0, 1]), np.full(4, 0.7))
    expect(abs(auc - 0.5) < 1e-12, f"AUC of constant scores is {auc}, expected 0.5")
