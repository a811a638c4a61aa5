"""Loads problem folders. Nothing else in mldrill reads raw problem files."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from ..grading.testkit import Case
from .schema import Kind, ProblemSpec

BUILTIN = Path(__file__).parent / "problems"
SUITES = ("public", "hidden")


class ProblemLoadError(ValueError):
    """A problem folder is invalid; the message names the file and the field."""


@dataclass(frozen=True)
class Problem:
    spec: ProblemSpec
    root: Path

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    def missing_extras(self) -> list[str]:
        """Optional extras this problem needs that are not installed (e.g. ``["torch"]``)."""
        return [name for name in self.spec.requires if importlib.util.find_spec(name) is None]

    @cached_property
    def statement(self) -> str:
        return (self.root / "statement.md").read_text(encoding="utf-8")

    def starter_files(self) -> dict[str, bytes]:
        return read_tree(self.root / "starter")

    def solution_files(self) -> dict[str, bytes]:
        return read_tree(self.root / "solution")

    def suite_path(self, suite: str) -> Path:
        return self.root / "tests" / f"{suite}.py"

    def cases(self, suite: str) -> list[Case]:
        """The tests of ``suite`` ("public" or "hidden") in file order."""
        module = _load_module(self.suite_path(suite), f"_mldrill_tests_{self.id}_{suite}")
        found = [getattr(v, "__mldrill_case__", None) for v in vars(module).values()]
        return [c for c in found if c is not None]

    def reference(self):
        """The reference solution as a module, for implement problems (trusted side only)."""
        if self.kind is not Kind.IMPLEMENT:
            return None
        return _load_module(self.root / "solution" / "solution.py", f"_mldrill_ref_{self.id}")

    def wrong_files(self, rel: str) -> dict[str, bytes]:
        """A wrong submission: a file for implement problems, an overlay folder for debug."""
        path = self.root / rel
        if self.kind is Kind.IMPLEMENT:
            return {"solution.py": path.read_bytes()}
        files = self.solution_files()
        files.update(read_tree(path))
        return files


_MODULES: dict[tuple[str, str, int], object] = {}


def _load_module(path: Path, name: str):
    """Import a bank file under a private name; cached until the file changes."""
    key = (str(path), name, path.stat().st_mtime_ns)
    if key not in _MODULES:
        _MODULES[key] = _exec_module(path, name)
    return _MODULES[key]


def _exec_module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look modules up by name
    spec.loader.exec_module(module)
    return module


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` as {relative posix path: bytes}, caches and dotfiles skipped."""
    files = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(p.startswith(".") or p == "__pycache__" for p in rel.parts) or not path.is_file():
            continue
        files[rel.as_posix()] = path.read_bytes()
    return files


def _format_error(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"{path}: field '{field}': {err['msg']}")
    return "\n".join(lines)


def load_problem(root: Path) -> Problem:
    """Load and validate one problem folder."""
    toml_path = root / "problem.toml"
    if not toml_path.is_file():
        raise ProblemLoadError(f"{toml_path}: missing (every problem folder needs one)")
    try:
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProblemLoadError(f"{toml_path}: not valid TOML: {exc}") from None
    try:
        spec = ProblemSpec.model_validate(data)
    except ValidationError as exc:
        raise ProblemLoadError(_format_error(toml_path, exc)) from None
    if spec.id != root.name:
        raise ProblemLoadError(f"{toml_path}: field 'id': {spec.id!r} differs from folder name")
    required = ["statement.md", "starter", "solution", "tests/public.py", "tests/hidden.py"]
    if spec.kind is Kind.IMPLEMENT:
        required += ["starter/solution.py", "solution/solution.py"]
    for rel in required + [w.path for w in spec.wrong]:
        if not (root / rel).exists():
            raise ProblemLoadError(f"{root / rel}: missing (required by {toml_path.name})")
    for bug in spec.bugs:
        if not (root / "solution" / bug.file).is_file():
            raise ProblemLoadError(
                f"{toml_path}: field 'bugs.{bug.id}.file': solution/{bug.file} does not exist"
            )
    return Problem(spec, root)


def load_bank(root: Path = BUILTIN, errors: list[str] | None = None) -> list[Problem]:
    """Every problem under ``root`` (or ``root`` itself if it is one problem), sorted by id.

    With ``errors`` (a list), invalid problems are skipped and their messages appended to
    it; without, the first invalid problem raises.
    """
    if (root / "problem.toml").is_file():
        return [load_problem(root)]
    if not root.is_dir():
        raise ProblemLoadError(f"{root}: no such problem folder or bank")
    problems = []
    for path in sorted(root.iterdir()):
        if not (path / "problem.toml").is_file():
            continue
        try:
            problems.append(load_problem(path))
        except ProblemLoadError as exc:
            if errors is None:
                raise
            errors.append(str(exc))
    return problems


def find_problem(problem_id: str, root: Path = BUILTIN) -> Problem:
    path = root / problem_id
    if not (path / "problem.toml").is_file():
        known = ", ".join(p.name for p in sorted(root.iterdir()) if (p / "problem.toml").exists())
        raise ProblemLoadError(f"unknown problem id {problem_id!r}; known ids: {known}")
    return load_problem(path)
