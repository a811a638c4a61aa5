"""Verdicts and the per-test events the judge yields."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum


class ProblemFault(Exception):
    """The problem itself is broken (its reference raised, a test sent non-data...)."""


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"  # an exception in candidate code
    TIMEOUT = "timeout"
    MEMORY = "memory"
    OUTPUT_LIMIT = "output_limit"
    VIOLATION = "violation"  # a sandbox rule was hit
    PROBLEM_ERROR = "problem_error"  # the problem's own fault, not the candidate's


# When tests disagree, the overall status is the most severe one present.
SEVERITY = [
    Outcome.PROBLEM_ERROR,
    Outcome.VIOLATION,
    Outcome.MEMORY,
    Outcome.OUTPUT_LIMIT,
    Outcome.TIMEOUT,
    Outcome.ERROR,
    Outcome.FAIL,
    Outcome.PASS,
]


def overall(statuses: list[Outcome]) -> Outcome:
    """The most severe outcome among ``statuses`` (pass when there are none)."""
    present = set(statuses)
    return next((o for o in SEVERITY if o in present), Outcome.PASS)


@dataclass
class TestEvent:
    """One test's result, yielded as soon as the test finishes."""

    __test__ = False  # not a pytest class, despite the name

    name: str
    dimension: str
    status: Outcome
    message: str = ""
    hint: str = ""
    duration_ms: float = 0.0
    weight: float = 1.0
    output: str = ""
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["status"] = str(self.status)
        data["duration_ms"] = round(self.duration_ms, 3)
        return data
