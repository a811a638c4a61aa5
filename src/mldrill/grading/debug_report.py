"""For debugging tasks: which planted bugs were fixed, and how large the change was.

Bugs come from a debug problem's manifest or, for a generated task, from the mutants planted
in an implement problem's reference; both are described by ``PlantedBug``.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass

from ..bank.loader import Problem
from ..judge.outcomes import Outcome, TestEvent


@dataclass(frozen=True)
class PlantedBug:
    id: str
    file: str
    category: str
    description: str
    caught_by: tuple[str, ...]
    buggy_text: str  # text that is present while the bug is


@dataclass(frozen=True)
class DebugSetup:
    """What a debugging task was made of: its bugs, the files handed out, the fixed files."""

    bugs: tuple[PlantedBug, ...]
    starter: dict[str, bytes]
    fixed: dict[str, bytes]


def manifest_setup(problem: Problem) -> DebugSetup:
    bugs = tuple(
        PlantedBug(b.id, b.file, b.category, b.description, tuple(b.caught_by), b.buggy)
        for b in problem.spec.bugs
    )
    return DebugSetup(bugs, problem.starter_files(), problem.solution_files())


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


def bug_report(setup: DebugSetup, files: dict[str, bytes], events: list[TestEvent]):
    """Per bug: fixed when every test that catches it passes."""
    status = {e.name: e.status for e in events}
    report = []
    for bug in setup.bugs:
        text = files.get(bug.file, b"").decode("utf-8", "replace")
        fixed = all(status.get(name) is Outcome.PASS for name in bug.caught_by)
        present = bug.buggy_text in text
        report.append(BugStatus(bug.id, bug.file, bug.category, fixed, present, bug.description))
    return report


def diff_size(setup: DebugSetup, files: dict[str, bytes]) -> DiffSize:
    """Compare the candidate's change to the starter with the reference fix's size."""
    starter = {n: d for n, d in setup.starter.items() if n in files or n.endswith(".py")}
    added, removed = _changed_lines(starter, files)
    ref_added, ref_removed = _changed_lines(starter, setup.fixed)
    minimal = max(ref_added + ref_removed, 1)
    ratio = (added + removed) / minimal
    if added + removed == 0:
        verdict = "unchanged"
    else:
        verdict = "surgical" if ratio <= 2 else "moderate" if ratio <= 5 else "rewrite"
    return DiffSize(added, removed, ref_added + ref_removed, verdict)
