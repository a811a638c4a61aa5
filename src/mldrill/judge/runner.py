"""Runs a problem's tests (trusted) against a candidate's files (boxed), one event per test."""

from __future__ import annotations

import ast
import functools
import hashlib
import inspect
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np

from ..bank.loader import Problem
from ..bank.schema import Kind
from ..grading.testkit import Case, CheckFailed, ProblemFault
from . import proxy
from .connection import BoxEnded, CandidateError, Connection
from .outcomes import Outcome, TestEvent
from .worker import Limits, Zygote


@dataclass(frozen=True)
class SyntaxProblem:
    file: str
    line: int
    message: str

    def describe(self) -> str:
        return f"{self.file}, line {self.line}: {self.message}"


def syntax_check(files: dict[str, bytes]) -> SyntaxProblem | None:
    """Parse (never run) every Python file; report the first syntax error."""
    for name, data in sorted(files.items()):
        if not name.endswith(".py"):
            continue
        try:
            ast.parse(data, filename=name)
        except SyntaxError as exc:
            return SyntaxProblem(name, exc.lineno or 0, exc.msg)
        except ValueError as exc:  # null bytes
            return SyntaxProblem(name, 0, str(exc))
    return None


def limits_for(problem: Problem) -> Limits:
    spec = problem.spec.limits
    return Limits(cpu_seconds=spec.cpu_seconds, memory_mb=spec.memory_mb, output_kb=spec.output_kb)


def _seed(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")


class _GuardedReference:
    """The reference module; anything it raises is the problem's fault, not the candidate's."""

    def __init__(self, module) -> None:
        self._module = module

    def __getattr__(self, name: str):
        value = getattr(self._module, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def guarded(*args, **kwargs):
            try:
                return value(*args, **kwargs)
            except Exception as exc:
                raise ProblemFault(f"the reference raised {type(exc).__name__}: {exc}") from exc

        return guarded


@functools.cache
def _parameters(fn) -> tuple[str, ...]:
    return tuple(inspect.signature(fn).parameters)


def _arguments(case: Case, sol, ref) -> dict:
    wanted = _parameters(case.fn)
    available = {"sol": lambda: sol, "ref": lambda: ref}
    available["rng"] = lambda: np.random.default_rng(_seed(case.name))
    return {name: available[name]() for name in wanted if name in available}


@functools.cache
def _single_threaded_torch() -> None:
    import torch

    torch.set_num_threads(1)


_UNCHECKED = object()


def run_suite(
    problem: Problem,
    files: dict[str, bytes],
    suite: str,
    zygote: Zygote,
    syntax: SyntaxProblem | None | object = _UNCHECKED,
    *,
    only: str | None = None,
    connect: Callable[[Zygote, dict[str, bytes], Limits], Connection] = Connection,
) -> Iterator[TestEvent]:
    """Yield one TestEvent per test of ``suite`` as each finishes.

    ``syntax`` is the result of ``syntax_check(files)`` when the caller already has it;
    ``only`` names the one test to run; ``connect`` makes the connection (the tracer's).
    """
    if "torch" in problem.spec.requires:
        _single_threaded_torch()  # the reference is timed against a one-thread box
    try:
        cases = [c for c in problem.cases(suite) if only is None or c.name == only]
        reference = problem.reference()
    except Exception as exc:  # noqa: BLE001 - a broken test file is the problem's fault
        yield TestEvent("load_tests", "correctness", Outcome.PROBLEM_ERROR, f"{exc!r}")
        return
    if syntax is _UNCHECKED:
        syntax = syntax_check(files)
    if syntax is not None:
        for case in cases:
            message = f"SyntaxError in {syntax.describe()}"
            yield TestEvent(case.name, case.dimension, Outcome.ERROR, message, weight=case.weight)
        return
    conn = connect(zygote, files, limits_for(problem))
    ref = _GuardedReference(reference) if reference is not None else None
    sol = None
    try:
        for case in cases:
            start = time.perf_counter()
            conn.set_deadline(case.timeout or problem.spec.limits.test_seconds)
            try:
                if sol is None or conn.box is None:
                    sol = (
                        conn.import_module("solution")
                        if problem.kind is Kind.IMPLEMENT
                        else proxy.Project(conn)
                    )
                status, message, hint = _run_case(case, sol, ref)
            except BoxEnded as ended:
                status, message, hint = ended.outcome, ended.message, ""
                sol = None
            except CandidateError as exc:  # raised while importing the module
                status, message, hint = _candidate_error(exc)
            yield TestEvent(
                case.name,
                case.dimension,
                status,
                message,
                hint if status is not Outcome.PASS else "",
                (time.perf_counter() - start) * 1000,
                case.weight,
                conn.take_output(),
            )
    finally:
        conn.close()


def _candidate_error(exc: CandidateError) -> tuple[Outcome, str, str]:
    if exc.type == "MemoryError":
        return Outcome.MEMORY, "your code ran out of memory (MemoryError)", ""
    return Outcome.ERROR, exc.describe(), ""


def _run_case(case: Case, sol, ref) -> tuple[Outcome, str, str]:
    try:
        case.fn(**_arguments(case, sol, ref))
    except CheckFailed as exc:
        # The author's hint names the likely mistake; the checker's is generic.
        return Outcome.FAIL, exc.message, case.hint or exc.hint
    except CandidateError as exc:
        status, message, hint = _candidate_error(exc)
        return status, message, hint or case.hint
    except ProblemFault as exc:
        return Outcome.PROBLEM_ERROR, str(exc), ""
    except (BoxEnded, KeyboardInterrupt):
        raise
    except Exception as exc:  # noqa: BLE001
        # The reference passes every test (bank check proves it), so a test that cannot use
        # what came back is a wrong result: report it as a failure, with what went wrong.
        return (
            Outcome.FAIL,
            f"the test could not use what your code returned ({type(exc).__name__}: {exc})",
            case.hint,
        )
    return Outcome.PASS, "", ""
