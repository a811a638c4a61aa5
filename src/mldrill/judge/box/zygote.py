"""The zygote: a warm worker inside bubblewrap that forks one grading child per submission.

It pre-imports numpy (and torch when installed) so each child starts in milliseconds. It
never holds a test, an expected value or a secret, and never runs candidate code itself:
candidate code runs only in children, after they have confined themselves.

Run as ``python -I -m mldrill_box.zygote CTL_FD [--sandbox] [--tmpfs-mb N]`` where CTL_FD is
a SOCK_SEQPACKET socket to the trusted side.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy  # noqa: E402,F401 - pre-imported so every fork has it warm
import numpy.fft  # noqa: E402,F401 - numpy imports these lazily; a child would pay ~15 ms
import numpy.linalg  # noqa: E402,F401
import numpy.random  # noqa: E402,F401

from . import child, codec, confine  # noqa: E402


def _preload_torch() -> None:
    """Import torch before any fork, single-threaded: children then start with it warm.

    torch.optim pulls in torch._dynamo, seconds of imports a child should not pay for.
    """
    import torch

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    # One tiny training step triggers the lazy imports (torch._dynamo via the optimizers).
    model = torch.nn.Linear(2, 1)
    optimizers = (torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW)
    for optimizer in (make(model.parameters(), lr=0.01) for make in optimizers):
        optimizer.zero_grad()
        model(torch.ones(1, 2)).sum().backward()
        optimizer.step()


try:
    import pyseccomp  # noqa: F401 - loads libseccomp before the children need it
except Exception:  # noqa: BLE001
    pass


def _freeze_heap() -> None:
    """Move everything imported so far out of the collector's sight: children then do not
    touch (and copy-on-write) those pages whenever a collection runs."""
    import gc

    gc.collect()
    gc.freeze()


def _child_main(data: socket.socket, out_w: int, seccomp: bytes | None, tmpfs_mb: int) -> None:
    code = 0
    try:
        # Everything that does not depend on the submission happens before it arrives.
        box, base = child.prepare(seccomp, tmpfs_mb, out_w, {data.fileno()})
        setup = codec.decode(codec.read_frame(codec.socket_reader(data)))
        child.load_submission(setup, box, base)
        codec.send_frame(data, codec.encode({"ready": True}))
    except BaseException as exc:  # noqa: BLE001
        try:
            message = f"{type(exc).__name__}: {exc}"
            codec.send_frame(data, codec.encode({"setup_error": message}))
        finally:
            os._exit(70)
    try:
        child.serve(data, box)
    except BaseException:  # noqa: BLE001
        code = 1
    os._exit(code)


def _kill(pid: int) -> None:
    """Kill the child's process group: everything it forked (seccomp forbids setsid and
    setpgid, so nothing can leave the group)."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _reap(pid: int, statuses: dict[int, int]) -> int:
    """Kill the child and wait for it; return its wait status."""
    _kill(pid)
    if pid in statuses:
        return statuses.pop(pid)
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # already reaped: report a kill rather than dying
        return signal.SIGKILL


def _collect(statuses: dict[int, int], dying: set[int]) -> None:
    """Reap children that have exited, without blocking; keep statuses someone may ask for."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in dying:
            dying.discard(pid)
        else:
            statuses[pid] = status


class _Spare:
    """A child forked ahead of time, already in its own namespace, waiting for files."""

    def __init__(self, ctl: socket.socket, seccomp: bytes | None, tmpfs_mb: int) -> None:
        parent_end, child_end = socket.socketpair()
        out_r, out_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            ctl.close()
            parent_end.close()
            os.close(out_r)
            _child_main(child_end, out_w, seccomp, tmpfs_mb)
        child_end.close()
        os.close(out_w)
        self.pid, self.data, self.out_r = pid, parent_end, out_r

    def hand_over(self, ctl: socket.socket) -> None:
        socket.send_fds(ctl, [codec.encode({"pid": self.pid})], [self.data.fileno(), self.out_r])
        self.data.close()
        os.close(self.out_r)


def main(argv: list[str]) -> None:
    ctl = socket.socket(fileno=int(argv[0]))
    sandbox = "--sandbox" in argv
    tmpfs_mb = int(argv[argv.index("--tmpfs-mb") + 1]) if "--tmpfs-mb" in argv else 64
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    if "--torch" in argv:
        _preload_torch()
    seccomp = confine.compile_seccomp_template() if sandbox else None
    _freeze_heap()
    spare = _Spare(ctl, seccomp, tmpfs_mb)
    statuses: dict[int, int] = {}  # exited children whose status was not asked for yet
    dying: set[int] = set()  # killed children nobody will ask about
    while True:
        _collect(statuses, dying)
        if dying and not select.select([ctl], [], [], 0.005)[0]:
            continue  # killed children still exiting: reap them promptly, not at next request
        try:
            message = ctl.recv(65536)
        except InterruptedError:
            continue
        if not message:
            return
        request = codec.decode(message)
        op = request["op"]
        if op == "spawn":
            spare.hand_over(ctl)
            spare = _Spare(ctl, seccomp, tmpfs_mb)  # forked while the trusted side works
        elif op == "reap" and request.get("reply", True):
            ctl.send(codec.encode({"status": _reap(request["pid"], statuses)}))
        elif op == "reap":  # a normal end: kill now, collect the zombie later
            _kill(request["pid"])
            if statuses.pop(request["pid"], None) is None:
                dying.add(request["pid"])
        elif op == "ping":
            ctl.send(codec.encode({"pong": os.getpid()}))


if __name__ == "__main__":
    main(sys.argv[1:])
