"""``mldrill bench api``: submission latency through the web API with concurrent users.

A real server (``mldrill serve`` in its own process, on a free loopback port, one judge per
core, a scratch SQLite database) and N users in this process, each submitting the softmax
reference over HTTP
(``POST /api/problems/softmax/run``, hidden tests, the streamed answer read to its last
line). The baseline, in the same run, is one user alone: the ratio says what concurrency
costs each user. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PROBLEM = "softmax"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _submit(client, files: dict[str, str]) -> float:
    start = time.perf_counter()
    with client.stream("POST", f"/api/problems/{PROBLEM}/run",
                       json={"files": files, "suite": "hidden"}) as response:  # fmt: skip
        last = b""
        for line in response.iter_lines():
            last = line or last
    elapsed = (time.perf_counter() - start) * 1000
    if b'"status": "pass"' not in (last.encode() if isinstance(last, str) else last):
        raise RuntimeError(f"a benchmark submission did not pass: {str(last)[:200]}")
    return elapsed


def _round(base: str, files: dict[str, str], users: int, per_user: int) -> dict:
    import httpx

    def user(_: int) -> list[float]:
        with httpx.Client(base_url=base, timeout=120) as client:
            return [_submit(client, files) for _ in range(per_user)]

    start = time.perf_counter()
    with ThreadPoolExecutor(users) as pool:
        latencies = [ms for batch in pool.map(user, range(users)) for ms in batch]
    wall = time.perf_counter() - start
    return {
        "users": users,
        "submissions": len(latencies),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(_percentile(latencies, 0.95), 1),
        "per_second": round(len(latencies) / wall, 1),
    }


def run_benchmark(users: int = 20, per_user: int = 10, console=None) -> dict:
    import httpx

    from ..bank.loader import find_problem

    files = {n: d.decode() for n, d in find_problem(PROBLEM).solution_files().items()}
    with tempfile.TemporaryDirectory(prefix="mldrill-bench-api-") as tmp:
        port = _free_port()
        argv = [sys.executable, "-m", "mldrill", "--db", f"sqlite:///{Path(tmp) / 'bench.db'}",
                "serve", "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
        server = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    httpx.get(base + "/api/formats", timeout=2).raise_for_status()
                    break
                except httpx.HTTPError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            "the server did not start: " + server.stderr.read().decode()[-500:]
                        ) from None
                    time.sleep(0.1)
            _round(base, files, min(users, _cores()), 2)  # warm every judge
            alone = _round(base, files, 1, max(per_user, 20))
            crowd = _round(base, files, users, per_user)
        finally:
            server.terminate()
            server.wait(timeout=20)
    report = {
        "problem": PROBLEM,
        "judges": _cores(),
        "one_user": alone,
        "concurrent": crowd,
        "p50_ratio": round(crowd["p50_ms"] / alone["p50_ms"], 1),
        "p95_ratio": round(crowd["p95_ms"] / alone["p95_ms"], 1),
    }
    if console is not None:
        _print(console, report)
    return report


def _cores() -> int:
    import os

    return max(os.cpu_count() or 1, 1)


def _print(console, report: dict) -> None:
    from rich.table import Table

    table = Table(title=f"submission latency over HTTP ({report['problem']}, hidden tests, "
                  f"{report['judges']} judges)", show_edge=False)  # fmt: skip
    for col in ("users", "submissions", "p50 ms", "p95 ms", "per second"):
        table.add_column(col, justify="right")
    for row in (report["one_user"], report["concurrent"]):
        table.add_row(str(row["users"]), str(row["submissions"]), f"{row['p50_ms']:.1f}",
                      f"{row['p95_ms']:.1f}", f"{row['per_second']:.1f}")  # fmt: skip
    console.print(table)
    users = report["concurrent"]["users"]
    console.print(
        f"{users} users vs one user alone: p50 {report['p50_ratio']}x, p95 {report['p95_ratio']}x",
        highlight=False,
    )
