"""Run candidate source against the probe problem and summarise what came back."""

from __future__ import annotations

import textwrap

from mldrill.judge.outcomes import overall
from mldrill.judge.runner import run_suite


def judge(problem, zygote, source: str):
    """Return (overall status, {test name: event}) for ``source`` as solution.py."""
    files = {"solution.py": textwrap.dedent(source).encode()}
    events = {e.name: e for e in run_suite(problem, files, "hidden", zygote)}
    return overall([e.status for e in events.values()]), events
