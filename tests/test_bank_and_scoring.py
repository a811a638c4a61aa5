"""Loader errors, the result schema pieces, checkers and scoring."""

import numpy as np
import pytest
from helpers import build_problem

from mldrill.bank.loader import ProblemLoadError, load_problem
from mldrill.bank.schema import Weights
from mldrill.grading.checkers import allclose, equal
from mldrill.grading.scoring import dimension_scores, overall_score
from mldrill.judge.outcomes import Outcome, TestEvent


def test_loader_names_file_and_field(tmp_path):
    problem = build_problem(tmp_path)
    toml = problem.root / "problem.toml"
    toml.write_text(toml.read_text().replace('topics = ["numerics"]', 'topics = ["cooking"]'))
    with pytest.raises(ProblemLoadError, match=r"problem.toml: field 'topics'.*cooking"):
        load_problem(problem.root)


def test_loader_reports_missing_files_and_bad_toml(tmp_path):
    problem = build_problem(tmp_path)
    (problem.root / "tests" / "hidden.py").unlink()
    with pytest.raises(ProblemLoadError, match=r"tests/hidden.py: missing"):
        load_problem(problem.root)
    (problem.root / "problem.toml").write_text("id = [unclosed")
    with pytest.raises(ProblemLoadError, match="not valid TOML"):
        load_problem(problem.root)


def test_unknown_fields_are_rejected(tmp_path):
    problem = build_problem(tmp_path)
    toml = problem.root / "problem.toml"
    toml.write_text("surprise = 1\n" + toml.read_text())
    with pytest.raises(ProblemLoadError, match="field 'surprise'"):
        load_problem(problem.root)


def test_allclose_reports_first_differing_index_and_shapes():
    got = np.array([[1.0, 2.0], [3.0, 5.0]])
    result = allclose.check(got, np.array([[1.0, 2.0], [3.0, 4.0]]))
    assert not result.ok and "first at index [1, 1]" in result.message
    assert "expected 4.0, got 5.0" in result.message
    shape = allclose.check(np.zeros((3, 2)), np.zeros((2, 3)))
    assert not shape.ok and "shape (2, 3)" in shape.message and "transposed" in shape.hint


def test_allclose_flags_nan_with_an_overflow_hint():
    result = allclose.check(np.array([np.nan, 0.5]), np.array([0.5, 0.5]))
    assert not result.ok and "nan" in result.message and "overflow" in result.hint


def test_allclose_wants_an_array_not_a_list():
    result = allclose.check([0.5, 0.5], np.array([0.5, 0.5]))
    assert not result.ok and "list of 2" in result.message


def test_equal_checks_types_exactly():
    assert equal.check([1, 2], [1, 2]).ok
    assert equal.check(np.int64(3), 3).ok
    assert not equal.check(True, 1).ok
    assert not equal.check((1, 2), [1, 2]).ok
    nested = equal.check({"a": [1, 2]}, {"a": [1, 3]})
    assert not nested.ok and "['a'][1]" in nested.message


def _event(dim, status, weight=1.0):
    return TestEvent("t", dim, status, weight=weight)


def test_dimension_scores_are_weighted_pass_shares():
    events = [
        _event("correctness", Outcome.PASS, 3),
        _event("correctness", Outcome.FAIL, 1),
        _event("efficiency", Outcome.TIMEOUT),
    ]
    assert dimension_scores(events, 80.0) == {
        "correctness": 75.0,
        "efficiency": 0.0,
        "readability": 80.0,
    }


def test_overall_renormalises_weights_over_present_dimensions():
    weights = Weights(correctness=0.6, edge_cases=0.2, numerical_stability=0.0, efficiency=0.0,
                      readability=0.2)  # fmt: skip
    assert overall_score({"correctness": 100.0, "readability": 50.0}, weights) == 87.5
    assert overall_score({"correctness": 0.0, "readability": 100.0}, weights, False) == 0.0


def test_bank_check_reruns_once_only_when_every_culprit_is_an_efficiency_test(monkeypatch):
    from mldrill.bank import check

    runs = []

    def fake_statuses(problem, files, suite, zygote):
        runs.append(1)
        timing = Outcome.FAIL if len(runs) == 1 else Outcome.PASS
        return {
            "test_values": TestEvent("test_values", "correctness", Outcome.PASS),
            "test_speed": TestEvent("test_speed", "efficiency", timing),
        }

    monkeypatch.setattr(check, "_statuses", fake_statuses)
    events, bad, note = check._verdict(None, {}, "hidden", None, check._not_passing)
    assert bad == [] and "re-run once" in note and len(runs) == 2

    def always_wrong(problem, files, suite, zygote):
        runs.append(1)
        return {"test_values": TestEvent("test_values", "correctness", Outcome.FAIL)}

    runs.clear()
    monkeypatch.setattr(check, "_statuses", always_wrong)
    events, bad, note = check._verdict(None, {}, "hidden", None, check._not_passing)
    assert bad == ["test_values"] and note == "" and len(runs) == 1
