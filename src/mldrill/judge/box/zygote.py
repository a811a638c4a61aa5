"""The zygote: a warm worker inside bubblewrap that forks one grading child per submission.

It pre-imports numpy (and torch when installed) so each child starts in milliseconds. It
never holds a test, an expected value or a secret, and never runs candidate code itself:
candidate code runs only in children, after they have confined themselves.

Run as ``python -I -m mldrill_box.zygote CTL_FD [--sandbox] [--tmpfs-mb N]`` where CTL_FD is
a SOCK_SEQPACKET socket to the trusted side.
"""

from __future__ import annotations

import os
import signal
import socket
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy  # noqa: E402,F401 - pre-imported so every fork has it warm

from . import child, codec  # noqa: E402

try:  # torch is optional; single-threaded, and imported before any fork
    import torch  # noqa: F401

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
except Exception:  # noqa: BLE001
    pass

try:
    import pyseccomp  # noqa: F401 - loads libseccomp before the children need it
except Exception:  # noqa: BLE001
    pass


def _child_main(data: socket.socket, out_w: int, sandbox: bool, tmpfs_mb: int) -> None:
    code = 0
    try:
        box = child.enter_box(sandbox, tmpfs_mb)
        setup = codec.decode(codec.read_frame(codec.socket_reader(data)))
        child.confine_and_load(setup, box, sandbox, out_w, {data.fileno()})
        data.sendall(codec.frame(codec.encode({"ready": True})))
    except BaseException as exc:  # noqa: BLE001
        try:
            message = f"{type(exc).__name__}: {exc}"
            data.sendall(codec.frame(codec.encode({"setup_error": message})))
        finally:
            os._exit(70)
    try:
        child.serve(data, box)
    except BaseException:  # noqa: BLE001
        code = 1
    os._exit(code)


def _reap(pid: int, sandbox: bool) -> tuple[int, int]:
    """Kill the child's process group and wait for it.

    In the sandbox the zygote is alone in its PID namespace with at most one child, so
    ``kill(-1)`` also ends anything that child left behind, in or out of its group.
    """
    targets = [(os.killpg, pid), (os.kill, pid)] + ([(os.kill, -1)] if sandbox else [])
    for kill, target in targets:
        try:
            kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        return os.waitpid(pid, 0)
    except ChildProcessError:  # already reaped: report a kill rather than dying
        return pid, signal.SIGKILL


def main(argv: list[str]) -> None:
    ctl = socket.socket(fileno=int(argv[0]))
    sandbox = "--sandbox" in argv
    tmpfs_mb = int(argv[argv.index("--tmpfs-mb") + 1]) if "--tmpfs-mb" in argv else 64
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    while True:
        try:
            message = ctl.recv(65536)
        except InterruptedError:
            continue
        if not message:
            return
        request = codec.decode(message)
        op = request["op"]
        if op == "spawn":
            parent_end, child_end = socket.socketpair()
            out_r, out_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                ctl.close()
                parent_end.close()
                os.close(out_r)
                _child_main(child_end, out_w, sandbox, tmpfs_mb)
            child_end.close()
            os.close(out_w)
            socket.send_fds(ctl, [codec.encode({"pid": pid})], [parent_end.fileno(), out_r])
            parent_end.close()
            os.close(out_r)
        elif op == "reap":
            pid = request["pid"]
            _, status = _reap(pid, sandbox)
            ctl.send(codec.encode({"status": status}))
        elif op == "ping":
            ctl.send(codec.encode({"pong": os.getpid()}))


if __name__ == "__main__":
    main(sys.argv[1:])
