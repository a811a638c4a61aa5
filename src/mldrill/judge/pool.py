"""A small pool of warm zygotes, so that several submissions can be judged at once.

The CLI uses one zygote; the web server one per core. A zygote with torch pre-imported is
started only for problems that need it. A zygote is used by one grading at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .worker import Zygote


class JudgePool:
    def __init__(self, sandbox: bool = True, size: int = 1) -> None:
        if size < 1:
            raise ValueError("a judge pool needs at least one zygote")
        self.sandbox = sandbox
        self.size = size
        self._idle: dict[bool, list[Zygote]] = {False: [], True: []}
        self._started: dict[bool, int] = {False: 0, True: 0}
        self._all: list[Zygote] = []
        self._cond = threading.Condition()
        self._closed = False

    @contextmanager
    def borrow(self, torch: bool = False) -> Iterator[Zygote]:
        """A zygote for one grading; waits while all ``size`` of this kind are busy."""
        zygote = self._take(torch)
        try:
            yield zygote
        finally:
            with self._cond:
                if self._closed:
                    zygote.close()
                else:
                    self._idle[torch].append(zygote)
                self._cond.notify()

    def _take(self, torch: bool) -> Zygote:
        with self._cond:
            while not self._idle[torch] and self._started[torch] >= self.size:
                self._cond.wait()
            if self._idle[torch]:
                return self._idle[torch].pop()
            self._started[torch] += 1
        try:
            zygote = Zygote(sandbox=self.sandbox, torch=torch).start()
        except BaseException:
            with self._cond:
                self._started[torch] -= 1
                self._cond.notify()
            raise
        with self._cond:
            self._all.append(zygote)
        return zygote

    def close(self) -> None:
        with self._cond:
            self._closed = True
            zygotes, self._all = self._all, []
            self._idle = {False: [], True: []}
        for zygote in zygotes:
            zygote.close()
