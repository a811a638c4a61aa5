"""Per-test results as they finish: a grading runs in a thread and its events become lines of
NDJSON (one JSON object per line), which the page reads with ``fetch`` as they arrive."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterator

_DONE = object()


def ndjson_events(run: Callable[[Callable[[dict], None]], dict]) -> Iterator[bytes]:
    """Call ``run(emit)`` in a thread; yield each emitted dict, then ``run``'s return value
    as ``{"type": "result", ...}``, or ``{"type": "error", "detail": ...}``."""
    channel: queue.Queue = queue.Queue()

    def worker() -> None:
        try:
            channel.put({"type": "result", "result": run(channel.put)})
        except Exception as exc:  # noqa: BLE001 - reported to the page, never a crash
            channel.put({"type": "error", "detail": str(exc)})
        finally:
            channel.put(_DONE)

    threading.Thread(target=worker, daemon=True, name="mldrill-grading").start()
    while True:
        item = channel.get()
        if item is _DONE:
            return
        yield (json.dumps(item) + "\n").encode("utf-8")
