"""A traced call inside the box: line-by-line steps of the candidate's own code, as data.

Runs in the grading child (bound as ``mldrill_box.tracing`` in the sandbox). Only frames
whose code lives in the box folder are recorded. Values are summarised by exact type, so no
candidate ``__repr__``, ``__getattr__`` or metaclass runs inside the tracer: an unknown
object is shown by its type name only.
"""

from __future__ import annotations

import itertools
import math
import sys
import time
import types
from collections.abc import Callable

import msgpack
import numpy as np

from .codec import Handle

HEAD = 6  # elements of an array or items of a container shown
MAX_TEXT = 80  # characters of a string or repr kept
MAX_LOCALS = 24  # local variables per step
CHEAP = 100_000  # min/max are computed for arrays up to this many elements
NESTING = 2  # containers inside containers are summarised this deep
_NUMERIC = "biufc"
# Types are compared by identity only: ``in`` on a tuple or set would call ``__eq__`` or
# ``__hash__`` of a candidate metaclass.
_NUMPY_SCALARS = frozenset(id(t) for t in np.sctypeDict.values() if issubclass(t, np.generic))
_DTYPES = frozenset(id(type(np.dtype(t))) for t in np.sctypeDict.values()) | {id(np.dtype)}
_SIMPLE = (bool, float, complex)
_CONTAINERS = (list, tuple, set, frozenset, dict, range)
_TYPE_NAME = type.__dict__["__name__"]
_EXC_ARGS = BaseException.__dict__["args"]


class TraceStopped(BaseException):
    """Raised into the candidate's code when the tracer's time budget is spent."""


def type_name(value) -> str:
    """The name of ``value``'s class, read without running any code of that class."""
    return _TYPE_NAME.__get__(type(value), type)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3] + "..."


def _number(value) -> str:
    text = repr(value)
    return format(value, ".6g") if type(value) is float and len(text) > 10 else text


def summarise(value, depth: int = 0) -> dict:
    """A small, plain-data description of ``value`` (type, and a few values when safe)."""
    kind = type(value)
    if value is None or _one_of(kind, _SIMPLE):
        return {"type": type_name(value), "repr": repr(value)}
    if kind is int:
        if value.bit_length() > 128:
            return {"type": "int", "repr": f"<int of {value.bit_length()} bits>"}
        return {"type": "int", "repr": repr(value)}
    if kind is str:
        return {"type": "str", "len": len(value), "repr": _cut(repr(value[:MAX_TEXT]))}
    if kind is bytes or kind is bytearray:
        return {"type": kind.__name__, "len": len(value), "repr": _cut(repr(bytes(value[:40])))}
    if kind is np.ndarray:
        return _guarded(_array, value)
    if id(kind) in _NUMPY_SCALARS:
        shown = _number(value.item()) if value.dtype.kind in _NUMERIC else str(value)
        return {"type": kind.__name__, "repr": _cut(shown)}
    torch = sys.modules.get("torch")
    if torch is not None and (kind is torch.Tensor or kind is torch.nn.Parameter):
        return _guarded(_tensor, value)
    if id(kind) in _DTYPES or (torch is not None and _one_of(kind, (torch.dtype, torch.device))):
        return {"type": "dtype" if id(kind) in _DTYPES else kind.__name__, "repr": str(value)}
    if _one_of(kind, _CONTAINERS):
        return _container(value, depth)
    if kind is Handle:
        return {"type": value.type_name}
    if kind is types.FunctionType:
        return {"type": "function", "repr": f"<function {value.__qualname__}>"}
    if kind is types.ModuleType:
        name = value.__dict__.get("__name__")
        return {"type": "module", "repr": f"<module {name if type(name) is str else '?'}>"}
    if kind is type:
        return {"type": "class", "repr": f"<class {_TYPE_NAME.__get__(value, type)}>"}
    return {"type": type_name(value)}


def _one_of(kind: type, choices: tuple[type, ...]) -> bool:
    return any(kind is choice for choice in choices)


def _guarded(summary: Callable[[object], dict], value) -> dict:
    try:
        return summary(value)
    except Exception:  # noqa: BLE001 - an odd array still gets its type shown
        return {"type": type_name(value)}


def _array(arr: np.ndarray) -> dict:
    out = {"type": "ndarray", "shape": list(arr.shape), "dtype": str(arr.dtype)}
    if arr.dtype.kind not in _NUMERIC or arr.dtype.fields is not None:
        return out
    out["head"] = [_number(v) for v in arr.flat[:HEAD].tolist()]
    if 0 < arr.size <= CHEAP and arr.dtype.kind in "biuf":
        _min_max(out, arr.min().item(), arr.max().item())
        if arr.dtype.kind == "f" and "min" not in out:
            out["nan"] = int(np.isnan(arr).sum())
            out["inf"] = int(np.isinf(arr).sum())
    return out


def _tensor(tensor) -> dict:
    torch = sys.modules["torch"]
    t = tensor.detach()
    out = {
        "type": type_name(tensor),
        "shape": list(t.shape),
        "dtype": str(t.dtype).replace("torch.", ""),
    }
    if t.device.type != "cpu":
        out["device"] = str(t.device)
        return out
    if tensor.requires_grad:
        out["requires_grad"] = True
    if t.is_complex() or t.is_quantized:
        return out
    count = t.numel()
    flat = t.reshape(-1) if count <= CHEAP or t.is_contiguous() else None
    if flat is not None:
        out["head"] = [_number(v) for v in flat[:HEAD].tolist()]
    if 0 < count <= CHEAP and t.dtype.is_floating_point:
        _min_max(out, t.min().item(), t.max().item())
        if "min" not in out:
            out["nan"] = int(t.isnan().sum().item())
            out["inf"] = int(t.isinf().sum().item())
    elif 0 < count <= CHEAP and t.dtype != torch.bool:
        _min_max(out, t.min().item(), t.max().item())
    return out


def _min_max(out: dict, low, high) -> None:
    if all(type(v) is int or type(v) is bool or math.isfinite(v) for v in (low, high)):
        out["min"], out["max"] = _number(low), _number(high)


def _container(value, depth: int) -> dict:
    out = {"type": type(value).__name__, "len": len(value)}
    if type(value) is range:
        out["repr"] = repr(value)
        return out
    if depth >= NESTING:
        return out
    if type(value) is dict:
        pairs = itertools.islice(value.items(), HEAD)
        out["items"] = [[summarise(k, depth + 1), summarise(v, depth + 1)] for k, v in pairs]
    else:
        out["items"] = [summarise(v, depth + 1) for v in itertools.islice(value, HEAD)]
    return out


def exception_summary(exc: BaseException) -> dict:
    """Type and, when its arguments are plain values, the message of an exception."""
    try:
        args = _EXC_ARGS.__get__(exc)
    except Exception:  # noqa: BLE001
        args = ()
    if len(args) == 1 and type(args[0]) is str:
        message = args[0]
    elif all(a is None or _one_of(type(a), (str, int, float, bool)) for a in args):
        message = ", ".join(repr(a) for a in args)
    else:
        message = ""
    return {"type": type_name(exc), "message": message[:300]}


class Tracer:
    """Records line, return and exception events of frames in the box folder."""

    def __init__(self, box: str, max_steps: int, max_bytes: int, seconds: float) -> None:
        self.prefix = box + "/"
        self.max_steps = max(0, max_steps)
        self.max_bytes = max(0, max_bytes)
        self.stop_at = time.monotonic() + max(seconds, 0.0)
        self.steps: list[dict] = []
        self.bytes = 0
        self.skipped = 0
        self.full = self.max_steps == 0
        self.stopped = ""
        self.depth = 0
        self.frames = 0

    def global_trace(self, frame, event: str, arg):
        """Called on each new frame: candidate frames get a local tracer, others none."""
        if event != "call" or not frame.f_code.co_filename.startswith(self.prefix):
            return None
        self.depth += 1
        self.frames += 1
        depth, ident, raised = self.depth, self.frames, [False]

        def local(frame, event: str, arg):
            if time.monotonic() > self.stop_at:
                self.stopped = "time"
                raise TraceStopped("the tracer's time budget was spent")
            if event == "return":
                self.depth -= 1
            if event == "exception":
                raised[0] = True
            elif event == "line":
                raised[0] = False
            if self.full:
                self.skipped += 1
            elif event in ("line", "return", "exception"):
                try:
                    self._record(frame, event, arg, depth, ident, raised[0])
                except Exception:  # noqa: BLE001 - the tracer never changes what the code does
                    self.full = True
                    self.skipped += 1
            return local

        return local

    def _record(self, frame, event: str, arg, depth: int, ident: int, unwinding: bool) -> None:
        code = frame.f_code
        step = {
            "event": event,
            "file": code.co_filename[len(self.prefix) :],
            "line": frame.f_lineno,
            "function": code.co_name,
            "depth": depth,
            "frame": ident,
            "locals": self._locals(frame),
        }
        if event == "return":
            if unwinding:
                step["unwinding"] = True
            else:
                step["value"] = summarise(arg)
        elif event == "exception":
            step["exception"] = exception_summary(arg[1])
        size = len(msgpack.packb(step, use_bin_type=True))
        if len(self.steps) >= self.max_steps or self.bytes + size > self.max_bytes:
            self.full = True
            self.skipped += 1
            return
        self.steps.append(step)
        self.bytes += size

    def _locals(self, frame) -> dict:
        names = frame.f_locals
        shown = {}
        # ".0" is a comprehension's iterator; dunder names are module attributes
        wanted = (n for n in names if type(n) is str and not n.startswith(("__", ".")))
        for name in itertools.islice(wanted, MAX_LOCALS):
            try:
                shown[name] = summarise(names[name])
            except Exception:  # noqa: BLE001 - a summary never stops the candidate's code
                shown[name] = {"type": "?"}
        return shown

    def report(self) -> dict:
        return {
            "steps": self.steps,
            "truncated": self.skipped > 0,
            "skipped": self.skipped,
            "bytes": self.bytes,
            "stopped": self.stopped,
        }


def traced_call(
    fn, args: list, kwargs: dict, box: str, spec: dict, describe: Callable[[BaseException], dict]
) -> dict:
    """Call ``fn`` under a tracer; the reply holds the result (or error) and the trace."""
    tracer = Tracer(
        box,
        int(spec.get("max_steps", 2000)),
        int(spec.get("max_bytes", 2 << 20)),
        float(spec.get("seconds", 1.0)),
    )
    sys.settrace(tracer.global_trace)
    try:
        result = fn(*args, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - everything the candidate raises is data
        sys.settrace(None)
        trace = tracer.report()
        trace["exception"] = exception_summary(exc)
        return {"err": describe(exc), "trace": trace}
    sys.settrace(None)
    trace = tracer.report()
    trace["returned"] = summarise(result)
    return {"ok": result, "trace": trace}
