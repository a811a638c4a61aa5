"""``bank check``: prove every problem is sound by running it, not by reading it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from ..judge.outcomes import Outcome, overall
from ..judge.runner import run_suite
from ..judge.worker import Zygote
from .loader import Problem
from .schema import Bug, Kind


@dataclass
class Finding:
    problem: str
    check: str
    ok: bool
    detail: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def apply_bug(files: dict[str, bytes], bug: Bug) -> dict[str, bytes]:
    """The project with ``bug`` planted: its fixed text, which must occur once, made buggy."""
    text = files[bug.file].decode("utf-8")
    count = text.count(bug.fixed)
    if count != 1:
        raise ValueError(f"bug {bug.id}: 'fixed' text occurs {count} times in {bug.file}")
    out = dict(files)
    out[bug.file] = text.replace(bug.fixed, bug.buggy).encode("utf-8")
    return out


def _statuses(problem: Problem, files: dict[str, bytes], suite: str, zygote: Zygote):
    return {e.name: e for e in run_suite(problem, files, suite, zygote)}


def _verdict(problem, files, suite, zygote, culprits) -> tuple[dict, list[str], str]:
    """Run a suite; ``culprits(events)`` names the tests that break the property checked.

    Efficiency tests time code on a machine that may be busy: when every culprit is one, the
    run is repeated once and the second run decides (the note says so). Any other failure
    counts at once.
    """
    events = _statuses(problem, files, suite, zygote)
    bad = culprits(events)
    if bad and all(events[n].dimension == "efficiency" for n in bad if n in events):
        events = _statuses(problem, files, suite, zygote)
        bad = culprits(events)
        return events, bad, " (efficiency tests re-run once after a noisy first run)"
    return events, bad, ""


def _not_passing(events: dict) -> list[str]:
    return [n for n, e in events.items() if e.status is not Outcome.PASS]


def _summary(events: dict) -> str:
    # The end of a message holds the exception itself, so keep the tail when shortening.
    bad = [f"{n}={e.status}" + (f" ({e.message[-300:]})" if e.message else "")
           for n, e in events.items() if e.status is not Outcome.PASS]  # fmt: skip
    return "; ".join(bad) or "all passed"


def check_problem(problem: Problem, zygote: Zygote) -> Iterator[Finding]:
    """Yield one finding per property of ``problem``."""
    pid = problem.id
    missing = problem.missing_extras()
    if missing:
        extras = ", ".join(missing)
        yield Finding(pid, "skipped", True, f"needs {extras}, not installed: skipped")
        return
    reference = problem.solution_files()
    for suite in ("public", "hidden"):
        events, bad, note = _verdict(problem, reference, suite, zygote, _not_passing)
        ok = bool(events) and not bad
        yield Finding(pid, f"reference passes {suite} tests", ok, _summary(events) + note)
    hidden_names = [c.name for c in problem.cases("hidden")]
    dims = {c.dimension for c in problem.cases("hidden")}
    yield Finding(pid, "hidden tests cover correctness", "correctness" in dims, ", ".join(dims))
    starter = _statuses(problem, problem.starter_files(), "hidden", zygote)
    yield Finding(
        pid,
        "starter fails hidden tests",
        overall([e.status for e in starter.values()]) is not Outcome.PASS,
        _summary(starter),
    )
    for wrong in problem.spec.wrong:

        def culprits(events, wrong=wrong):
            got = overall([e.status for e in events.values()])
            bad = [n for n in wrong.failing if n in events and events[n].status is Outcome.PASS]
            if str(got) != wrong.status:  # the tests that set the wrong overall status
                bad += [n for n, e in events.items() if e.status is got] or ["(overall)"]
            return bad

        files = problem.wrong_files(wrong.path)
        events, bad, note = _verdict(problem, files, "hidden", zygote, culprits)
        got = overall([e.status for e in events.values()])
        missing = [n for n in wrong.failing if n not in hidden_names]
        passed = [n for n in wrong.failing if n in events and events[n].status is Outcome.PASS]
        ok = not bad and not missing
        detail = f"expected {wrong.status}, got {got}{note}"
        if missing:
            detail += f"; unknown tests named in 'failing': {missing}"
        if passed:
            detail += f"; these should not pass but did: {passed}"
        yield Finding(
            pid, f"{wrong.path} gets {wrong.status}", ok, detail + "; " + _summary(events)
        )
    if problem.kind is Kind.DEBUG:
        yield from _check_bugs(problem, reference, hidden_names, zygote)
    else:
        yield _check_mutants(problem, zygote)


def _check_mutants(problem: Problem, zygote: Zygote) -> Finding:
    from .mutation.engine import MIN_SCORE, analyse

    report = analyse(problem, zygote)
    survivors = ", ".join(f"{r.mutant.id} ({r.mutant.description})" for r in report.survivors)
    detail = f"{report.score}% of {len(report.counted)} mutants killed"
    if survivors:
        detail += f"; surviving: {survivors}"
    return Finding(problem.id, f"hidden tests kill >= {MIN_SCORE:g}% of mutants",
                   report.score >= MIN_SCORE, detail)  # fmt: skip


def _check_bugs(problem: Problem, reference, hidden_names, zygote) -> Iterator[Finding]:
    pid = problem.id
    planted = dict(reference)
    try:
        for bug in problem.spec.bugs:
            planted = apply_bug(planted, bug)
        same = planted == problem.starter_files()
        detail = "" if same else "starter/ differs from solution/ with all bugs applied"
        yield Finding(pid, "starter = solution with every bug planted", same, detail)
    except ValueError as exc:
        yield Finding(pid, "starter = solution with every bug planted", False, str(exc))
    for bug in problem.spec.bugs:
        try:
            files = apply_bug(reference, bug)
        except ValueError as exc:
            yield Finding(pid, f"bug {bug.id} is caught", False, str(exc))
            continue
        events = _statuses(problem, files, "hidden", zygote)
        unknown = [n for n in bug.caught_by if n not in hidden_names]
        missed = [n for n in bug.caught_by if n in events and events[n].status is Outcome.PASS]
        ok = not unknown and not missed
        detail = f"unknown tests {unknown}; " if unknown else ""
        detail += f"not caught by {missed}" if missed else f"caught by {bug.caught_by}"
        yield Finding(pid, f"bug {bug.id} is caught", ok, detail)


def check_questions(bank) -> Iterator[Finding]:
    """Every rubric is sound: the model answer covers every key point (on words alone) and
    states no misconception; behavioural questions are tagged."""
    from ..grading.rubric.grader import Coverage, grade_answer

    for item in bank.items:
        result = grade_answer(item, item.model_answer)
        missing = [p.id for p in result.points if p.status is not Coverage.COVERED]
        yield Finding(item.id, "model answer covers every key point", not missing,
                      f"not covered: {missing}" if missing else "")  # fmt: skip
        wrong = [m.id for m in result.misconceptions]
        yield Finding(item.id, "model answer states no misconception", not wrong,
                      f"triggered: {wrong}" if wrong else "")  # fmt: skip
    yield Finding("behavioral", "behavioural questions present", bool(bank.behavioral),
                  f"{len(bank.behavioral)} questions")  # fmt: skip
