import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal, expect_raises

# y_true [0, 0, 1, 2, 2, 2] against y_pred [0, 1, 1, 2, 0, 2]:
#   rows = true class, columns = predicted class
Y_TRUE = np.array([0, 0, 1, 2, 2, 2])
Y_PRED = np.array([0, 1, 1, 2, 0, 2])
CM = np.array([[1, 1, 0], [0, 1, 0], [1, 0, 2]])
# tp = [1, 1, 2]; predicted (column sums) = [2, 2, 2]; actual (row sums) = [2, 1, 3]
PRECISION = np.array([1 / 2, 1 / 2, 2 / 2])
RECALL = np.array([1 / 2, 1 / 1, 2 / 3])
F1 = np.array([0.5, 2 / 3, 0.8])


def _brute_auc(y, s):
    """P(score of a random positive > score of a random negative), ties counting 1/2."""
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    return float(np.mean((diff > 0) + 0.5 * (diff == 0)))


# ---------------------------------------------------------------- confusion.py


@case("correctness", hint="Rows are the true classes, columns the predicted ones.")
def test_confusion_matrix_known(sol):
    got = sol.confusion.confusion_matrix(Y_TRUE, Y_PRED, 3)
    expect_equal(got.tolist(), CM.tolist(), what="confusion_matrix (rows = true class)")


@case("edge_cases")
def test_confusion_matrix_with_an_absent_class(sol):
    got = sol.confusion.confusion_matrix(np.array([0, 1, 1]), np.array([1, 1, 2]), 4)
    want = [[0, 1, 0, 0], [0, 1, 1, 0], [0, 0, 0, 0], [0, 0, 0, 0]]
    expect_equal(got.tolist(), want, what="confusion_matrix with n_classes=4")
    expect(got.dtype.kind == "i", f"counts should be integers, got dtype {got.dtype}")


# ---------------------------------------------------------------- classification.py


@case("correctness", hint="Precision divides by how often a class was predicted.")
def test_per_class_scores_known(sol):
    got = sol.classification.per_class_scores(CM)
    expect_close(got["precision"], PRECISION, what="precision (true positives / predicted)")
    expect_close(got["recall"], RECALL, what="recall (true positives / actual)")
    expect_close(got["f1"], F1, what="f1")
    expect_equal(got["support"].tolist(), [2, 1, 3], what="support")


@case("edge_cases", hint="0 / 0 should be a score of 0, not nan.")
def test_never_predicted_class_scores_zero(sol):
    cm = np.array([[3, 0, 1], [2, 0, 0], [0, 0, 4]])  # class 1 is never predicted
    got = sol.classification.per_class_scores(cm)
    expect_close(got["precision"], np.array([3 / 5, 0.0, 4 / 5]), what="precision")
    expect_close(got["recall"], np.array([3 / 4, 0.0, 1.0]), what="recall")
    expect_close(got["f1"], np.array([2 / 3, 0.0, 8 / 9]), what="f1")


@case("correctness")
def test_safe_divide(sol):
    got = sol.classification.safe_divide(np.array([1, 0, 3]), np.array([4, 0, 2]))
    expect_close(got, np.array([0.25, 0.0, 1.5]), what="safe_divide([1, 0, 3], [4, 0, 2])")


@case("correctness", hint="Macro: every class counts the same, however many samples it has.")
def test_report_known_values(sol):
    got = sol.classification.classification_report(Y_TRUE, Y_PRED, 3)
    expect_equal(got["confusion"].tolist(), CM.tolist(), what="the report's confusion matrix")
    expect_close(got["precision"], PRECISION, what="precision")
    expect_close(got["recall"], RECALL, what="recall")
    expect_close(got["macro_precision"], 2 / 3, what="macro precision (mean of 1/2, 1/2, 1)")
    expect_close(got["macro_recall"], (1 / 2 + 1 + 2 / 3) / 3, what="macro recall")
    expect_close(got["macro_f1"], (0.5 + 2 / 3 + 0.8) / 3, what="macro f1")
    expect_close(got["accuracy"], 4 / 6, what="accuracy")


@case("edge_cases")
def test_macro_counts_every_class(sol):
    # Class 3 never occurs and is never predicted: it scores 0 and still counts.
    got = sol.classification.classification_report(
        np.array([0, 1, 2, 2]), np.array([0, 1, 2, 1]), 4
    )
    expect_close(got["macro_precision"], (1 + 0.5 + 1 + 0) / 4, what="macro precision")
    expect_close(got["macro_recall"], (1 + 1 + 0.5 + 0) / 4, what="macro recall")
    expect_close(got["accuracy"], 0.75, what="accuracy")


# ---------------------------------------------------------------- ranking.py


@case("correctness", hint="Tied values share the mean of the ranks they span.")
def test_rankdata_with_ties(sol):
    expect_close(sol.ranking.rankdata(np.array([10, 20, 20, 5, 20])), np.array([2.0, 4, 4, 1, 4]),
                 what="rankdata([10, 20, 20, 5, 20])")  # fmt: skip
    expect_close(sol.ranking.rankdata(np.array([0.3, 0.3, -1.0])), np.array([2.5, 2.5, 1.0]),
                 what="rankdata([0.3, 0.3, -1.0])")  # fmt: skip
    expect_close(sol.ranking.rankdata(np.array([3.0, 1.0, 2.0])), np.array([3.0, 1, 2]),
                 what="rankdata without ties")  # fmt: skip


@case("correctness")
def test_auc_without_ties(sol):
    # Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of the 4 pairs are won.
    got = sol.ranking.roc_auc(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    expect_close(got, 0.75, what="AUC")
    got = sol.ranking.roc_auc(np.array([1, 0, 1, 0, 0]), np.array([5.0, 1.0, 4.0, 2.0, 3.0]))
    expect_close(got, 1.0, what="AUC of a perfect ranking")


@case("correctness", hint="A tie between a positive and a negative is worth one half.")
def test_auc_with_ties(sol):
    got = sol.ranking.roc_auc(np.array([0, 1, 1, 0]), np.array([0.2, 0.6, 0.6, 0.6]))
    expect_close(got, 0.75, what="AUC: 2 wins and 2 ties out of 4 pairs")
    got = sol.ranking.roc_auc(np.array([1, 0, 1, 0]), np.full(4, 0.5))
    expect_close(got, 0.5, what="AUC when every score is the same")
    got = sol.ranking.roc_auc(np.array([0, 0, 1, 1]), np.full(4, 0.5))
    expect_close(got, 0.5, what="AUC when every score is the same (positives last)")


@case("correctness")
def test_auc_ignores_row_order(sol, rng):
    y = (rng.random(40) < 0.4).astype(np.int64)
    s = np.round(rng.random(40) * 0.5 + 0.4 * y, 1)  # coarse scores: many ties
    perm = rng.permutation(40)
    a, b = sol.ranking.roc_auc(y, s), sol.ranking.roc_auc(y[perm], s[perm])
    expect_close(b, a, rtol=1e-12, what="AUC after shuffling the rows")
    expect_close(a, _brute_auc(y, s), rtol=1e-12, what="AUC against a pairwise count")


@case("edge_cases")
def test_auc_requires_both_classes(sol):
    expect_raises("ValueError", sol.ranking.roc_auc, np.array([1, 1, 1]), np.array([0.1, 0.2, 0.3]))
    expect_raises("ValueError", sol.ranking.roc_auc, np.array([0, 0]), np.array([0.1, 0.2]))


# ---------------------------------------------------------------- evaluate.py


@case("correctness", hint="Check each metric against its definition, not against the others.")
def test_evaluate_end_to_end(sol, rng):
    n, k = 60, 3
    y = rng.integers(0, k, size=n)
    logits = rng.normal(size=(n, k)) + 1.5 * np.eye(k)[y]
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    probs = np.round(probs, 1)  # coarse, like a calibrated model's binned scores: ties
    got = sol.evaluate.evaluate(y, probs)
    pred = probs.argmax(axis=1)
    cm = np.array([[np.sum((y == i) & (pred == j)) for j in range(k)] for i in range(k)])
    expect_equal(got["confusion"].tolist(), cm.tolist(), what="the confusion matrix")
    precision = np.array([cm[c, c] / cm[:, c].sum() for c in range(k)])
    recall = np.array([cm[c, c] / cm[c, :].sum() for c in range(k)])
    expect_close(got["precision"], precision, what="precision")
    expect_close(got["recall"], recall, what="recall")
    expect_close(got["macro_precision"], precision.mean(), what="macro precision")
    expect_close(got["macro_recall"], recall.mean(), what="macro recall")
    aucs = np.array([_brute_auc((y == c).astype(int), probs[:, c]) for c in range(k)])
    expect_close(got["auc"], aucs, rtol=1e-12, what="the one-vs-rest AUCs")
    expect_close(got["macro_auc"], aucs.mean(), rtol=1e-12, what="the macro AUC")
    expect_close(got["accuracy"], float(np.mean(pred == y)), what="accuracy")
