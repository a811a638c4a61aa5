"""Mock interviews: formats, the stored clock, strict and practice modes, scorecard, ratings."""

import random
from datetime import UTC, datetime, timedelta

import pytest
from helpers import SHORT_FORMAT as SHORT
from typer.testing import CliRunner

from mldrill.cli.app import app
from mldrill.feedback import charts
from mldrill.feedback.report import to_html
from mldrill.service import Service
from mldrill.session import adaptive
from mldrill.session.formats import FormatError, load_format, load_formats
from mldrill.session.mock import HINT_COST, MockError

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now=T0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def formats(tmp_path):
    root = tmp_path / "formats"
    root.mkdir()
    (root / "short.toml").write_text(SHORT)
    return root


@pytest.fixture
def make_service(tmp_path, formats):
    made = []

    def make(clock):
        svc = Service(db_url=f"sqlite:///{tmp_path / 'mock.db'}", clock=clock,
                      rng=random.Random(7))  # fmt: skip
        svc.mock.formats_root = formats
        made.append(svc)
        return svc

    yield make
    for svc in made:
        svc.close()


def reference(svc, problem_id="softmax"):
    return svc.mock.reference("implement", problem_id)["files"]


def test_every_preset_format_loads_and_has_its_rounds():
    found = load_formats()
    assert set(found) == {"mlre-hybrid", "ml-fundamentals", "llm-deep-dive", "coding-screen",
                          "behavioral", "research-scientist"}  # fmt: skip
    hybrid = found["mlre-hybrid"]
    assert [r.kind for r in hybrid.rounds] == ["implement", "debug", "theory", "theory"]
    assert 70 <= hybrid.minutes <= 80
    assert found["coding-screen"].minutes == 45


def test_a_bad_format_names_the_file_and_the_field(tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text(
        SHORT.replace('id = "short"', 'id = "broken"').replace("minutes = 5", "minutes = -1")
    )
    with pytest.raises(FormatError, match=r"broken.toml: rounds.1.minutes"):
        load_format(bad)
    odd = tmp_path / "odd.toml"
    odd.write_text(SHORT.replace('kind = "theory"', 'kind = "essay"').replace('"short"', '"odd"'))
    with pytest.raises(FormatError, match=r"odd.toml: rounds.1.kind"):
        load_format(odd)


def test_every_preset_can_be_filled_from_the_bank(tmp_path):
    clock = Clock()
    svc = Service(db_url=f"sqlite:///{tmp_path / 'all.db'}", clock=clock, rng=random.Random(1))
    for format_id, fmt in svc.mock.formats().items():
        view = svc.mock.view(svc.mock.create(format_id, strict=True))
        assert [r.kind for r in view.rounds] == [r.kind for r in fmt.rounds]
        assert len({r.item_id for r in view.rounds}) == len(view.rounds)  # no repeats
    svc.close()


def test_strict_mode_submits_the_saved_draft_when_time_runs_out(make_service):
    clock = Clock()
    svc = make_service(clock)
    sid = svc.mock.create("short", strict=True)
    view = svc.mock.view(sid)
    code = view.rounds[0]
    assert code.state == "running" and code.remaining_seconds == 600
    svc.mock.save_draft(sid, code.id, {"files": reference(svc)})
    clock.advance(minutes=4)
    assert svc.mock.view(sid).rounds[0].remaining_seconds == 360
    with pytest.raises(MockError, match="strict"):
        svc.mock.pause(sid)
    with pytest.raises(MockError, match="strict"):
        svc.mock.hint(sid, code.id)
    clock.advance(minutes=7)  # one minute past the deadline
    view = svc.mock.view(sid)
    first, second = view.rounds
    assert first.state == "submitted" and first.auto_submitted
    assert first.submitted_at == T0 + timedelta(minutes=10)  # at the deadline, not when seen
    assert first.score is None and first.result is None  # hidden until the end
    assert second.state == "running" and second.remaining_seconds == 240  # no break between
    with pytest.raises(MockError, match="not the current one"):
        svc.mock.submit(sid, first.id, {"files": reference(svc)})
    svc.mock.submit(sid, second.id, {"text": "L1 gives sparse weights; L2 shrinks them."})
    view = svc.mock.view(sid)
    assert view.finished
    assert view.rounds[0].score == 100.0 and view.rounds[0].result["status"] == "pass"
    card = svc.mock.scorecard(sid)
    assert 0 < card.score < 100
    assert set(card.balance) == {"coding", "theory"}
    assert card.dimensions["correctness"] == 100.0
    assert "def softmax" in card.references[0]["files"]["solution.py"]
    assert card.references[1]["model_answer"]


def test_a_long_absence_uses_up_every_round_in_strict_mode(make_service):
    clock = Clock()
    svc = make_service(clock)
    sid = svc.mock.create("short", strict=True)
    clock.advance(hours=2)
    view = svc.mock.view(sid)
    assert view.finished and all(r.auto_submitted for r in view.rounds)
    assert view.rounds[1].submitted_at == T0 + timedelta(minutes=15)
    assert svc.mock.scorecard(sid).score < 50


def test_the_clock_survives_a_restart(make_service):
    clock = Clock()
    sid = make_service(clock).mock.create("short", strict=True)
    clock.advance(minutes=3)
    again = make_service(clock)  # a new process on the same database
    assert again.mock.view(sid).rounds[0].remaining_seconds == 420


def test_practice_mode_pauses_shows_results_and_charges_hints(make_service):
    clock = Clock()
    svc = make_service(clock)
    sid = svc.mock.create("short", strict=False)
    code = svc.mock.view(sid).rounds[0]
    clock.advance(minutes=2)
    svc.mock.pause(sid)
    clock.advance(minutes=30)  # paused: the clock stands still
    view = svc.mock.view(sid)
    assert view.paused and view.rounds[0].remaining_seconds == 480
    with pytest.raises(MockError, match="paused"):
        svc.mock.submit(sid, code.id, {"files": reference(svc)})
    svc.mock.resume(sid)
    clock.advance(minutes=1)
    assert svc.mock.view(sid).rounds[0].remaining_seconds == 420
    hint = svc.mock.hint(sid, code.id)
    assert hint
    done = svc.mock.submit(sid, code.id, {"files": reference(svc)})
    assert done.score == 100.0 - HINT_COST  # practice shows the result at once
    assert done.used_seconds == 180
    second = svc.mock.view(sid).rounds[1]
    assert second.state == "waiting"  # practice: the next round starts when asked
    svc.mock.start_round(sid)
    assert svc.mock.view(sid).rounds[1].state == "running"


def test_bad_drafts_are_refused_with_a_reason(make_service):
    svc = make_service(Clock())
    sid = svc.mock.create("short")
    code = svc.mock.view(sid).rounds[0]
    with pytest.raises(MockError, match="'files' must map"):
        svc.mock.save_draft(sid, code.id, {"files": {"solution.py": 3}})
    with pytest.raises(MockError, match="no mock format 'nope'"):
        svc.mock.create("nope")


def test_elo_moves_towards_the_result():
    user = {}
    item = adaptive.Rated(adaptive.PRIOR["medium"])
    expected = adaptive.update(user, item, ["numerics/stability"], 1.0)
    assert expected == pytest.approx(0.5)
    assert user["numerics/stability"].rating == pytest.approx(1520.0)
    assert user["numerics"].rating == pytest.approx(1520.0)
    assert item.rating == pytest.approx(1480.0)
    adaptive.update(user, item, ["numerics/stability"], 0.0)
    assert user["numerics"].rating < 1520.0 and user["numerics"].games == 2
    assert adaptive.k_factor(0) == 40.0 and adaptive.k_factor(1000) == 16.0


def test_choice_prefers_unseen_then_the_weakest_topic_then_the_closest_level():
    cands = [
        adaptive.Candidate("a", ("classic/graphs",), "medium"),
        adaptive.Candidate("b", ("numerics/stability",), "hard"),
        adaptive.Candidate("c", ("numerics/stability",), "medium"),
    ]
    user = {"numerics": adaptive.Rated(1400.0), "numerics/stability": adaptive.Rated(1400.0)}
    rng = random.Random(0)
    assert adaptive.choose(cands, user, {}, set(), rng).id == "c"  # weak topic, closer level
    assert adaptive.choose(cands, user, {}, {"c"}, rng).id == "b"  # unseen first
    assert adaptive.choose(cands, user, {}, {"b", "c"}, rng).id == "a"


def test_graded_answers_update_ratings_and_the_report(make_service, tmp_path):
    clock = Clock()
    svc = make_service(clock)
    svc.study.grade("l1_vs_l2", "I don't know.", semantic=False)
    ratings = svc.ratings.user()
    assert ratings["foundations"].rating < adaptive.START
    report = svc.report()
    assert report.balance["theory"]["count"] == 1
    assert any(t == "foundations" for t, _, _ in report.mastery)
    html = to_html(report, "today")
    assert html.count("<svg") == 3 and "Topic mastery" in html


def test_charts_escape_labels():
    svg = charts.bar_chart([("<script>", 50.0)], "a & b")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "a &amp; b" in svg


def test_cli_mock_lists_formats_and_report_writes_html(tmp_path):
    runner = CliRunner()
    listing = runner.invoke(app, ["mock", "--list"])
    assert listing.exit_code == 0 and "mlre-hybrid" in listing.output
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", "--html", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("<!doctype html>")
    bad = runner.invoke(app, ["mock", "--format", "nope"])
    assert bad.exit_code == 2 and "no mock format" in bad.output


def test_cli_mock_behavioural_round_in_practice_mode(tmp_path):
    runner = CliRunner()
    story = (
        "When I was at a startup our model kept failing in production. I owned the fix: "
        "I added monitoring and I retrained weekly. As a result errors fell by 40%.\n"
    )
    # Enter starts nothing (round 1 runs already); the answer, a blank line submits; q leaves.
    result = runner.invoke(app, ["mock", "--format", "behavioral"], input=story + "\nq\n")
    assert result.exit_code == 0, result.output
    assert "round score" in result.output and "resume with: mldrill mock --resume" in result.output
    assert "reference:" in result.output  # practice mode shows the reference after a round


def test_cli_prints_each_rubric_point_of_a_theory_round():
    from rich.console import Console

    from mldrill.cli.mock import _print_reference

    console = Console(record=True, width=200)
    result = {
        "points": [
            {
                "status": "covered",
                "description": "L1 gives sparse weights",
                "evidence": "L1 zeroes",
            },
            {"status": "missed", "description": "L2 shrinks smoothly", "evidence": ""},
        ],
        "misconceptions": [{"evidence": "L2 is sparse", "correction": "L2 only shrinks."}],
    }
    ref = {"title": "L1 vs L2", "model_answer": "L1 ...", "points": [
        {"description": "L1 gives sparse weights", "weight": 1.0}]}  # fmt: skip
    _print_reference(console, ref, result)
    out = console.export_text()
    assert "covered L1 gives sparse weights" in out and 'evidence: "L1 zeroes"' in out
    assert "missed L2 shrinks smoothly" in out
    assert 'misconception "L2 is sparse"' in out and "correction: L2 only shrinks." in out
    assert out.index("model answer") < out.index("L1 ...")
