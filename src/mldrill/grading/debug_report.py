"""For debug problems: which planted bugs were fixed, and how large the change was."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass

from ..bank.loader import Problem
from ..judge.outcomes import Outcome, TestEvent


@dataclass
class BugStatus:
    id: str
    file: str
    category: str
    fixed: bool
    buggy_text_present: bool
    description: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class DiffSize:
    lines_added: int
    lines_removed: int
    minimal_lines: int  # lines the reference fix changes
    verdict: str  # "surgical", "moderate" or "rewrite"

    def to_dict(self) -> dict:
        return asdict(self)


def _changed_lines(a: dict[str, bytes], b: dict[str, bytes]) -> tuple[int, int]:
    added = removed = 0
    for name in sorted(set(a) | set(b)):
        old = a.get(name, b"").decode("utf-8", "replace").splitlines()
        new = b.get(name, b"").decode("utf-8", "replace").splitlines()
        for line in difflib.unified_diff(old, new, lineterm="", n=0):
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
    return added, removed


def bug_report(problem: Problem, files: dict[str, bytes], events: list[TestEvent]):
    """Per bug: fixed when every test that catches it passes."""
    status = {e.name: e.status for e in events}
    report = []
    for bug in problem.spec.bugs:
        text = files.get(bug.file, b"").decode("utf-8", "replace")
        fixed = all(status.get(name) is Outcome.PASS for name in bug.caught_by)
        report.append(
            BugStatus(bug.id, bug.file, bug.category, fixed, bug.buggy in text, bug.description)
        )
    return report


def diff_size(problem: Problem, files: dict[str, bytes]) -> DiffSize:
    """Compare the candidate's change to the starter with the reference fix's size."""
    starter = problem.starter_files()
    added, removed = _changed_lines(starter, files)
    ref_added, ref_removed = _changed_lines(starter, problem.solution_files())
    minimal = max(ref_added + ref_removed, 1)
    ratio = (added + removed) / minimal
    verdict = "surgical" if ratio <= 2 else "moderate" if ratio <= 5 else "rewrite"
    return DiffSize(added, removed, ref_added + ref_removed, verdict)
