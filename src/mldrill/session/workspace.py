"""Workspaces: the folder a candidate works in, and reading it back without trusting it."""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..bank.loader import Problem
from ..bank.schema import Kind

MARKER = ".mldrill.json"
MAX_FILE_BYTES = 1 << 20
MAX_FILES = 200


class WorkspaceError(ValueError):
    """The workspace is missing or holds something mldrill will not read."""


@dataclass(frozen=True)
class Workspace:
    root: Path
    problem_id: str
    started_at: str
    debug: dict | None = None  # {"bugs": K, "seed": S} for a generated debugging task


DEBUG_NOTE = """

## Debugging task

This is not a blank starter: `solution.py` is a working solution with {bugs} planted bugs,
each one an ordinary mistake that the hidden tests catch. Find and fix them in place; the
grading reports which bugs you fixed and how large your change was (a surgical fix scores
better than a rewrite). Task seed: {seed}.
"""


def create(
    problem: Problem,
    dest: Path,
    now: datetime,
    starter: dict[str, bytes] | None = None,
    debug: dict | None = None,
) -> Workspace:
    """Write statement, starter files and public tests into ``dest`` (which must be empty).

    ``starter`` and ``debug`` replace the starter files for a generated debugging task.
    """
    if dest.exists() and any(dest.iterdir()):
        raise WorkspaceError(f"{dest}: folder exists and is not empty; choose another with --dir")
    dest.mkdir(parents=True, exist_ok=True)
    statement = problem.statement + (DEBUG_NOTE.format(**debug) if debug else "")
    (dest / "statement.md").write_text(statement, encoding="utf-8")
    for name, data in (starter or problem.starter_files()).items():
        path = dest / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    tests = dest / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "public.py").write_bytes(problem.suite_path("public").read_bytes())
    marker = {"problem": problem.id, "started_at": now.isoformat()}
    if debug:
        marker["debug"] = debug
    (dest / MARKER).write_text(json.dumps(marker, indent=2) + "\n", encoding="utf-8")
    return Workspace(dest, problem.id, marker["started_at"], debug)


def open_workspace(root: Path) -> Workspace:
    marker = root / MARKER
    if not marker.is_file():
        raise WorkspaceError(
            f"{root}: not an mldrill workspace (no {MARKER}); create one with `mldrill start ID`"
        )
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        debug = data.get("debug")
        if debug is not None:
            debug = {"bugs": int(debug["bugs"]), "seed": int(debug["seed"])}
        return Workspace(root, str(data["problem"]), str(data.get("started_at", "")), debug)
    except (ValueError, KeyError, TypeError) as exc:
        raise WorkspaceError(f"{marker}: unreadable ({exc})") from None


def read_file_safely(path: Path) -> bytes:
    """Read a regular file without following a symlink, with a size cap."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP: the last component is a symlink
            message = f"{path}: is a symbolic link; mldrill reads regular files only"
            raise WorkspaceError(message) from None
        raise WorkspaceError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise WorkspaceError(f"{path}: not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise WorkspaceError(f"{path}: larger than {MAX_FILE_BYTES // 1024} KiB")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)


def collect(problem: Problem, root: Path) -> dict[str, bytes]:
    """The candidate's files: solution.py, or every .py of a debug project (tests/ excluded)."""
    if problem.kind is Kind.IMPLEMENT:
        return {"solution.py": read_file_safely(root / "solution.py")}
    files: dict[str, bytes] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root)
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        if rel_dir.parts[:1] == ("tests",):
            continue
        for name in filenames:
            if name.endswith(".py"):
                files[(rel_dir / name).as_posix()] = read_file_safely(Path(dirpath) / name)
                if len(files) > MAX_FILES:
                    raise WorkspaceError(f"{root}: more than {MAX_FILES} Python files")
    if not files:
        raise WorkspaceError(f"{root}: no Python files found")
    return files
