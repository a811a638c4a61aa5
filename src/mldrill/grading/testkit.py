"""What problem tests are written with. Tests run on the trusted side only.

A test module is plain Python: functions decorated with ``@case`` that take any of these
parameters by name: ``sol`` (the candidate: their ``solution`` module, or the project root
for debug problems), ``ref`` (the reference module, implement problems only) and ``rng``
(a ``numpy.random.Generator`` seeded from the test's name, so every run sees the same data).

    @case("numerical_stability", hint="Subtract the row max before exp.")
    def test_large_logits(sol, ref):
        x = np.array([[1000.0, 1001.0]])
        expect_close(sol.softmax(x), ref.softmax(x), what="softmax of large logits")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..judge.connection import CandidateError
from ..judge.outcomes import ProblemFault
from ..judge.proxy import RemoteMember
from .checkers import Check, allclose, equal

DIMENSIONS = ("correctness", "edge_cases", "numerical_stability", "efficiency")


class CheckFailed(AssertionError):
    """A check did not hold: the candidate's result is wrong."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Case:
    name: str
    fn: Callable
    dimension: str
    weight: float = 1.0
    hint: str = ""
    timeout: float | None = None


def case(dimension: str = "correctness", *, weight: float = 1.0, hint: str = "", timeout=None):
    """Mark a function as a test in ``dimension``; ``hint`` is shown when it fails."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; use one of {', '.join(DIMENSIONS)}")

    def mark(fn: Callable) -> Callable:
        fn.__mldrill_case__ = Case(fn.__name__, fn, dimension, weight, hint, timeout)
        return fn

    return mark


def _raise(result: Check) -> None:
    if not result.ok:
        raise CheckFailed(result.message, result.hint)


def expect_close(got, expected, *, rtol: float = 1e-6, atol: float = 1e-9, what="the result"):
    """Arrays or numbers equal within tolerance, with shape and dtype checked first."""
    _raise(allclose.check(got, expected, rtol=rtol, atol=atol, what=what))


def expect_equal(got, expected, *, what="the result"):
    """Exactly equal, with types checked (no lying subclasses reach this side)."""
    _raise(equal.check(got, expected, what=what))


def expect(condition: bool, message: str, hint: str = "") -> None:
    """A property that must hold, with the message shown when it does not."""
    if not condition:
        raise CheckFailed(message, hint)


def expect_raises(exc_names: str | tuple[str, ...], fn: Callable, *args, **kwargs) -> None:
    """The candidate's ``fn(*args)`` must raise one of the named exception types."""
    names = (exc_names,) if isinstance(exc_names, str) else exc_names
    try:
        got = fn(*args, **kwargs)
    except CandidateError as exc:
        if exc.type in names:
            return
        raise CheckFailed(f"expected {' or '.join(names)}, but your code raised {exc}") from None
    raise CheckFailed(f"expected {' or '.join(names)} to be raised, but the call returned {got!r}")


def expect_fast(
    member: RemoteMember, reference: Callable, *args, max_ratio: float = 10.0, floor_ms=5.0, **kw
):
    """The candidate call must take at most ``max_ratio`` times the reference on these inputs.

    Timed here, in this run: one candidate call under ``floor_ms`` (transfer included)
    passes at once; otherwise the best of three calls, less the best of three echoes of the
    arguments, against the best of three reference runs. See docs/problem-format.md.
    """
    floor = floor_ms / 1000
    conn = member._conn
    if conn.timed_call(member, args, kw)[1] <= floor:
        return  # even with the transfer counted against it, it is fast enough
    calls = min(conn.timed_call(member, args, kw)[1] for _ in range(3))
    transfer = min(conn.transfer_time(args, kw) for _ in range(3))
    cand = max(calls - transfer, 0.0)
    ref = min(_time(reference, args, kw) for _ in range(3))
    limit = max(ref * max_ratio, floor)
    if cand > limit:
        raise CheckFailed(
            f"too slow: your code took {cand * 1000:.1f} ms where the reference took "
            f"{ref * 1000:.1f} ms (allowed: {max_ratio:g}x, at least {floor_ms:g} ms)",
            "Look for a loop over elements that could be vectorised, or a quadratic step.",
        )


def _time(fn: Callable, args, kw) -> float:
    import time

    start = time.perf_counter()
    try:
        fn(*args, **kw)
    except Exception as exc:
        raise ProblemFault(f"the reference raised {type(exc).__name__}: {exc}") from exc
    return time.perf_counter() - start


def box_rng(sol, seed: int):
    """A seeded ``numpy.random.Generator`` inside the candidate's process, to pass to their code.

    The reference gets ``np.random.default_rng(seed)`` with the same seed on this side.
    """
    return sol._conn.make_rng(seed)


def attr(member: RemoteMember):
    """The value of a data attribute of a candidate object: ``attr(kf.x)``."""
    return member.value()


__all__ = [
    "Case",
    "CheckFailed",
    "ProblemFault",
    "attr",
    "box_rng",
    "case",
    "expect",
    "expect_close",
    "expect_equal",
    "expect_fast",
    "expect_raises",
]
