"""``bank stats``: what the bank holds and how well its hidden tests catch mistakes."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager

from ..judge.worker import Zygote
from .loader import Problem
from .mutation.engine import MIN_SCORE, MutationReport, analyse
from .schema import Kind


def bank_stats(
    problems: list[Problem],
    judge: Callable[[Problem], AbstractContextManager[Zygote]],
    on_problem: Callable[[Problem], None] | None = None,
) -> dict:
    """Counts per kind, area, topic and difficulty; mutation scores of implement problems.
    ``judge(problem)`` lends a warm judge for one problem (``Service.judge``)."""
    reports: dict[str, MutationReport] = {}
    skipped = []
    for problem in problems:
        if problem.kind is Kind.IMPLEMENT:
            if problem.missing_extras():
                skipped.append(problem.id)
            else:
                with judge(problem) as zygote:
                    reports[problem.id] = analyse(problem, zygote)
        if on_problem is not None:
            on_problem(problem)
    scores = [r.score for r in reports.values()]
    areas = Counter(area for p in problems for area in {t.split("/")[0] for t in p.spec.topics})
    return {
        "problems": len(problems),
        "by_kind": dict(Counter(str(p.kind) for p in problems)),
        "pytorch": sum("torch" in p.spec.requires for p in problems),
        "by_area": dict(sorted(areas.items())),
        "by_topic": dict(sorted(Counter(t for p in problems for t in p.spec.topics).items())),
        "by_difficulty": dict(Counter(p.spec.difficulty for p in problems)),
        "mutation": {
            "median": statistics.median(scores) if scores else None,
            "minimum": min(scores) if scores else None,
            "threshold": MIN_SCORE,
            "per_problem": {
                pid: {
                    "score": r.score,
                    "mutants": len(r.counted),
                    "equivalent": len(r.results) - len(r.counted),
                }
                for pid, r in sorted(reports.items())
            },  # fmt: skip
            "with_survivors": {
                pid: [s.mutant.id for s in r.survivors]
                for pid, r in sorted(reports.items())
                if r.survivors
            },
            "skipped_missing_extras": skipped,
        },
    }
