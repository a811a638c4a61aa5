"""Step-through traces: one test re-run with every call into the candidate's code traced.

The test runs on the trusted side as usual (``runner.run_suite`` with one test selected);
only its calls go to the box with a ``trace`` request, and the box answers with the steps of
the candidate's own frames. A trace holds only what the box saw or made (the arguments it
received, its locals, its result) and the candidate's source lines; expected values never
enter the box, and a hidden test's failure message (which may quote them) is not included.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import asdict, dataclass, field

from ..bank.loader import Problem
from ..grading.grade import candidate_files
from . import proxy
from .box.codec import Handle
from .box.tracing import summarise
from .connection import BoxEnded, Connection
from .outcomes import Outcome
from .runner import run_suite
from .worker import Limits, Zygote

TRACE_VERSION = 1
DEFAULT_STEPS = 2000  # steps recorded per call
DEFAULT_BYTES = 2 * 1024 * 1024  # serialized steps per test
MAX_CALLS = 20  # calls traced per test; later ones run untraced and are counted
SLOWDOWN = 2.0  # a traced test gets this many times its wall-clock limit
MAX_TEXT = 2000  # characters kept of any string the box sends back
MAX_ITEMS = 64  # items kept of any list or mapping inside a step
HIDDEN_MESSAGE = "a check of this hidden test failed (its expected values are not shown here)"
TIME_MESSAGE = "the wall-clock limit for this test was reached"


class UnknownTest(ValueError):
    """No test of that name in the suite; the message lists the known ones."""


@dataclass
class Step:
    """One event in a candidate frame: a line about to run, a return, or an exception."""

    event: str
    file: str
    line: int
    source: str
    function: str
    depth: int
    frame: int
    locals: dict[str, dict]
    value: dict | None = None
    exception: dict | None = None
    unwinding: bool = False


@dataclass
class Call:
    """One call the test made into the candidate's code, and the steps it took."""

    function: str
    arguments: list[dict]
    keywords: dict[str, dict]
    steps: list[Step] = field(default_factory=list)
    truncated: bool = False
    skipped: int = 0
    returned: dict | None = None
    exception: dict | None = None
    stopped: str = ""  # why the call did not finish, when it did not


@dataclass
class Trace:
    """A traced run of one test; ``to_dict`` is plain JSON data."""

    problem: str
    test: str
    suite: str
    status: Outcome
    message: str
    hint: str
    output: str
    calls: list[Call]
    untraced_calls: int = 0

    def to_dict(self) -> dict:
        data = asdict(self)
        data["status"] = str(self.status)
        return {"version": TRACE_VERSION, **data}


def _plain(value, depth: int = 0):
    """Keep only bounded plain data (str, int, finite float, bool, None, lists, dicts)."""
    kind = type(value)
    if value is None or kind in (bool, int):
        return value
    if kind is float:
        return value if math.isfinite(value) else repr(value)
    if kind is str:
        return value[:MAX_TEXT]
    if depth >= 8:
        return None
    if kind in (list, tuple):
        return [_plain(v, depth + 1) for v in value[:MAX_ITEMS]]
    if kind is dict:
        items = itertools.islice(value.items(), MAX_ITEMS)
        return {str(k)[:200]: _plain(v, depth + 1) for k, v in items}
    return None


def _int(value) -> int:
    return value if type(value) is int else 0


def _text(value) -> str:
    return value[:MAX_TEXT] if type(value) is str else ""


def _dict_or_none(value) -> dict | None:
    return _plain(value) if type(value) is dict else None


class TracingConnection(Connection):
    """A connection whose calls run under the box's tracer and are recorded in ``calls``."""

    def __init__(
        self,
        zygote: Zygote,
        files: dict[str, bytes],
        limits: Limits,
        max_steps: int = DEFAULT_STEPS,
        max_bytes: int = DEFAULT_BYTES,
    ) -> None:
        super().__init__(zygote, files, limits)
        self.max_steps = max_steps
        self.bytes_left = max_bytes
        self.calls: list[Call] = []
        self.untraced_calls = 0
        self.sources = {n: d.decode("utf-8", "replace").splitlines() for n, d in files.items()}

    def set_deadline(self, seconds: float) -> None:
        super().set_deadline(seconds * SLOWDOWN)  # tracing slows the candidate's code down

    def call(self, handle: Handle, attr: str | None, args, kwargs):
        if len(self.calls) >= MAX_CALLS:
            self.untraced_calls += 1
            return super().call(handle, attr, args, kwargs)
        message = self.call_message(handle, attr, args, kwargs)
        remaining = self.deadline - time.monotonic()
        message["trace"] = {
            "max_steps": self.max_steps,
            "max_bytes": max(self.bytes_left, 0),
            "seconds": max(remaining * 0.8 - 0.05, 0.01),  # stop in time to send the steps
        }
        call = Call(
            _function_name(handle, attr),
            [summarise(a) for a in message["args"]],
            {str(k): summarise(v) for k, v in message["kwargs"].items()},
        )
        self.calls.append(call)
        try:
            reply = self._exchange(message)
        except BoxEnded as ended:
            call.stopped = f"{ended.message} (the steps so far were lost with the process)"
            raise
        raw = reply.get("trace")
        if type(raw) is dict:
            self._fill(call, raw)
        if "err" in reply and type(reply["err"]) is dict:
            err = reply["err"]
            call.exception = {k: _text(err.get(k)) for k in ("type", "message", "traceback")}
        if call.stopped:
            self._stop_box()
            raise BoxEnded(Outcome.TIMEOUT, TIME_MESSAGE)
        return proxy.wrap(self, self._result(reply))

    def _fill(self, call: Call, raw: dict) -> None:
        steps = raw.get("steps")
        steps = steps[: self.max_steps] if type(steps) is list else []
        call.steps = [self._step(s) for s in steps if type(s) is dict]
        call.skipped = max(_int(raw.get("skipped")), 0)
        call.truncated = bool(raw.get("truncated")) or call.skipped > 0
        call.returned = _dict_or_none(raw.get("returned"))
        if raw.get("stopped") == "time":
            call.stopped = "stopped by the tracer: the time limit for this test was near"
        self.bytes_left -= max(_int(raw.get("bytes")), 0)

    def _step(self, raw: dict) -> Step:
        file, line = _text(raw.get("file")), _int(raw.get("line"))
        lines = self.sources.get(file, [])
        locals_ = raw.get("locals")
        return Step(
            event=_text(raw.get("event")),
            file=file,
            line=line,
            source=lines[line - 1].strip() if 0 < line <= len(lines) else "",
            function=_text(raw.get("function")),
            depth=_int(raw.get("depth")),
            frame=_int(raw.get("frame")),
            locals=_plain(locals_) if type(locals_) is dict else {},
            value=_dict_or_none(raw.get("value")),
            exception=_dict_or_none(raw.get("exception")),
            unwinding=raw.get("unwinding") is True,
        )

    def _stop_box(self) -> None:
        """The tracer interrupted the candidate's code: that child is not used again."""
        if self.box is not None:
            self._keep_output(self.box)
            self.box.close(need_status=False)
            self.box = None


def _function_name(handle: Handle, attr: str | None) -> str:
    if attr is None:
        return f"<{handle.type_name} object>"
    return attr if handle.type_name == "module" else f"{handle.type_name}.{attr}"


def trace_case(
    problem: Problem,
    files: dict[str, bytes],
    test_name: str,
    zygote: Zygote,
    suite: str = "public",
    max_steps: int = DEFAULT_STEPS,
    max_bytes: int = DEFAULT_BYTES,
) -> Trace:
    """Run the test ``test_name`` of ``suite`` with each call into ``files`` traced."""
    try:
        names = [c.name for c in problem.cases(suite)]
    except Exception:  # noqa: BLE001 - run_suite reports a broken test file as an outcome
        names = None
    if names is not None and test_name not in names:
        raise UnknownTest(
            f"no test named {test_name!r} in the {suite} tests of {problem.id}; "
            f"known: {', '.join(names) or 'none'}"
        )
    made: list[TracingConnection] = []

    def connect(zygote: Zygote, files: dict[str, bytes], limits: Limits) -> Connection:
        made.append(TracingConnection(zygote, files, limits, max_steps, max_bytes))
        return made[-1]

    files = candidate_files(problem, files)
    events = list(run_suite(problem, files, suite, zygote, only=test_name, connect=connect))
    event = events[0]
    message, hint = event.message, event.hint
    if suite != "public" and event.status in (Outcome.FAIL, Outcome.PROBLEM_ERROR):
        message, hint = HIDDEN_MESSAGE, ""  # a checker's message may quote expected values
    elif suite != "public":
        hint = ""
    conn = made[0] if made else None
    return Trace(
        problem=problem.id,
        test=test_name,
        suite=suite,
        status=event.status,
        message=message,
        hint=hint,
        output=event.output,
        calls=conn.calls if conn else [],
        untraced_calls=conn.untraced_calls if conn else 0,
    )


def summary_text(summary: dict | None, limit: int = 120) -> str:
    """One line for a value summary: ``array float64 (2, 3) [0.1, 0.2, ...] min 0.1 max 3``."""
    if type(summary) is not dict:
        return "?"
    kind = str(summary.get("type", "?"))
    if "repr" in summary:
        text = str(summary["repr"])
    elif "shape" in summary:
        shape = [n for n in summary.get("shape") or [] if type(n) is int]
        dims = ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "")
        text = f"{'array' if kind == 'ndarray' else kind} {summary.get('dtype', '?')} ({dims})"
        head = summary.get("head")
        if head is not None:
            head = head if type(head) is list else []
            more = ", ...]" if math.prod(shape) > len(head) else "]"
            text += " [" + ", ".join(map(str, head)) + more
        for key in ("min", "max", "nan", "inf"):
            if key in summary:
                text += f" {key} {summary[key]}"
    elif "len" in summary:
        items, count = summary.get("items"), _int(summary["len"])
        if type(items) is not list:
            text = f"{kind} of {count}"
        else:
            if kind == "dict":
                pairs = [p for p in items if type(p) is list and len(p) == 2]
                shown = [f"{summary_text(k, 30)}: {summary_text(v, 40)}" for k, v in pairs]
            else:
                shown = [summary_text(v, 40) for v in items]
            more = ", ..." if count > len(items) else ""
            text = f"{kind} of {count} [{', '.join(shown)}{more}]"
    else:
        text = f"<{kind}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."
