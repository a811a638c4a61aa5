"""The grading child: confines itself, loads the candidate's files and answers calls.

It only ever returns data (values, handles, exception descriptions). It never sees a test,
an expected value or a reference solution, and nothing it says is taken as a verdict.
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import traceback

from . import codec, confine, tracing

BOX = "/box"


class _Objects:
    """Objects the trusted side refers to by handle."""

    def __init__(self) -> None:
        self.by_id: dict[int, object] = {}

    def add(self, obj) -> codec.Handle:
        ident = len(self.by_id) + 1
        self.by_id[ident] = obj
        return codec.Handle(ident, type(obj).__name__)

    def get(self, ident: int):
        return self.by_id[ident]


def _safe_relpath(name: str) -> str:
    parts = name.split("/")
    if not name or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"refusing file name {name!r}")
    return name


# Limits a spare child takes before any submission exists; a submission can only lower them.
CEILING = {"cpu_seconds": 600, "memory_mb": 8192, "fsize_mb": 64, "nofile": 256, "nproc": 64}


def prepare(seccomp_program: bytes | None, tmpfs_mb: int, out_fd: int, keep: set[int]):
    """Confine a spare child before any submission exists; return (box folder, mapped bytes).

    Own process group, a private tmpfs owned by the unprivileged user, ceiling rlimits, the
    uid drop, no_new_privs and seccomp (``seccomp_program`` is None without the sandbox). So
    nothing runs privileged once candidate data has arrived.
    """
    os.setsid()  # own process group: the whole group is killed when the submission ends
    sandbox = seccomp_program is not None
    if sandbox:
        confine.private_tmpfs(BOX, tmpfs_mb)
        os.chown(BOX, confine.NOBODY, confine.NOBODY)
        box = BOX
    else:
        import tempfile

        box = tempfile.mkdtemp(prefix="mldrill-box-")
    os.dup2(out_fd, 1)
    os.dup2(out_fd, 2)
    _close_except(keep)
    base = confine.mapped_bytes()
    confine.set_limits(base=base, **CEILING)
    if sandbox:  # without the sandbox: limits only, as the invoking user
        confine.drop_privileges()
    confine.no_new_privs()
    if sandbox:
        confine.load_seccomp(seccomp_program, os.getpid())
    _warm_up()
    return box, base


_WARM_UP = """
import numpy as np

def warm(x, axis=-1):
    y = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return y / np.sum(y, axis=axis, keepdims=True)

warm(np.ones((2, 3)))
"""


def _warm_up() -> None:
    """Compile and run a little numpy code while waiting: the first compile and the first
    ufunc calls in a fresh fork copy many shared pages, and that cost is better paid here
    than on the candidate's clock."""
    exec(compile(_WARM_UP, "<warm-up>", "exec"), {"__name__": "_warm_up"})  # noqa: S102


def load_submission(setup: dict, box: str, base: int) -> None:
    """Write the candidate's files and lower the limits to the problem's."""
    for name, data in setup["files"].items():
        path = os.path.join(box, _safe_relpath(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as fh:
            fh.write(data)
    limits = setup["limits"]
    confine.set_limits(
        base=base,
        cpu_seconds=limits["cpu_seconds"],
        memory_mb=limits["memory_mb"],
        fsize_mb=limits["fsize_mb"],
        nofile=limits["nofile"],
        nproc=limits["nproc"],
    )
    os.chdir(box)
    sys.path[:0] = [box]
    sys.stdout = open(1, "w", buffering=1, closefd=False)  # noqa: SIM115
    sys.stderr = sys.stdout


def _close_except(keep: set[int]) -> None:
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = fd + 1
    os.closerange(low, 1 << 16)


def describe_exception(exc: BaseException, box: str) -> dict:
    """Exception type, message and the traceback frames that are in the candidate's files."""
    frames = [
        f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(box + "/")
    ]
    lines = [
        f'  File "{f.filename[len(box) + 1 :]}", line {f.lineno}, in {f.name}\n'
        + (f"    {f.line}\n" if f.line else "")
        for f in frames
    ]
    info = {"type": type(exc).__name__, "message": str(exc)[:2000], "traceback": "".join(lines)}
    if isinstance(exc, SyntaxError):
        filename = exc.filename or ""
        info["file"] = filename[len(box) + 1 :] if filename.startswith(box) else filename
        info["line"] = exc.lineno
        info["message"] = exc.msg
    return info


def serve(sock, box: str) -> None:
    """Answer requests until the trusted side closes the channel."""
    objects = _Objects()
    read_exact = codec.socket_reader(sock)

    def send(message) -> None:
        try:
            payload = codec.encode(message, objects.add)
        except codec.CodecError as exc:
            failed = {"err": {"type": "TransferError", "message": str(exc)}}
            try:  # keep the trace of a traced call whose result could not be sent
                payload = codec.encode({**failed, "trace": message["trace"]})
            except (KeyError, codec.CodecError):
                payload = codec.encode(failed)
        codec.send_frame(sock, payload)

    while True:
        try:
            request = codec.decode(codec.read_frame(read_exact))
        except EOFError:
            return
        send(_handle(request, objects, box))


def _handle(request: dict, objects: _Objects, box: str) -> dict:
    op = request["op"]
    try:
        if op == "import":
            return {"ok": objects.add(importlib.import_module(request["module"]))}
        if op == "echo":  # the cost of moving the data both ways, for efficiency timing
            return {"ok": [_resolve(a, objects) for a in request["args"]]}
        if op == "rng":  # a seeded Generator living in the box, for problems that take an rng
            import numpy as np

            return {"ok": objects.add(np.random.default_rng(request["seed"]))}
        target = objects.get(request["target"])
        if op == "getattr":
            return {"ok": getattr(target, request["attr"])}
        if op == "call":
            fn = getattr(target, request["attr"]) if request["attr"] else target
            args = [_resolve(a, objects) for a in request["args"]]
            kwargs = {k: _resolve(v, objects) for k, v in request["kwargs"].items()}
            if "trace" in request:  # run under the step tracer (mldrill trace)
                describe = functools.partial(_error, box=box)
                return tracing.traced_call(fn, args, kwargs, box, request["trace"], describe)
            result = fn(*args, **kwargs)
            if request.get("handle"):
                return {"ok": objects.add(result)}
            return {"ok": result}
        return {"err": {"type": "ProtocolError", "message": f"unknown op {op!r}"}}
    except BaseException as exc:  # noqa: BLE001 - everything the candidate raises is data
        return {"err": _error(exc, box)}


def _error(exc: BaseException, box: str) -> dict:
    info = describe_exception(exc, box)
    if isinstance(exc, SystemExit):
        info["message"] = f"SystemExit({exc.code!r}) was raised"
    return info


def _resolve(value, objects: _Objects):
    if type(value) is codec.Handle:
        return objects.get(value.id)
    if type(value) is list:
        return [_resolve(v, objects) for v in value]
    if type(value) is tuple:
        return tuple(_resolve(v, objects) for v in value)
    if type(value) is dict:
        return {k: _resolve(v, objects) for k, v in value.items()}
    return value
