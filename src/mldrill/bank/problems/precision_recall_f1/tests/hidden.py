import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises

# Worked by hand: y_true = [0, 0, 1, 1, 1, 2], y_pred = [0, 1, 1, 1, 0, 0].
#   label 0: predicted at 0, 4, 5; true at 0, 1 -> tp 1, P = 1/3, R = 1/2, F1 = 2/5
#   label 1: predicted at 1, 2, 3; true at 2, 3, 4 -> tp 2, P = 2/3, R = 2/3, F1 = 2/3
#   label 2: never predicted; true at 5 -> tp 0, P = 0 (0/0), R = 0, F1 = 0
Y_TRUE = np.array([0, 0, 1, 1, 1, 2])
Y_PRED = np.array([0, 1, 1, 1, 0, 0])


def _confusion(y_true, y_pred, labels):
    """Confusion matrix C[i, j] = #(true label i, predicted label j), built one pair at a time."""
    index = {int(v): i for i, v in enumerate(labels)}
    C = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(y_true.tolist(), y_pred.tolist(), strict=True):
        if t in index and p in index:
            C[index[t], index[p]] += 1
    return C


@case("correctness", hint="P = tp / (tp + fp), R = tp / (tp + fn), F1 = 2PR / (P + R), per label.")
def test_per_class_by_hand(sol):
    p, r, f1, support = sol.precision_recall_f1(Y_TRUE, Y_PRED)
    expect_close(p, np.array([1 / 3, 2 / 3, 0.0]), rtol=1e-12, what="precision per label")
    expect_close(r, np.array([1 / 2, 2 / 3, 0.0]), rtol=1e-12, what="recall per label")
    expect_close(f1, np.array([0.4, 2 / 3, 0.0]), rtol=1e-12, what="F1 per label")
    expect_close(support, np.array([2, 3, 1]), what="support (true count) per label")


@case("correctness", hint="Macro F1 is the mean of the per-label F1, not F1 of the mean P and R.")
def test_macro_by_hand(sol):
    p, r, f1 = sol.precision_recall_f1(Y_TRUE, Y_PRED, average="macro")
    expect_close(p, 1 / 3, rtol=1e-12, what="macro precision = mean(1/3, 2/3, 0)")
    expect_close(r, 7 / 18, rtol=1e-12, what="macro recall = mean(1/2, 2/3, 0)")
    expect_close(f1, 16 / 45, rtol=1e-12, what="macro F1 = mean(2/5, 2/3, 0)")


@case("correctness", hint="Micro: add up tp, fp and fn over the labels, then form the ratios.")
def test_micro_by_hand(sol):
    p, r, f1 = sol.precision_recall_f1(Y_TRUE, Y_PRED, average="micro")
    # tp = 1 + 2 + 0 = 3 of 6 predictions and of 6 true labels.
    expect_close(p, 0.5, rtol=1e-12, what="micro precision")
    expect_close(r, 0.5, rtol=1e-12, what="micro recall")
    expect_close(f1, 0.5, rtol=1e-12, what="micro F1")


@case("correctness")
def test_binary_by_hand(sol):
    y_true = np.array([1, 0, 1, 1, 0])
    y_pred = np.array([1, 1, 0, 1, 0])
    # label 0: tp 1, fp 1, fn 1; label 1: tp 2, fp 1, fn 1.
    p, r, f1, support = sol.precision_recall_f1(y_true, y_pred)
    expect_close(p, np.array([0.5, 2 / 3]), rtol=1e-12, what="precision")
    expect_close(r, np.array([0.5, 2 / 3]), rtol=1e-12, what="recall")
    expect_close(f1, np.array([0.5, 2 / 3]), rtol=1e-12, what="F1")
    expect_close(support, np.array([2, 3]), what="support")


@case("correctness")
def test_matches_confusion_matrix(sol, rng):
    y_true = rng.integers(0, 6, size=300)
    y_pred = np.where(rng.random(300) < 0.6, y_true, rng.integers(0, 6, size=300))
    labels = np.unique(np.r_[y_true, y_pred])
    C = _confusion(y_true, y_pred, labels)
    tp = np.diag(C)
    p, r, f1, support = sol.precision_recall_f1(y_true, y_pred)
    expect_close(p, tp / C.sum(axis=0), rtol=1e-12, what="precision = diag / column sums")
    expect_close(r, tp / C.sum(axis=1), rtol=1e-12, what="recall = diag / row sums")
    want_f1 = 2 * (tp / C.sum(axis=0)) * (tp / C.sum(axis=1))
    want_f1 /= tp / C.sum(axis=0) + tp / C.sum(axis=1)
    expect_close(f1, want_f1, rtol=1e-12, what="F1")
    expect_close(support, C.sum(axis=1), what="support")
    macro = sol.precision_recall_f1(y_true, y_pred, average="macro")
    expect_close(macro[2], want_f1.mean(), rtol=1e-12, what="macro F1")


@case("correctness", hint="With every label counted, micro P = micro R = micro F1 = accuracy.")
def test_micro_equals_accuracy(sol, rng):
    y_true = rng.integers(0, 4, size=200)
    y_pred = rng.integers(0, 4, size=200)
    acc = float(np.mean(y_true == y_pred))
    p, r, f1 = sol.precision_recall_f1(y_true, y_pred, average="micro")
    for name, got in (("precision", p), ("recall", r), ("F1", f1)):
        expect_close(got, acc, rtol=1e-12, what=f"micro {name} (should equal accuracy {acc})")


@case("edge_cases", hint="Whenever a denominator is 0, the ratio is 0: never nan.")
def test_zero_division_gives_zero(sol):
    y_true = np.array([0, 0, 1])
    y_pred = np.array([0, 0, 2])
    # label 1 is never predicted (P = 0/0); label 2 never occurs (R = 0/0).
    p, r, f1, support = sol.precision_recall_f1(y_true, y_pred)
    expect_close(p, np.array([1.0, 0.0, 0.0]), what="precision")
    expect_close(r, np.array([1.0, 0.0, 0.0]), what="recall")
    expect_close(f1, np.array([1.0, 0.0, 0.0]), what="F1")
    expect_close(support, np.array([2, 1, 0]), what="support")
    macro = sol.precision_recall_f1(y_true, y_pred, average="macro")
    expect_close(np.array(macro), np.array([1 / 3, 1 / 3, 1 / 3]), rtol=1e-12, what="macro")


@case(
    "edge_cases", hint="labels fixes the order; a label absent everywhere scores 0 with support 0."
)
def test_labels_order_and_absent_label(sol):
    p, r, f1, support = sol.precision_recall_f1(Y_TRUE, Y_PRED, labels=np.array([2, 0, 5]))
    expect_close(p, np.array([0.0, 1 / 3, 0.0]), rtol=1e-12, what="precision for labels [2, 0, 5]")
    expect_close(r, np.array([0.0, 1 / 2, 0.0]), rtol=1e-12, what="recall for labels [2, 0, 5]")
    expect_close(f1, np.array([0.0, 0.4, 0.0]), rtol=1e-12, what="F1 for labels [2, 0, 5]")
    expect_close(support, np.array([1, 2, 0]), what="support for labels [2, 0, 5]")
    macro = sol.precision_recall_f1(Y_TRUE, Y_PRED, average="macro", labels=np.array([2, 0, 5]))
    expect_close(macro[2], 0.4 / 3, rtol=1e-12, what="macro F1 (the absent label counts as 0)")


@case("edge_cases", hint="Micro over a subset of labels pools tp, fp and fn of those labels only.")
def test_micro_over_label_subset(sol):
    # Labels 1 and 2: tp = 2 + 0, predicted = 3 + 0, true = 3 + 1.
    p, r, f1 = sol.precision_recall_f1(Y_TRUE, Y_PRED, average="micro", labels=np.array([1, 2]))
    expect_close(p, 2 / 3, rtol=1e-12, what="micro precision over labels [1, 2]")
    expect_close(r, 1 / 2, rtol=1e-12, what="micro recall over labels [1, 2]")
    expect_close(f1, 4 / 7, rtol=1e-12, what="micro F1 over labels [1, 2]")


@case("edge_cases")
def test_perfect_single_label(sol):
    y = np.array([3, 3, 3])
    p, r, f1, support = sol.precision_recall_f1(y, y)
    expect_close(p, np.array([1.0]), what="precision")
    expect_close(r, np.array([1.0]), what="recall")
    expect_close(f1, np.array([1.0]), what="F1")
    expect_close(support, np.array([3]), what="support")
    expect(support.dtype.kind in "iu", f"support should hold integers, got dtype {support.dtype}")


@case("edge_cases", hint="Labels are values, not indices: negative and sparse labels must work.")
def test_negative_and_sparse_labels(sol):
    y_true = np.array([-1, 10, 10, 7, -1])
    y_pred = np.array([-1, 10, 7, 7, 10])
    # labels -1, 7, 10: tp (1, 1, 1), predicted (1, 2, 2), true (2, 1, 2).
    p, r, f1, support = sol.precision_recall_f1(y_true, y_pred)
    expect_close(p, np.array([1.0, 0.5, 0.5]), rtol=1e-12, what="precision for labels -1, 7, 10")
    expect_close(r, np.array([0.5, 1.0, 0.5]), rtol=1e-12, what="recall for labels -1, 7, 10")
    expect_close(f1, np.array([2 / 3, 2 / 3, 0.5]), rtol=1e-12, what="F1 for labels -1, 7, 10")
    expect_close(support, np.array([2, 1, 2]), what="support for labels -1, 7, 10")


@case("edge_cases", hint="Raise ValueError for an unknown average or arrays of different lengths.")
def test_bad_arguments_raise(sol):
    expect_raises("ValueError", sol.precision_recall_f1, Y_TRUE, Y_PRED, "weighted")
    expect_raises("ValueError", sol.precision_recall_f1, Y_TRUE, Y_PRED[:-1])


@case("efficiency", timeout=10.0, hint="Count with array operations, not a loop over samples.")
def test_speed(sol, ref, rng):
    y_true = rng.integers(0, 6, size=50_000)
    y_pred = rng.integers(0, 6, size=50_000)
    labels = np.arange(6)
    expect_fast(
        sol.precision_recall_f1, ref.precision_recall_f1, y_true, y_pred, None, labels, max_ratio=10
    )
