"""The one service layer both front ends call: the CLI today, the web app later."""

from __future__ import annotations

from contextlib import contextmanager

from .judge.sandbox import SandboxUnavailable
from .judge.worker import Zygote


@contextmanager
def judge_for(sandbox: bool = True):
    """A started zygote, closed on exit. Raises SandboxUnavailable with what is missing."""
    zygote = Zygote(sandbox=sandbox)
    zygote.start()
    try:
        yield zygote
    finally:
        zygote.close()


__all__ = ["SandboxUnavailable", "judge_for"]
