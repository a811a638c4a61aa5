"""Grading: run the suite, score each dimension, and assemble the versioned result."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..bank.loader import Problem
from ..bank.schema import Kind
from ..judge.outcomes import Outcome, TestEvent, overall
from ..judge.runner import run_suite, syntax_check
from ..judge.worker import Zygote
from . import debug_report, readability
from .scoring import dimension_scores, overall_score

RESULT_VERSION = 1


@dataclass
class GradeResult:
    """What a grading produced; ``to_dict`` is the JSON contract in docs/results.md."""

    problem: str
    kind: str
    suite: str
    status: Outcome
    score: float
    dimensions: dict[str, float]
    tests: list[TestEvent]
    elapsed_ms: float
    readability: readability.Readability | None = None
    syntax_error: dict | None = None
    bugs: list[debug_report.BugStatus] = field(default_factory=list)
    diff: debug_report.DiffSize | None = None

    def to_dict(self) -> dict:
        return {
            "version": RESULT_VERSION,
            "problem": self.problem,
            "kind": self.kind,
            "suite": self.suite,
            "status": str(self.status),
            "score": self.score,
            "dimensions": self.dimensions,
            "tests": [t.to_dict() for t in self.tests],
            "elapsed_ms": round(self.elapsed_ms, 3),
            "readability": self.readability.to_dict() if self.readability else None,
            "syntax_error": self.syntax_error,
            "bugs": [b.to_dict() for b in self.bugs],
            "diff": self.diff.to_dict() if self.diff else None,
        }

    @property
    def passed(self) -> int:
        return sum(1 for t in self.tests if t.status is Outcome.PASS)


def candidate_files(problem: Problem, files: dict[str, bytes]) -> dict[str, bytes]:
    """What the candidate may change: ``solution.py``, or the project's Python files."""
    if problem.kind is Kind.IMPLEMENT:
        return {"solution.py": files["solution.py"]}
    return {n: d for n, d in files.items() if n.endswith(".py") and not n.startswith("tests/")}


def grade(
    problem: Problem,
    files: dict[str, bytes],
    zygote: Zygote,
    suite: str = "hidden",
    on_event: Callable[[TestEvent], None] | None = None,
    clock: Callable[[], float] = time.perf_counter,
    measure_readability: bool = True,
    debug: debug_report.DebugSetup | None = None,
) -> GradeResult:
    """Grade ``files`` against ``suite``; ``on_event`` sees each test as it finishes.

    ``debug`` describes a debugging task (planted bugs, starter, fixed files); debug problems
    use their manifest when it is not given.
    """
    start = clock()
    files = candidate_files(problem, files)
    lint = readability.start(files) if measure_readability else None  # overlaps the tests
    syntax = syntax_check(files)  # parsed once, here; the runner reuses the answer
    events = []
    for event in run_suite(problem, files, suite, zygote, syntax):
        events.append(event)
        if on_event is not None:
            on_event(event)
    read = readability.collect(lint) if measure_readability else None
    scores = dimension_scores(events, read.score if read and syntax is None else None)
    if syntax is not None:
        scores["readability"] = 0.0
    result = GradeResult(
        problem=problem.id,
        kind=str(problem.kind),
        suite=suite,
        status=overall([e.status for e in events]),
        score=overall_score(
            scores, problem.spec.weights, any(e.status is Outcome.PASS for e in events)
        ),
        dimensions=scores,
        tests=events,
        elapsed_ms=(clock() - start) * 1000,
        readability=read,
        syntax_error=vars(syntax) if syntax else None,
    )
    if debug is None and problem.kind is Kind.DEBUG:
        debug = debug_report.manifest_setup(problem)
    if debug is not None and suite == "hidden":
        result.bugs = debug_report.bug_report(debug, files, events)
        result.diff = debug_report.diff_size(debug, files)
    return result
