"""Mutation analysis: plant each operator's mistake in the reference, run the hidden tests,
and count what they catch. A surviving mutant is a test gap, or an equivalent mutant that the
problem declares with a reason."""

from __future__ import annotations

import ast
import random
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ...judge.outcomes import Outcome
from ...judge.runner import run_suite
from ...judge.worker import Zygote
from ..loader import Problem
from .operators import OPERATORS, Edit

MIN_SCORE = 90.0


@dataclass(frozen=True)
class Mutant:
    # operator:file:line:col (with #2, #3... for nested sites that start at the same column),
    # stable while the reference is unchanged
    id: str
    operator: str
    file: str
    line: int
    description: str
    edit: Edit

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["edit"]
        return data


def _apply(text: str, edits: list[Edit]) -> str:
    """Apply non-overlapping edits (ast offsets are UTF-8 byte columns)."""
    lines = text.encode("utf-8").splitlines(keepends=True)
    for edit in sorted(edits, key=lambda e: (e.line, e.col), reverse=True):
        start = sum(len(x) for x in lines[: edit.line - 1]) + edit.col
        end = sum(len(x) for x in lines[: edit.end_line - 1]) + edit.end_col
        blob = b"".join(lines)
        blob = blob[:start] + edit.text.encode("utf-8") + blob[end:]
        lines = blob.splitlines(keepends=True)
    return b"".join(lines).decode("utf-8")


def find_mutants(files: dict[str, bytes]) -> list[Mutant]:
    """Every distinct, parseable single-site mutant of the Python files, in a stable order."""
    found: list[Mutant] = []
    ids: dict[str, int] = {}
    for name in sorted(n for n in files if n.endswith(".py")):
        text = files[name].decode("utf-8")
        tree = ast.parse(text)
        seen = {text}
        for op in OPERATORS:
            for edit in op.edits(tree):
                mutated = _apply(text, [edit])
                if mutated in seen:
                    continue
                try:
                    ast.parse(mutated)
                except SyntaxError:
                    continue
                seen.add(mutated)
                ident = f"{op.name}:{name}:{edit.line}:{edit.col}"
                if ident in ids:  # nested sites starting at one column: number the later ones
                    ids[ident] += 1
                    ident = f"{ident}#{ids[ident]}"
                else:
                    ids[ident] = 1
                found.append(Mutant(ident, op.name, name, edit.line, edit.description, edit))
    return found


def plant(files: dict[str, bytes], mutants: list[Mutant]) -> dict[str, bytes]:
    """The files with every given mutant applied (their edits must not overlap)."""
    out = dict(files)
    for name in {m.file for m in mutants}:
        edits = [m.edit for m in mutants if m.file == name]
        out[name] = _apply(files[name].decode("utf-8"), edits).encode("utf-8")
    return out


def _overlaps(a: Edit, b: Edit) -> bool:
    return not ((a.end_line, a.end_col) <= (b.line, b.col) or
                (b.end_line, b.end_col) <= (a.line, a.col))  # fmt: skip


@dataclass
class MutantResult:
    mutant: Mutant
    killed: bool
    equivalent_reason: str = ""
    killed_by: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {**self.mutant.to_dict(), "killed": self.killed,
                "equivalent": self.equivalent_reason, "killed_by": self.killed_by}  # fmt: skip


@dataclass
class MutationReport:
    problem: str
    results: list[MutantResult]

    @property
    def counted(self) -> list[MutantResult]:
        return [r for r in self.results if not r.equivalent_reason]

    @property
    def score(self) -> float:
        counted = self.counted
        if not counted:
            return 100.0
        return round(100.0 * sum(r.killed for r in counted) / len(counted), 1)

    @property
    def survivors(self) -> list[MutantResult]:
        return [r for r in self.counted if not r.killed]

    def to_dict(self) -> dict:
        return {
            "problem": self.problem,
            "score": self.score,
            "mutants": len(self.results),
            "killed": sum(r.killed for r in self.results),
            "equivalent": sum(bool(r.equivalent_reason) for r in self.results),
            "survivors": [r.to_dict() for r in self.survivors],
            "results": [r.to_dict() for r in self.results],
        }


def killing_tests(problem: Problem, files: dict[str, bytes], zygote: Zygote, first_only: bool):
    """Names of hidden tests that do not pass on ``files`` (stops at the first if asked)."""
    failed = []
    for event in run_suite(problem, files, "hidden", zygote):
        if event.status is not Outcome.PASS:
            failed.append(event.name)
            if first_only:
                break
    return failed


def analyse(
    problem: Problem,
    zygote: Zygote,
    on_result: Callable[[MutantResult], None] | None = None,
) -> MutationReport:
    """Run the hidden tests against every mutant of the reference."""
    reference = problem.solution_files()
    declared = {e.id: e.reason for e in problem.spec.equivalent}
    results = []
    for mutant in find_mutants(reference):
        killers = killing_tests(problem, plant(reference, [mutant]), zygote, first_only=True)
        result = MutantResult(mutant, bool(killers), declared.get(mutant.id, ""), killers)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return MutationReport(problem.id, results)


@dataclass
class PlantedBug:
    mutant: Mutant
    caught_by: list[str]


def generate_debug_task(
    problem: Problem, zygote: Zygote, bugs: int, seed: int
) -> tuple[dict[str, bytes], list[PlantedBug]]:
    """Plant ``bugs`` mutants, each caught by the hidden tests on its own, at separate sites.

    Deterministic: the same problem, count and seed give the same task.
    """
    reference = problem.solution_files()
    candidates = find_mutants(reference)
    random.Random(seed).shuffle(candidates)
    chosen: list[PlantedBug] = []
    for mutant in candidates:
        if len(chosen) == bugs:
            break
        if any(
            _overlaps(mutant.edit, c.mutant.edit) for c in chosen if c.mutant.file == mutant.file
        ):
            continue
        killers = killing_tests(problem, plant(reference, [mutant]), zygote, first_only=False)
        if killers:
            chosen.append(PlantedBug(mutant, killers))
    if len(chosen) < bugs:
        raise ValueError(f"{problem.id}: only {len(chosen)} independent bugs could be planted")
    chosen.sort(key=lambda b: (b.mutant.file, b.mutant.line))
    return plant(reference, [b.mutant for b in chosen]), chosen
