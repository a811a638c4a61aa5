"""The one service layer both front ends call: the CLI today, the web app later."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .bank import taxonomy
from .bank.loader import BUILTIN, Problem, ProblemLoadError, find_problem, load_bank
from .bank.schema import Kind
from .grading.debug_report import DebugSetup, PlantedBug
from .grading.grade import GradeResult, candidate_files, grade
from .judge.outcomes import Outcome, TestEvent
from .judge.pool import JudgePool
from .judge.runner import run_suite
from .judge.sandbox import SandboxUnavailable
from .judge.tracer import DEFAULT_STEPS, Trace, trace_case
from .judge.worker import Zygote
from .session import workspace

_DIFFICULTY = {"easy": 0, "medium": 1, "hard": 2}


def utcnow() -> datetime:
    return datetime.now(UTC)


@contextmanager
def judge_for(sandbox: bool = True, torch: bool = False):
    """A started zygote, closed on exit. Raises SandboxUnavailable with what is missing."""
    zygote = Zygote(sandbox=sandbox, torch=torch)
    zygote.start()
    try:
        yield zygote
    finally:
        zygote.close()


@dataclass
class Overview:
    problems: list[Problem]
    best: dict[str, tuple[float, str]]
    attempts: int
    suggestion: Problem | None
    reason: str


class Service:
    """Problems, workspaces, grading and history behind one object."""

    def __init__(
        self,
        db_url: str | None = None,
        bank_root: Path = BUILTIN,
        sandbox: bool = True,
        clock: Callable[[], datetime] = utcnow,
        rng: random.Random | None = None,
        questions=None,
        judges: int = 1,
    ) -> None:
        self.db_url = db_url
        self.bank_root = bank_root
        self.sandbox = sandbox
        self.clock = clock
        self.rng = rng or random.Random()  # only picks a seed when none is given
        self._store = None
        self._study_store = None
        self._mock_store = None
        self._lazy = threading.RLock()
        self._judges = JudgePool(sandbox, judges)
        from .session.mock import MockService
        from .session.ratings import Ratings
        from .study.service import StudyService

        self.study = StudyService(self._get_study_store, clock, questions, self._rate_answer)
        self.ratings = Ratings(self._get_mock_store, clock)
        self.mock = MockService(self)

    @property
    def store(self):
        with self._lazy:  # web requests arrive on several threads; migrate once
            if self._store is None:
                from .storage.db import Store

                self._store = Store(self.db_url)
            return self._store

    def _get_study_store(self):
        with self._lazy:
            if self._study_store is None:
                from .storage.study import StudyStore

                self._study_store = StudyStore(self.store.engine)
            return self._study_store

    def _get_mock_store(self):
        with self._lazy:
            if self._mock_store is None:
                from .storage.mock import MockStore

                self._mock_store = MockStore(self.store.engine)
            return self._mock_store

    def _rate_answer(self, item, score: float) -> None:
        self.ratings.record(f"question:{item.id}", item.topics, item.difficulty, score)

    @contextmanager
    def judge(self, problem: Problem | None = None) -> Iterator[Zygote]:
        """A warm judge for one grading (with torch pre-imported when ``problem`` needs it)."""
        if problem is not None and problem.missing_extras():
            extras = ", ".join(problem.missing_extras())
            raise ProblemLoadError(
                f"problem {problem.id!r} needs {extras}: install it with pip install -e '.[torch]'"
            )
        torch = problem is not None and "torch" in problem.spec.requires
        with self._judges.borrow(torch) as zygote:
            yield zygote

    def close(self) -> None:
        self._judges.close()

    def __enter__(self) -> Service:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # bank
    def problems(self, kind: str | None = None, topic: str | None = None) -> list[Problem]:
        """Valid problems; invalid ones are left out and described in ``load_errors``."""
        self.load_errors: list[str] = []
        found = load_bank(self.bank_root, self.load_errors)
        if kind:
            found = [p for p in found if p.kind == kind]
        if topic:
            found = [p for p in found if any(taxonomy.matches(t, topic) for t in p.spec.topics)]
        return found

    def problem(self, problem_id: str) -> Problem:
        return find_problem(problem_id, self.bank_root)

    # workspaces and grading
    def start(
        self,
        problem_id: str,
        dest: Path | None = None,
        debug_bugs: int | None = None,
        seed: int | None = None,
    ) -> workspace.Workspace:
        """A workspace; with ``debug_bugs``, a debugging task generated from the reference."""
        problem = self.problem(problem_id)
        dest = dest or Path.cwd() / problem_id
        if debug_bugs is None:
            return workspace.create(problem, dest, self.clock())
        if problem.kind is not Kind.IMPLEMENT:
            raise ProblemLoadError(f"{problem_id} is already a debug problem; drop --debug")
        if debug_bugs < 1:
            raise ProblemLoadError("--bugs must be at least 1")
        seed = self.rng.randrange(1_000_000) if seed is None else seed
        setup = self.debug_setup(problem, debug_bugs, seed)
        debug = {"bugs": debug_bugs, "seed": seed}
        return workspace.create(problem, dest, self.clock(), setup.starter, debug)

    def debug_setup(self, problem: Problem, bugs: int, seed: int) -> DebugSetup:
        """The planted bugs of a generated task (regenerated: same seed, same task)."""
        from .bank.mutation.engine import generate_debug_task

        try:
            with self.judge(problem) as zygote:
                files, planted = generate_debug_task(problem, zygote, bugs, seed)
        except ValueError as exc:
            raise ProblemLoadError(str(exc)) from None
        described = []
        for bug in planted:
            lines = files[bug.mutant.file].decode("utf-8").splitlines()
            described.append(
                PlantedBug(
                    bug.mutant.id, bug.mutant.file, bug.mutant.operator, bug.mutant.description,
                    tuple(bug.caught_by), lines[bug.mutant.line - 1].strip(),
                )
            )  # fmt: skip
        return DebugSetup(tuple(described), files, problem.solution_files())

    def run_workspace(
        self, root: Path, suite: str, on_event: Callable[[TestEvent], None] | None = None
    ) -> GradeResult:
        """Public tests (``suite="public"``) or a submission (``"hidden"``) of a workspace."""
        space = workspace.open_workspace(root)
        problem = self.problem(space.problem_id)
        files = workspace.collect(problem, root)
        debug = None
        if space.debug and suite == "hidden":
            debug = self.debug_setup(problem, space.debug["bugs"], space.debug["seed"])
        with self.judge(problem) as zygote:
            result = grade(problem, files, zygote, suite, on_event, debug=debug)
        self._record(problem, "test" if suite == "public" else "submit", files, result)
        return result

    def grade_path(
        self, problem_id: str, path: Path, on_event: Callable[[TestEvent], None] | None = None
    ) -> GradeResult:
        """Grade a solution.py (implement) or a project folder (debug) non-interactively."""
        problem = self.problem(problem_id)
        files = _path_files(problem, path)
        with self.judge(problem) as zygote:
            result = grade(problem, files, zygote, "hidden", on_event)
        self._record(problem, "grade", files, result)
        return result

    def grade_files(
        self,
        problem: Problem,
        files: dict[str, str],
        mode: str = "submit",
        on_event: Callable[[TestEvent], None] | None = None,
        suite: str = "hidden",
    ) -> GradeResult:
        """Grade code sent as text (the web editor, a mock round); the names must be the
        problem's own files: ``solution.py``, or the project's Python files."""
        data = _text_files(problem, files)
        with self.judge(problem) as zygote:
            result = grade(problem, data, zygote, suite, on_event)
        self._record(problem, mode if suite == "hidden" else "test", data, result)
        return result

    def trace(
        self,
        path: Path,
        test_name: str | None = None,
        suite: str = "public",
        problem_id: str | None = None,
        max_steps: int = DEFAULT_STEPS,
    ) -> Trace | None:
        """Trace one test on a workspace (or, with ``problem_id``, a solution file or folder).

        Without ``test_name``, the first test of ``suite`` that does not pass is traced (the
        suite is run first to find it); None when every test passes. Nothing is recorded.
        """
        if problem_id is None:
            problem = self.problem(workspace.open_workspace(path).problem_id)
            files = workspace.collect(problem, path)
        else:
            problem = self.problem(problem_id)
            files = _path_files(problem, path)
        return self._trace(problem, files, test_name, suite, max_steps)

    def check_files(self, problem: Problem, files: dict[str, str]) -> None:
        """Raise WorkspaceError unless ``files`` are the problem's own (before any grading)."""
        _text_files(problem, files)

    def trace_files(
        self, problem_id: str, files: dict[str, str], test_name: str | None = None,
        suite: str = "public", max_steps: int = DEFAULT_STEPS,
    ) -> Trace | None:  # fmt: skip
        """``trace`` for code sent as text (the web editor)."""
        problem = self.problem(problem_id)
        return self._trace(problem, _text_files(problem, files), test_name, suite, max_steps)

    def _trace(self, problem, files, test_name, suite, max_steps) -> Trace | None:
        with self.judge(problem) as zygote:
            if test_name is None:
                events = run_suite(problem, candidate_files(problem, files), suite, zygote)
                with closing(events):
                    test_name = next((e.name for e in events if e.status is not Outcome.PASS), None)
                if test_name is None:
                    return None
            return trace_case(problem, files, test_name, zygote, suite, max_steps)

    def _record(self, problem: Problem, mode: str, files, result: GradeResult) -> None:
        code = {n: d.decode("utf-8", "replace") for n, d in files.items()}
        self.store.add_attempt(problem.id, mode, code, result.to_dict(), self.clock())
        if mode != "test":
            spec = problem.spec
            self.ratings.record(f"problem:{problem.id}", spec.topics, spec.difficulty,
                                result.score)  # fmt: skip
            if str(result.status) != "pass":
                self.study.enqueue_problem(problem.id)  # failed problems come back for review

    # progress
    def history(self, problem_id: str | None = None, limit: int = 50):
        return self.store.attempts(problem_id, limit)

    def report(self):
        """Mastery, balance, history and mock interviews (feedback/report.py)."""
        from .feedback import report
        from .session.mock import overall_score

        mocks = []
        for view in self.mock.sessions(limit=50):
            score = None
            if view.finished:
                score = round(overall_score(view), 1)  # no references needed here
            mocks.append({"id": view.id, "format": view.format_id, "mode": view.mode,
                          "date": view.created_at.strftime("%Y-%m-%d %H:%M"), "score": score,
                          "finished": view.finished})  # fmt: skip
        return report.build(
            list(reversed(self.history(limit=100000))),
            self.study.store.answers(limit=100000),
            self._get_mock_store().ratings(),
            mocks,
        )

    def overview(self) -> Overview:
        problems = self.problems()
        best = self.store.best_scores()
        attempts = len(self.store.attempts(limit=100000))
        suggestion, reason = _suggest(problems, best)
        return Overview(problems, best, attempts, suggestion, reason)


def _text_files(problem: Problem, files: dict[str, str]) -> dict[str, bytes]:
    """Code sent as text, checked against the problem's own file names."""
    allowed = set(problem.starter_files()) | set(problem.solution_files())
    allowed = {n for n in allowed if n.endswith(".py") and not n.startswith("tests/")}
    unknown = sorted(set(files) - allowed)
    if unknown:
        raise workspace.WorkspaceError(
            f"{problem.id}: unexpected file(s) {unknown}; expected {sorted(allowed)}"
        )
    if problem.kind is Kind.IMPLEMENT and "solution.py" not in files:
        raise workspace.WorkspaceError(f"{problem.id}: solution.py is missing")
    return {n: t.encode("utf-8") for n, t in files.items()}


def _path_files(problem: Problem, path: Path) -> dict[str, bytes]:
    """A solution.py (implement; a folder means its solution.py) or a project folder (debug)."""
    if problem.kind is Kind.IMPLEMENT:
        if path.is_dir():
            path = path / "solution.py"
        return {"solution.py": workspace.read_file_safely(path)}
    if not path.is_dir():
        raise workspace.WorkspaceError(f"{path}: a debug problem is graded from a folder")
    return workspace.collect(problem, path)


def _suggest(problems: list[Problem], best: dict[str, tuple[float, str]]):
    """Retry the weakest attempted problem below 80, else the easiest unseen one."""
    weak = [p for p in problems if p.id in best and best[p.id][0] < 80]
    if weak:
        target = min(weak, key=lambda p: best[p.id][0])
        return target, f"your best score is {best[target.id][0]:.0f}/100"
    unseen = [p for p in problems if p.id not in best]
    if unseen:
        target = min(unseen, key=lambda p: (_DIFFICULTY[p.spec.difficulty], p.kind != "implement"))
        return target, "you have not tried it yet"
    return None, "every problem is solved with 80 or more"


__all__ = ["SandboxUnavailable", "Service", "judge_for"]
