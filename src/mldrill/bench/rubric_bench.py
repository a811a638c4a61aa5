"""``mldrill bench rubric``: precision, recall and F1 of key-point detection on labelled cases."""

from __future__ import annotations

import hashlib
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from ..bank.questions import builtin_questions
from ..grading.rubric.grader import LEARNED, Coverage, grade_answer

CASES = Path(__file__).parent / "data" / "rubric_cases.toml"
# Written by another author from the questions, point descriptions and model answers only,
# never seeing concept lists, misconceptions or the grader; nothing was tuned on it.
HELDOUT = Path(__file__).parent / "data" / "rubric_heldout.toml"
# More cases written the same way as the held-out ones (from descriptions only), for training
# the learned decision; they cover every item, and none of them is in the held-out file.
TRAIN_EXTRA = Path(__file__).parent / "data" / "rubric_train_extra.toml"


def heldout_half(item_id: str) -> str:
    """The half of the held-out set an item belongs to, fixed by a hash of its id: "a" may be
    analysed and tuned on, "b" is only ever scored in aggregate (the honest figure)."""
    return "a" if int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % 2 == 0 else "b"


# A second test set, written later by a third author from the same material (questions, point
# descriptions, model answers) with many one-line answers. Never analysed or trained on; it is
# scored only in aggregate, after the model is fixed.
HELDOUT_C = Path(__file__).parent / "data" / "rubric_heldout_c.toml"
# A third, written by two more authors the same way; never trained on by the shipped model.
HELDOUT_D = Path(__file__).parent / "data" / "rubric_heldout_d.toml"


# A case set: the file and, for the held-out halves, which half of its items to keep.
CASE_SETS: dict[str, list[tuple[Path, str | None]]] = {
    "dev": [(CASES, None)],
    "heldout": [(HELDOUT, None)],
    "heldout-a": [(HELDOUT, "a")],
    "heldout-b": [(HELDOUT, "b")],
    "heldout-c": [(HELDOUT_C, None)],
    "heldout-d": [(HELDOUT_D, None)],
    "test": [(HELDOUT, "b"), (HELDOUT_C, None), (HELDOUT_D, None)],  # never trained on
    "train-extra": [(TRAIN_EXTRA, None)],
}
# What ``train_point_model`` fits the learned decision on.
TRAINING_SETS = ("dev", "heldout-a", "train-extra")
CASE_SETS["training"] = [source for name in TRAINING_SETS for source in CASE_SETS[name]]
# Case sets never trained on. A test case whose answer is also a training case for the same
# item (independent authors do sometimes write the same one-liner) is left out of them.
TEST_SETS = frozenset(("heldout-b", "heldout-c", "heldout-d", "test"))


def load_cases(path: Path = CASES, half: str | None = None) -> list[dict]:
    cases = tomllib.loads(path.read_text(encoding="utf-8"))["cases"]
    return [c for c in cases if half is None or heldout_half(c["item"]) == half]


def evaluate(
    embedder=None,
    sources: list[tuple[Path, str | None]] | None = None,
    learned: bool | None = None,
    unseen: bool = False,
    on_total: Callable[[int], None] | None = None,
    on_case: Callable[[], None] | None = None,
) -> dict:
    """Detection quality over every labelled case of ``sources`` (a ``CASE_SETS`` value; the
    dev cases by default), overall and per case kind; ``learned`` as for ``grade_answer``.
    ``unseen`` leaves out the cases whose answer is also a training case for the same item.
    ``on_total`` hears the number of cases, ``on_case`` each one graded (a progress bar)."""
    bank = builtin_questions()
    counts: Counter = Counter()
    by_kind: dict[str, Counter] = {}
    errors = []
    cases = [c for path, half in sources or CASE_SETS["dev"] for c in load_cases(path, half)]
    if unseen:
        seen = {
            (c["item"], c["answer"]) for p, h in CASE_SETS["training"] for c in load_cases(p, h)
        }
        cases = [c for c in cases if (c["item"], c["answer"]) not in seen]
    if on_total is not None:
        on_total(len(cases))
    for case in cases:
        item = bank.item(case["item"])
        result = grade_answer(item, case["answer"], embedder, learned)
        status = next(p.status for p in result.points if p.id == case["point"])
        predicted, actual = status is Coverage.COVERED, bool(case["covered"])
        key = {(True, True): "tp", (True, False): "fp", (False, True): "fn"}.get(
            (predicted, actual), "tn"
        )
        counts[key] += 1
        by_kind.setdefault(case.get("kind", "other"), Counter())[key] += 1
        if predicted != actual:
            errors.append({**case, "got": str(status)})
        if on_case is not None:
            on_case()

    def scores(c: Counter) -> dict:
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = (c["tp"] + c["tn"]) / max(sum(c.values()), 1)
        return {
            "cases": sum(c.values()),
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "accuracy": round(accuracy, 3),
        }

    return {
        "semantic": embedder is not None,
        "learned": LEARNED if learned is None else learned,
        **scores(counts),
        "by_kind": {k: scores(c) for k, c in sorted(by_kind.items())},
        "errors": errors,
    }
