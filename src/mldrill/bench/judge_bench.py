"""``mldrill bench judge``: the warm judge against a per-submission ``python -m pytest``.

Both grade the softmax reference with the same hidden tests, on this machine, in this run.
The baseline is what a simple judge does: start bubblewrap, start Python, import numpy and
pytest, collect the tests, run them. It prints figures and ratios; it asserts nothing.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBLEM = "softmax"

# Gives the hidden tests' parameters (sol, ref, rng) to plain pytest, in one process.
_CONFTEST = """
import hashlib, importlib.util, time
import numpy as np
import pytest
import mldrill.grading.testkit as testkit


def _fast(member, reference, *args, max_ratio=10.0, floor_ms=5.0, **kw):
    def timed(fn):
        start = time.perf_counter()
        fn(*args, **kw)
        return time.perf_counter() - start
    cand = min(timed(member) for _ in range(3))
    ref = min(timed(reference) for _ in range(3))
    assert cand <= max(ref * max_ratio, floor_ms / 1000), "too slow"


testkit.expect_fast = _fast


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def sol():
    return _load("solution", "solution.py")


@pytest.fixture
def ref():
    return _load("reference", "reference.py")


@pytest.fixture
def rng(request):
    digest = hashlib.sha256(request.node.name.encode()).digest()[:8]
    return np.random.default_rng(int.from_bytes(digest, "little"))
"""


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _summary(times_ms: list[float]) -> dict:
    return {
        "n": len(times_ms),
        "p50_ms": round(_percentile(times_ms, 0.5), 2),
        "p95_ms": round(_percentile(times_ms, 0.95), 2),
        "mean_ms": round(statistics.fmean(times_ms), 2),
    }


def _warm(runs: int, readability: bool) -> list[float]:
    from ..bank.loader import find_problem
    from ..grading.grade import grade
    from ..judge.worker import Zygote

    problem = find_problem(PROBLEM)
    files = problem.solution_files()
    times = []
    with Zygote(sandbox=True) as zygote:
        for i in range(runs + 5):
            start = time.perf_counter()
            result = grade(problem, files, zygote, measure_readability=readability)
            elapsed = (time.perf_counter() - start) * 1000
            if str(result.status) != "pass":
                raise RuntimeError(f"the reference did not pass: {result.to_dict()}")
            if i >= 5:  # the first gradings warm caches
                times.append(elapsed)
    return times


def _baseline_dir() -> Path:
    from ..bank.loader import find_problem

    problem = find_problem(PROBLEM)
    folder = Path(tempfile.mkdtemp(prefix="mldrill-bench-"))
    shutil.copy(problem.root / "solution" / "solution.py", folder / "solution.py")
    shutil.copy(problem.root / "solution" / "solution.py", folder / "reference.py")
    shutil.copy(problem.suite_path("hidden"), folder / "test_hidden.py")
    (folder / "conftest.py").write_text(_CONFTEST)
    return folder


def baseline_command(folder: Path) -> list[str]:
    """A fresh interpreter running pytest inside bubblewrap, as a naive judge would."""
    return [
        "bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
        "--tmpfs", "/tmp", "--bind", str(folder), str(folder),
        "--unshare-all", "--die-with-parent", "--new-session", "--chdir", str(folder),
        "--setenv", "OPENBLAS_NUM_THREADS", "1",
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_hidden.py",
    ]  # fmt: skip


def _baseline(runs: int) -> list[float]:
    folder = _baseline_dir()
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(baseline_command(folder), capture_output=True, text=True)
            times.append((time.perf_counter() - start) * 1000)
            if proc.returncode != 0:
                raise RuntimeError(f"baseline pytest failed:\n{proc.stdout}\n{proc.stderr}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return times


def _worker(args) -> tuple[int, float]:
    runs, barrier = args
    from ..bank.loader import find_problem
    from ..grading.grade import grade
    from ..judge.worker import Zygote

    problem = find_problem(PROBLEM)
    files = problem.solution_files()
    with Zygote(sandbox=True) as zygote:
        for _ in range(3):
            grade(problem, files, zygote, measure_readability=False)
        barrier.wait()
        start = time.perf_counter()
        for _ in range(runs):
            grade(problem, files, zygote, measure_readability=False)
        return runs, time.perf_counter() - start


def _throughput(workers: int, runs_per_worker: int) -> dict:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager:
        barrier = manager.Barrier(workers)
        with ctx.Pool(workers) as pool:
            results = pool.map(_worker, [(runs_per_worker, barrier)] * workers)
    total = sum(n for n, _ in results)
    wall = max(t for _, t in results)
    return {"workers": workers, "gradings": total, "seconds": round(wall, 3),
            "per_second": round(total / wall, 1)}  # fmt: skip


def run_benchmark(runs: int, baseline_runs: int, workers: int, console=None) -> dict:
    """Measure and (with a console) print; returns the figures as a dict."""

    def say(text: str) -> None:
        if console is not None:
            console.print(text, highlight=False)

    # Twice the cores: while one worker's box computes, another's trusted side can run.
    workers = workers or 2 * (os.cpu_count() or 1)
    say(f"grading the {PROBLEM} reference: {runs} warm runs, {baseline_runs} baseline runs")
    warm = _summary(_warm(runs, readability=False))
    say(f"warm judge (hidden tests):      p50 {warm['p50_ms']} ms  p95 {warm['p95_ms']} ms")
    full = _summary(_warm(runs, readability=True))
    say(f"warm grading (+ readability):   p50 {full['p50_ms']} ms  p95 {full['p95_ms']} ms")
    base = _summary(_baseline(baseline_runs))
    say(f"baseline (bwrap + pytest):      p50 {base['p50_ms']} ms  p95 {base['p95_ms']} ms")
    thr = _throughput(workers, max(runs // workers, 20))
    say(f"throughput with {workers} workers:   {thr['per_second']} gradings/s")
    ratio = round(base["p50_ms"] / warm["p50_ms"], 1)
    say(f"ratio baseline p50 / warm p50:  {ratio}x")
    return {
        "problem": PROBLEM,
        "warm_judge": warm,
        "warm_grading_with_readability": full,
        "baseline_pytest_in_bwrap": base,
        "throughput": thr,
        "ratio_p50": ratio,
        "cpu_count": os.cpu_count(),
    }
