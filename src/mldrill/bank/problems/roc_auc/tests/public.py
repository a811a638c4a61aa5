import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_auc(sol):
    got = sol.roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    expect_close(got, 0.75, what="AUC")


@case("correctness")
def test_curve(sol):
    fpr, tpr, thr = sol.roc_curve(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    expect_close(fpr, np.array([0.0, 0.0, 0.5, 0.5, 1.0]), what="fpr")
    expect_close(tpr, np.array([0.0, 0.5, 0.5, 1.0, 1.0]), what="tpr")
    expect_close(thr, np.array([np.inf, 0.8, 0.4, 0.35, 0.1]), what="thresholds")


@case("edge_cases")
def test_tie(sol):
    got = sol.roc_auc(np.array([0, 1, 0, 1]), np.array([0.5, 0.5, 0.2, 0.9]))
    expect_close(got, 0.875, what="AUC with a tied pair")
