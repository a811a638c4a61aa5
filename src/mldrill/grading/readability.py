"""Readability from static analysis only: ruff findings and cyclomatic complexity.

The candidate's files are written to a private temporary folder and read by ruff; nothing
in them is imported or executed on the trusted side.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Naming rules N803/N806 are left out: ML code rightly names a design matrix X.
RULES = "E,F,W,B,SIM,C901,N801,N802,N804,N805,N807"
COMPLEXITY_OK = 10  # McCabe complexity above this costs points
_COMPLEXITY = re.compile(r"`(?P<name>[^`]+)` is too complex \((?P<value>\d+) > \d+\)")


@dataclass
class Finding:
    file: str
    line: int
    code: str
    message: str


@dataclass
class Readability:
    score: float
    findings: list[Finding] = field(default_factory=list)
    complexity: dict[str, int] = field(default_factory=dict)
    error: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def _ruff() -> str:
    from ruff.__main__ import find_ruff_bin

    return find_ruff_bin()


def start(files: dict[str, bytes]) -> subprocess.Popen | None:
    """Start ruff on the Python files in the background; finish with ``collect``."""
    py = {n: d for n, d in files.items() if n.endswith(".py")}
    if not py:
        return None
    tmp = tempfile.TemporaryDirectory(prefix="mldrill-lint-")
    for name, data in py.items():
        path = Path(tmp.name, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    argv = [
        _ruff(), "check", "--isolated", "--no-cache", "--output-format", "json",
        "--select", RULES, "--line-length", "100",
        "--config", "lint.mccabe.max-complexity = 0", tmp.name,
    ]  # fmt: skip
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.tmpdir = tmp  # removed when collected
    return proc


def collect(proc: subprocess.Popen | None) -> Readability:
    """Wait for ruff and score: 100, minus 5 a finding, minus 5 a complexity point over 10."""
    if proc is None:
        return Readability(100.0)
    try:
        out, err = proc.communicate(timeout=30)
        root = proc.tmpdir.name
        findings, complexity = [], {}
        for item in json.loads(out or b"[]"):
            rel = str(Path(item["filename"]).relative_to(root))
            match = _COMPLEXITY.match(item["message"])
            if item["code"] == "C901" and match:
                complexity[f"{rel}:{match['name']}"] = int(match["value"])
                continue
            findings.append(Finding(rel, item["location"]["row"], item["code"], item["message"]))
    except (subprocess.TimeoutExpired, ValueError, KeyError) as exc:
        proc.kill()
        return Readability(100.0, error=f"readability could not be measured: {exc}")
    finally:
        proc.tmpdir.cleanup()
    over = sum(max(0, c - COMPLEXITY_OK) for c in complexity.values())
    score = max(0.0, 100.0 - 5 * len(findings) - 5 * over)
    return Readability(score, findings, complexity)
