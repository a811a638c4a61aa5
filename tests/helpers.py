"""Builds small throwaway problem folders for tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

from mldrill.bank.loader import load_problem

SECRET = "mldrill-secret-7d1e93a0c4"

PROBE_HIDDEN = f'''
from mldrill.grading.testkit import case, expect_equal

SECRET = "{SECRET}"


@case("correctness")
def test_answer(sol):
    expect_equal(sol.answer(), SECRET, what="answer()")


@case("edge_cases")
def test_ping(sol):
    expect_equal(sol.ping(), "pong", what="ping()")
'''

PROBE_SOLUTION = f'''
def answer():
    return "{SECRET}"


def ping():
    return "pong"
'''


def build_problem(
    root: Path,
    hidden: str = PROBE_HIDDEN,
    solution: str = PROBE_SOLUTION,
    starter: str = "def answer():\n    return None\n\n\ndef ping():\n    return None\n",
    public: str | None = None,
    problem_id: str = "probe",
    limits: str = "test_seconds = 1.0\nmemory_mb = 256\ncpu_seconds = 10\noutput_kb = 16",
):
    """A valid implement problem in ``root/problem_id`` and its loaded ``Problem``."""
    folder = root / problem_id
    for sub in ("starter", "solution", "tests", "wrong"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (folder / "problem.toml").write_text(
        textwrap.dedent(f'''
        id = "{problem_id}"
        title = "Probe problem"
        kind = "implement"
        topics = ["numerics"]
        difficulty = "easy"
        time_minutes = 5
        summary = "A problem used by mldrill's own tests."
        hints = ["first", "second"]
        why = "testing"

        [limits]
        ''')
        + limits
        + textwrap.dedent("""

        [[wrong]]
        path = "wrong/a.py"
        status = "fail"

        [[wrong]]
        path = "wrong/b.py"
        status = "fail"
        """)
    )
    (folder / "statement.md").write_text("# Probe\n")
    (folder / "starter" / "solution.py").write_text(starter)
    (folder / "solution" / "solution.py").write_text(textwrap.dedent(solution))
    (folder / "tests" / "hidden.py").write_text(textwrap.dedent(hidden))
    (folder / "tests" / "public.py").write_text(textwrap.dedent(public or hidden))
    (folder / "wrong" / "a.py").write_text(starter)
    (folder / "wrong" / "b.py").write_text(starter)
    return load_problem(folder)


# A two-round mock format (a coding round and a theory round) for tests.
SHORT_FORMAT = """
id = "short"
title = "Short screen"
description = "One coding round and one theory round, for tests."

[[rounds]]
title = "Code"
kind = "implement"
minutes = 10
pool = ["softmax"]

[[rounds]]
title = "Theory"
kind = "theory"
minutes = 5
pool = ["l1_vs_l2"]
"""

# The same rounds the other way round: a theory round's result shows before the next round.
THEORY_FIRST_FORMAT = """
id = "theory-first"
title = "Theory first"
description = "A theory round, then a coding round, for tests."

[[rounds]]
title = "Theory"
kind = "theory"
minutes = 5
pool = ["l1_vs_l2"]

[[rounds]]
title = "Code"
kind = "implement"
minutes = 10
pool = ["softmax"]
"""
