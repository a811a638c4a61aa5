"""Trusted-side handles on the zygote and on one grading child ("box").

Everything read from a box is bounded: frames by size, output by a cap, waits by a deadline.
A box that misbehaves is killed through the zygote; a zygote that stops answering is killed
as a whole process group and restarted.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .box import codec
from .sandbox import SandboxUnavailable, bwrap_argv, missing_pieces, plain_env, zygote_command

START_TIMEOUT = 60.0
CONTROL_TIMEOUT = 10.0


class BoxGone(Exception):
    """The child ended (or was ended) before answering."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "died", "timeout" or "output_limit"


class UnsendableArgument(ValueError):
    """A test tried to send something that is not plain data (the test's fault)."""


@dataclass(frozen=True)
class Limits:
    """Resource limits for one grading child."""

    cpu_seconds: int = 20
    memory_mb: int = 512
    fsize_mb: int = 8
    nofile: int = 64
    nproc: int = 64
    output_kb: int = 64

    def for_child(self) -> dict:
        return {
            "cpu_seconds": self.cpu_seconds,
            "memory_mb": self.memory_mb,
            "fsize_mb": self.fsize_mb,
            "nofile": self.nofile,
            "nproc": self.nproc,
        }


class Box:
    """One confined child process running a candidate's code."""

    def __init__(self, zygote: Zygote, pid: int, data: socket.socket, out_fd: int, limits: Limits):
        self.zygote = zygote
        self.pid = pid
        self.data = data
        self.out_fd = out_fd
        self.limits = limits
        self.output = bytearray()
        self.output_dropped = 0
        self._buf = bytearray(4)  # the frame header, then its body
        self._got = 0
        self._header = True
        self._status: int | None = None
        self._closed = False
        self.gone: str | None = None
        os.set_blocking(out_fd, False)

    def request(self, message: dict, timeout: float) -> dict:
        """Send one request and wait for its reply, at most ``timeout`` seconds."""
        if self.gone:
            raise BoxGone(self.gone)
        deadline = time.monotonic() + timeout
        try:
            payload = codec.encode(message)
        except codec.CodecError as exc:
            raise UnsendableArgument(str(exc)) from None
        try:
            self.data.settimeout(max(timeout, 0.001))
            codec.send_frame(self.data, payload)
        except TimeoutError:
            raise self._fail("timeout") from None
        except OSError:
            raise self._fail("died") from None
        return self._read_reply(deadline)

    def _read_reply(self, deadline: float) -> dict:
        self.data.setblocking(False)
        while True:
            reply = self._take_frame()
            if reply is not None:
                return reply
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise self._fail("timeout")
            readable, _, _ = select.select([self.data, self.out_fd], [], [], remaining)
            if self.out_fd in readable:
                self._drain_output()
            if self.data in readable:
                view = memoryview(self._buf)[self._got :]
                try:
                    count = self.data.recv_into(view)
                except (BlockingIOError, InterruptedError):
                    continue
                except OSError:
                    count = 0
                if not count:
                    self._drain_output()
                    raise self._fail("died")
                self._got += count

    def _take_frame(self) -> dict | None:
        """Header first (4 bytes), then a body buffer of exactly its size, filled in place."""
        if self._got < len(self._buf):
            return None
        if self._header:
            size = int.from_bytes(self._buf, "big")
            if size > codec.MAX_FRAME:
                raise self._fail("died")
            self._buf, self._got, self._header = bytearray(size), 0, False
            if size:
                return None
        body = self._buf
        self._buf, self._got, self._header = bytearray(4), 0, True
        reply = codec.decode(body)
        if type(reply) is not dict:
            raise codec.CodecError("reply is not a mapping")
        return reply

    def _drain_output(self, enforce: bool = True) -> None:
        cap = self.limits.output_kb * 1024
        while True:
            try:
                chunk = os.read(self.out_fd, 65536)
            except (BlockingIOError, InterruptedError):
                return
            if not chunk:
                return
            room = cap - len(self.output)
            self.output += chunk[: max(room, 0)]
            self.output_dropped += max(len(chunk) - max(room, 0), 0)
            if enforce and self.output_dropped > cap:  # a flood, not a chatty solution
                raise self._fail("output_limit")

    def _fail(self, reason: str) -> BoxGone:
        self.gone = reason
        self.close()
        return BoxGone(reason)

    def close(self, need_status: bool = True) -> int | None:
        """End the child (killing its process group); its wait status when ``need_status``.

        Without it the reap is asked for and not waited on, which keeps it off the path of a
        grading that has finished normally.
        """
        if not self._closed:
            self._closed = True
            self._drain_output(enforce=False)
            self.data.close()
            os.close(self.out_fd)
            if need_status:
                self._status = self.zygote.reap(self.pid)
            else:
                self.zygote.reap_later(self.pid)
        return self._status

    def output_text(self) -> str:
        text = self.output.decode("utf-8", "replace")
        if self.output_dropped:
            text += f"\n[... {self.output_dropped} more bytes of output not shown]"
        return text


_launcher: ThreadPoolExecutor | None = None
_launcher_lock = threading.Lock()


def _launch(argv: list[str], **kwargs) -> subprocess.Popen:
    """Popen from one long-lived thread. bubblewrap's --die-with-parent is PR_SET_PDEATHSIG,
    which fires when the *thread* that forked it exits: a zygote started from a short-lived
    thread (a web request's) would die with that thread and be restarted on every grading."""
    global _launcher
    if threading.current_thread() is threading.main_thread():
        return subprocess.Popen(argv, **kwargs)
    with _launcher_lock:
        if _launcher is None:
            _launcher = ThreadPoolExecutor(1, thread_name_prefix="mldrill-launcher")
    return _launcher.submit(subprocess.Popen, argv, **kwargs).result()


class Zygote:
    """A warm worker process that forks boxes; sandboxed with bubblewrap unless told not to."""

    def __init__(self, sandbox: bool = True, torch: bool = False) -> None:
        self.sandbox = sandbox
        self.torch = torch  # pre-import torch in the zygote (slower start, fast torch children)
        self.proc: subprocess.Popen | None = None
        self.ctl: socket.socket | None = None

    def start(self) -> Zygote:
        if self.sandbox:
            missing = missing_pieces()
            if missing:
                raise SandboxUnavailable("cannot sandbox candidate code: " + "; ".join(missing))
        parent_end, child_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        fd = child_end.fileno()
        if self.sandbox:
            argv = bwrap_argv(fd, torch=self.torch)
        else:
            argv = zygote_command(fd, sandbox=False, torch=self.torch)
        self.proc = _launch(
            argv,
            pass_fds=[fd],
            env=plain_env() if not self.sandbox else {"PATH": "/usr/bin:/bin"},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        child_end.close()
        self.ctl = parent_end
        try:
            self._control({"op": "ping"}, START_TIMEOUT)
        except (OSError, TimeoutError, EOFError) as exc:
            err = self._stop_and_read_stderr()
            where = "the sandbox (bubblewrap)" if self.sandbox else "the judge worker"
            raise SandboxUnavailable(f"{where} failed to start: {err or exc}") from None
        return self

    def _stop_and_read_stderr(self) -> str:
        self.close()
        try:
            return self.proc.stderr.read().decode("utf-8", "replace").strip()[-2000:]
        except Exception:  # noqa: BLE001
            return ""

    def _control(self, message: dict, timeout: float, fds: int = 0):
        self.ctl.settimeout(timeout)
        self.ctl.send(codec.encode(message))
        if fds:
            data, got, _, _ = socket.recv_fds(self.ctl, 65536, fds)
        else:
            data, got = self.ctl.recv(65536), []
        if not data:
            raise EOFError("the judge worker closed its control channel")
        return codec.decode(data), got

    def spawn(self, files: dict[str, bytes], limits: Limits, timeout: float = 10.0) -> Box:
        """Fork a confined child holding ``files``; raises BoxGone if it cannot be set up."""
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        try:
            reply, fds = self._control({"op": "spawn"}, CONTROL_TIMEOUT, fds=2)
        except (OSError, EOFError):
            self.restart()
            reply, fds = self._control({"op": "spawn"}, CONTROL_TIMEOUT, fds=2)
        data = socket.socket(fileno=fds[0])
        box = Box(self, reply["pid"], data, fds[1], limits)
        setup = {"files": files, "limits": limits.for_child()}
        answer = box.request(setup, timeout)
        if "setup_error" in answer:
            box.close()
            raise SandboxUnavailable(
                f"the sandbox could not confine a child: {answer['setup_error']}"
            )
        return box

    def reap_later(self, pid: int) -> None:
        """Have the child killed; nobody waits for it or for an answer."""
        try:
            self.ctl.send(codec.encode({"op": "reap", "pid": pid, "reply": False}))
        except OSError:
            self.restart()

    def reap(self, pid: int) -> int:
        try:
            reply, _ = self._control({"op": "reap", "pid": pid}, CONTROL_TIMEOUT)
            return int(reply["status"])
        except (OSError, EOFError, KeyError, codec.CodecError):
            self.restart()
            return signal.SIGKILL

    def restart(self) -> None:
        self.close()
        self.start()

    def close(self) -> None:
        if self.ctl is not None:
            self.ctl.close()
            self.ctl = None
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()

    def __enter__(self) -> Zygote:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()
