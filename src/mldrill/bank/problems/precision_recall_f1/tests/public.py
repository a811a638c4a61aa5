import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_per_class(sol):
    y_true = np.array([1, 0, 1, 1, 0])
    y_pred = np.array([1, 1, 0, 1, 0])
    p, r, f1, support = sol.precision_recall_f1(y_true, y_pred)
    expect_close(p, np.array([0.5, 2 / 3]), what="precision")
    expect_close(r, np.array([0.5, 2 / 3]), what="recall")
    expect_close(f1, np.array([0.5, 2 / 3]), what="F1")
    expect_close(support, np.array([2, 3]), what="support")


@case("correctness")
def test_micro(sol):
    y_true = np.array([0, 0, 1, 1, 1, 2])
    y_pred = np.array([0, 1, 1, 1, 0, 0])
    got = sol.precision_recall_f1(y_true, y_pred, average="micro")
    expect_close(np.array(got), np.array([0.5, 0.5, 0.5]), what="micro (precision, recall, F1)")


@case("edge_cases")
def test_never_predicted(sol):
    p, r, f1, _ = sol.precision_recall_f1(np.array([0, 1]), np.array([0, 0]))
    expect_close(p, np.array([0.5, 0.0]), what="precision (label 1 is never predicted)")
