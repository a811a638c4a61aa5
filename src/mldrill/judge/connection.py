"""One submission's link to its box: spawns it, forwards calls, and explains how it ended."""

from __future__ import annotations

import os
import signal
import time

from . import proxy
from .box.codec import CodecError, Handle
from .outcomes import Outcome, ProblemFault
from .worker import Box, BoxGone, Limits, UnsendableArgument, Zygote

SETUP_TIMEOUT = 10.0


class CandidateError(Exception):
    """The candidate's code raised; ``info`` holds its type, message and trimmed traceback."""

    def __init__(self, info: dict) -> None:
        self.info = {k: v for k, v in info.items() if type(v) in (str, int)}
        self.type = str(info.get("type", "Exception"))
        super().__init__(f"{self.type}: {info.get('message', '')}")

    def describe(self) -> str:
        tb = self.info.get("traceback", "")
        text = f"{self.type}: {self.info.get('message', '')}"
        return f"Traceback (your code):\n{tb}{text}" if tb else text


class BoxEnded(Exception):
    """The box ended during a test; ``outcome`` and ``message`` say why."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome
        self.message = message


def explain_end(box: Box) -> BoxEnded:
    """Map how a box ended to an outcome. Only the trusted side's observations count."""
    if box.gone == "timeout":
        return BoxEnded(Outcome.TIMEOUT, "the wall-clock limit for this test was reached")
    if box.gone == "output_limit":
        return BoxEnded(Outcome.OUTPUT_LIMIT, "your code printed far more than the output limit")
    status = box.close()
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGSYS:
            return BoxEnded(Outcome.VIOLATION, "a forbidden system call was made (sandbox rule)")
        if sig == signal.SIGXCPU:
            return BoxEnded(Outcome.TIMEOUT, "the CPU-time limit was reached")
        if sig == signal.SIGXFSZ:
            return BoxEnded(Outcome.OUTPUT_LIMIT, "a file grew past the file-size limit")
        if sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            return BoxEnded(Outcome.ERROR, f"the process crashed ({signal.Signals(sig).name})")
        return BoxEnded(Outcome.ERROR, f"the process was killed ({signal.Signals(sig).name})")
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return BoxEnded(
        Outcome.ERROR,
        f"the process exited (code {code}) before answering: does your code call exit()?",
    )


class Connection:
    """Calls into the candidate's code with a per-test deadline; respawns after a crash."""

    def __init__(self, zygote: Zygote, files: dict[str, bytes], limits: Limits) -> None:
        self.zygote = zygote
        self.files = files
        self.limits = limits
        self.box: Box | None = None
        self.deadline = time.monotonic() + SETUP_TIMEOUT
        self.output: list[str] = []

    def set_deadline(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds

    def _box(self) -> Box:
        if self.box is None:
            self.box = self.zygote.spawn(self.files, self.limits, SETUP_TIMEOUT)
        return self.box

    def _request(self, message: dict):
        return self._result(self._exchange(message))

    def _exchange(self, message: dict) -> dict:
        """Send one request; the whole reply, or BoxEnded / ProblemFault when there is none."""
        box = self._box()
        try:
            reply = box.request(message, self.deadline - time.monotonic())
        except UnsendableArgument as exc:
            raise ProblemFault(f"a test passed a value that cannot be sent: {exc}") from None
        except BoxGone:
            raise self._ended(box) from None
        except CodecError as exc:
            box.close()
            self.box = None
            raise BoxEnded(Outcome.ERROR, f"your code sent back malformed data: {exc}") from None
        return reply

    @staticmethod
    def _result(reply: dict):
        """The value of a reply; the candidate's exception is raised as CandidateError."""
        if "err" in reply:
            err = reply["err"]
            raise CandidateError(err if type(err) is dict else {"message": str(err)})
        return reply.get("ok")

    def _ended(self, box: Box) -> BoxEnded:
        ended = explain_end(box)
        self._keep_output(box)
        self.box = None
        return ended

    def _keep_output(self, box: Box) -> None:
        text = box.output_text()
        if text:
            self.output.append(text)
        box.output.clear()
        box.output_dropped = 0

    def take_output(self) -> str:
        if self.box is not None:
            self._keep_output(self.box)
        text, self.output = "".join(self.output), []
        return text

    def import_module(self, name: str) -> proxy.Remote:
        return proxy.wrap(self, self._request({"op": "import", "module": name}))

    def make_rng(self, seed: int) -> proxy.Remote:
        """A ``numpy.random.Generator`` created inside the box (it cannot be sent over)."""
        return proxy.wrap(self, self._request({"op": "rng", "seed": seed}))

    def call(self, handle: Handle, attr: str | None, args, kwargs):
        return proxy.wrap(self, self._request(self.call_message(handle, attr, args, kwargs)))

    @staticmethod
    def call_message(handle: Handle, attr: str | None, args, kwargs) -> dict:
        return {
            "op": "call",
            "target": handle.id,
            "attr": attr,
            "args": proxy.unwrap(list(args)),
            "kwargs": proxy.unwrap(dict(kwargs)),
        }

    def getattr(self, handle: Handle, name: str):
        message = {"op": "getattr", "target": handle.id, "attr": name}
        return proxy.wrap(self, self._request(message))

    def timed_call(self, member: proxy.RemoteMember, args, kwargs) -> tuple[object, float]:
        """Call and return (result, seconds), moving the data there and back included.

        The time is measured here, on the trusted side: the child could lie about its own.
        """
        start = time.perf_counter()
        result = member(*args, **kwargs)
        return result, time.perf_counter() - start

    def transfer_time(self, args, kwargs) -> float:
        """Seconds to move these arguments to the box and back (an echo), to subtract."""
        payload = {"args": proxy.unwrap(list(args)), "kwargs": proxy.unwrap(dict(kwargs))}
        start = time.perf_counter()
        self._request({"op": "echo", **payload})
        return time.perf_counter() - start

    def close(self) -> None:
        if self.box is not None:
            self._keep_output(self.box)
            self.box.close(need_status=False)
            self.box = None
