"""Timed mock interviews: the rounds of a format, a clock kept as timestamps, a scorecard.

Practice mode allows pauses and hints (each costs ``HINT_COST`` points) and shows the result
and the reference after every round. Strict mode has no pause and no hints, submits the saved
draft automatically when a round's time runs out, and shows results only when the session is
over. Nothing about the clock lives in memory: every view is computed from stored timestamps
and the injected clock, so a restarted server or CLI carries on where it was.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ..bank.loader import ProblemLoadError
from ..storage.mock import MockStore, aware
from . import adaptive
from .formats import (
    CODING,
    FORMATS,
    FormatError,
    MockFormat,
    RoundSpec,
    candidates,
    find_format,
    load_formats,
)

if TYPE_CHECKING:
    from ..service import Service

HINT_COST = 10.0
PRACTICE, STRICT = "practice", "strict"


class MockError(ValueError):
    """A request the session cannot honour now (the message says why)."""


class MockNotFound(MockError):
    """No such session or format."""


@dataclass
class RoundView:
    id: int
    position: int
    title: str
    kind: str
    item_id: str
    item_title: str
    minutes: float
    started_at: datetime | None
    submitted_at: datetime | None
    remaining_seconds: float | None  # None before the round starts
    used_seconds: float
    auto_submitted: bool
    hints_used: int
    score: float | None  # hidden (None) in strict mode until the session ends
    result: dict | None

    @property
    def state(self) -> str:
        if self.submitted_at is not None:
            return "submitted"
        return "running" if self.started_at is not None else "waiting"

    def to_dict(self) -> dict:
        data = asdict(self)
        for key in ("started_at", "submitted_at"):
            data[key] = data[key].isoformat() if data[key] else None
        data["state"] = self.state
        return data


@dataclass
class SessionView:
    id: int
    format_id: str
    format_title: str
    mode: str
    created_at: datetime
    finished: bool
    paused: bool
    current: int | None  # position of the round in progress or next, None when finished
    rounds: list[RoundView]

    def to_dict(self) -> dict:
        return {
            "id": self.id, "format": self.format_id, "format_title": self.format_title,
            "mode": self.mode, "created_at": self.created_at.isoformat(),
            "finished": self.finished, "paused": self.paused, "current": self.current,
            "rounds": [r.to_dict() for r in self.rounds],
        }  # fmt: skip


@dataclass
class Scorecard:
    session: SessionView
    score: float  # minutes-weighted mean of the rounds
    dimensions: dict[str, float]  # mean per dimension over the rounds that report it
    balance: dict[str, dict]  # coding vs theory: rounds, minutes, mean score
    references: list[dict]  # per round: what a strong answer looks like
    study_next: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "session": self.session.to_dict(), "score": self.score,
            "dimensions": self.dimensions, "balance": self.balance,
            "references": self.references, "study_next": self.study_next,
        }  # fmt: skip


def _side(kind: str) -> str:
    if kind in CODING:
        return "coding"
    return "theory" if kind in ("theory", "design") else "behavioral"


class MockService:
    """Mock interviews behind the service layer (the CLI and the web call the same methods)."""

    def __init__(self, service: Service) -> None:
        self.svc = service
        self.formats_root = FORMATS

    @property
    def store(self) -> MockStore:
        return self.svc._get_mock_store()

    def formats(self) -> dict[str, MockFormat]:
        return load_formats(self.formats_root)

    # choosing items
    def _candidates(self, spec: RoundSpec) -> list[adaptive.Candidate]:
        problems = self.svc.problems() if spec.kind in CODING else []
        return candidates(spec, problems, self.svc.study.bank)

    def _seen(self) -> set[str]:
        seen = {a.problem_id for a in self.svc.history(limit=100000)}
        seen |= {a.item_id for a in self.svc.study.store.answers(limit=100000)}
        for session in self.store.sessions(limit=1000):
            seen |= {r.item_id for r in self.store.rounds(session.id)}
        return seen

    def create(self, format_id: str, strict: bool = False) -> int:
        """A new session with an item chosen for every round; the first round starts now."""
        try:
            fmt = find_format(format_id, self.formats_root)
        except FormatError as exc:
            raise MockNotFound(str(exc)) from None
        user = self.svc.ratings.user()
        items = self.svc.ratings.items()
        seen = self._seen()
        rounds = []
        for number, spec in enumerate(fmt.rounds, start=1):
            candidates = [
                c for c in self._candidates(spec) if c.id not in {r["item_id"] for r in rounds}
            ]
            if not candidates:
                raise MockError(
                    f"format {fmt.id!r}, round {number} ({spec.title}): "
                    "no question in the bank matches its kind, topics and pool"
                )
            chosen = adaptive.choose(candidates, user, items, seen, self.svc.rng)
            rounds.append({"kind": spec.kind, "item_id": chosen.id, "minutes": spec.minutes})
        now = self.svc.clock()
        session_id = self.store.create(fmt.id, STRICT if strict else PRACTICE, rounds, now)
        first = self.store.rounds(session_id)[0]
        self.store.update_round(first.id, started_at=now)
        return session_id

    # the clock
    def _used(self, row, paused_at: datetime | None, now: datetime) -> float:
        started = aware(row.started_at)
        if started is None:
            return 0.0
        end = aware(row.submitted_at) or now
        used = (end - started).total_seconds() - row.paused_seconds
        if paused_at is not None and row.submitted_at is None:
            used -= (now - paused_at).total_seconds()
        return max(used, 0.0)

    def _tick(self, session_id: int) -> None:
        """Strict mode: submit every round whose time ran out, with its saved draft."""
        session = self.store.session(session_id)
        if session is None or session.mode != STRICT or session.finished_at is not None:
            return
        while True:  # a long absence can use up several rounds, one after the other
            row = next((r for r in self.store.rounds(session_id) if r.submitted_at is None), None)
            if row is None or row.started_at is None:
                return
            deadline = aware(row.started_at) + timedelta(seconds=row.minutes * 60)
            if self.svc.clock() < deadline:
                return
            self._submit(row, dict(row.draft or {}), auto=True, at=deadline)

    def view(self, session_id: int) -> SessionView:
        self._tick(session_id)
        session = self.store.session(session_id)
        if session is None:
            raise MockNotFound(f"no mock session {session_id}")
        fmt = self._format(session.format_id)
        now = self.svc.clock()
        paused_at = aware(session.paused_at)
        finished = session.finished_at is not None
        reveal = finished or session.mode == PRACTICE
        rows = self.store.rounds(session_id)
        views = []
        for row in rows:
            used = self._used(row, paused_at, now)
            remaining = None if row.started_at is None else row.minutes * 60 - used
            views.append(RoundView(
                row.id, row.position, fmt.rounds[row.position].title if fmt else row.kind,
                row.kind, row.item_id, self.item_title(row.kind, row.item_id), row.minutes,
                aware(row.started_at), aware(row.submitted_at), remaining, used,
                bool(row.auto_submitted), row.hints_used,
                row.score if reveal else None, row.result if reveal else None,
            ))  # fmt: skip
        current = next((r.position for r in rows if r.submitted_at is None), None)
        return SessionView(session.id, session.format_id, fmt.title if fmt else session.format_id,
                           session.mode, aware(session.created_at), finished,
                           paused_at is not None, current, views)  # fmt: skip

    def _format(self, format_id: str) -> MockFormat | None:
        try:
            return find_format(format_id, self.formats_root)
        except FormatError:
            return None  # a format file removed since; the stored rounds still stand

    def sessions(self, limit: int = 20) -> list[SessionView]:
        return [self.view(s.id) for s in self.store.sessions(limit)]

    def _current_row(self, session_id: int, round_id: int | None = None):
        self._tick(session_id)
        session = self.store.session(session_id)
        if session is None:
            raise MockNotFound(f"no mock session {session_id}")
        rows = [r for r in self.store.rounds(session_id) if r.submitted_at is None]
        if not rows:
            raise MockError("this mock interview is over")
        row = rows[0]
        if round_id is not None and row.id != round_id:
            raise MockError("that round is not the current one (its time may have run out)")
        return session, row

    def start_round(self, session_id: int) -> None:
        """Start the clock of the next round (practice mode waits for this between rounds)."""
        session, row = self._current_row(session_id)
        if session.paused_at is not None:
            raise MockError("the session is paused; resume it first")
        if row.started_at is None:
            self.store.update_round(row.id, started_at=self.svc.clock())

    def pause(self, session_id: int) -> None:
        session, row = self._current_row(session_id)
        if session.mode == STRICT:
            raise MockError("strict mode has no pause, as in a real interview")
        if session.paused_at is None:
            self.store.update_session(session_id, paused_at=self.svc.clock())

    def resume(self, session_id: int) -> None:
        session, row = self._current_row(session_id)
        if session.paused_at is None:
            return
        now = self.svc.clock()
        if row.started_at is not None:
            paused = (now - aware(session.paused_at)).total_seconds()
            self.store.update_round(row.id, paused_seconds=row.paused_seconds + paused)
        self.store.update_session(session_id, paused_at=None)

    def save_draft(self, session_id: int, round_id: int, draft: dict) -> None:
        session, row = self._current_row(session_id, round_id)
        self.store.update_round(row.id, draft=_clean_draft(row.kind, draft))

    def hint(self, session_id: int, round_id: int) -> str:
        session, row = self._current_row(session_id, round_id)
        if session.mode == STRICT:
            raise MockError("hints are off in strict mode")
        if row.started_at is None:
            raise MockError("this round has not started")
        hints = self.hints(row.kind, row.item_id)
        if row.hints_used >= len(hints):
            raise MockError("no more hints for this round")
        self.store.update_round(row.id, hints_used=row.hints_used + 1)
        return hints[row.hints_used]

    def submit(self, session_id: int, round_id: int, draft: dict | None = None) -> RoundView:
        session, row = self._current_row(session_id, round_id)
        if session.paused_at is not None:
            raise MockError("the session is paused; resume it first")
        if row.started_at is None:
            raise MockError("this round has not started")
        content = _clean_draft(row.kind, draft) if draft is not None else dict(row.draft or {})
        self._submit(row, content, auto=False, at=self.svc.clock())
        view = self.view(session_id)
        return view.rounds[row.position]

    def _submit(self, row, draft: dict, auto: bool, at: datetime) -> None:
        score, result = self._grade(row.kind, row.item_id, draft)
        score = max(0.0, round(score - HINT_COST * row.hints_used, 1))
        self.store.update_round(row.id, draft=draft, submitted_at=at, auto_submitted=auto,
                                score=score, result=result)  # fmt: skip
        session = self.store.session(row.session_id)
        rows = self.store.rounds(row.session_id)
        following = [r for r in rows if r.position > row.position]
        if not following:
            self.store.update_session(row.session_id, finished_at=at)
        elif session.mode == STRICT:
            self.store.update_round(following[0].id, started_at=at)  # no break between rounds

    def _grade(self, kind: str, item_id: str, draft: dict) -> tuple[float, dict]:
        if kind in CODING:
            problem = self.svc.problem(item_id)
            files = draft.get("files") or {
                n: d.decode("utf-8") for n, d in problem.starter_files().items()
            }
            result = self.svc.grade_files(problem, files, mode="mock")
            return result.score, result.to_dict()
        text = str(draft.get("text", ""))
        if kind == "behavioral":
            from ..study.stories import assess_answer

            question = self.svc.study.behavioral(item_id)
            checks = assess_answer(text, question)
            score = round(100.0 * sum(c.ok for c in checks) / len(checks), 1)
            return score, {"checks": [asdict(c) for c in checks], "score": score}
        _, result = self.svc.study.grade(item_id, text)
        return result.score, result.to_dict()

    # what each round asks and what a good answer is
    def item_title(self, kind: str, item_id: str) -> str:
        try:
            if kind in CODING:
                return self.svc.problem(item_id).spec.title
            if kind == "behavioral":
                return self.svc.study.behavioral(item_id).question
            return self.svc.study.bank.item(item_id).title
        except (KeyError, ProblemLoadError):
            return item_id

    def prompt(self, kind: str, item_id: str) -> dict:
        """What the candidate sees: the statement and starter files, or the question."""
        if kind in CODING:
            problem = self.svc.problem(item_id)
            files = {n: d.decode("utf-8") for n, d in problem.starter_files().items()}
            return {"title": problem.spec.title, "statement": problem.statement, "files": files}
        if kind == "behavioral":
            q = self.svc.study.behavioral(item_id)
            return {"title": "Behavioural question", "statement": q.question, "files": {}}
        item = self.svc.study.bank.item(item_id)
        return {"title": item.title, "statement": item.question, "files": {}}

    def hints(self, kind: str, item_id: str) -> list[str]:
        if kind in CODING:
            return list(self.svc.problem(item_id).spec.hints)
        if kind == "behavioral":
            q = self.svc.study.behavioral(item_id)
            return [
                f"The interviewer listens for: {', '.join(q.competencies)}.",
                "Use STAR: situation, task, what you did, and a measured result.",
            ]
        item = self.svc.study.bank.item(item_id)
        return [f"Make sure you cover: {p.description}" for p in item.points]

    def reference(self, kind: str, item_id: str) -> dict:
        if kind in CODING:
            problem = self.svc.problem(item_id)
            files = {n: d.decode("utf-8") for n, d in problem.solution_files().items()}
            return {"kind": kind, "files": files, "why": problem.spec.why}
        if kind == "behavioral":
            q = self.svc.study.behavioral(item_id)
            return {"kind": kind, "competencies": q.competencies, "follow_ups": q.follow_ups}
        item = self.svc.study.bank.item(item_id)
        return {
            "kind": kind, "model_answer": item.model_answer.strip(),
            "points": [{"id": p.id, "description": p.description, "weight": p.weight}
                       for p in item.points],
            "misconceptions": [m.correction for m in item.misconceptions],
            "follow_ups": item.follow_ups,
        }  # fmt: skip

    def scorecard(self, session_id: int) -> Scorecard:
        view = self.view(session_id)
        if not view.finished:
            raise MockError("the scorecard is ready when every round is submitted")
        score = overall_score(view)
        dims: dict[str, list[float]] = {}
        balance: dict[str, dict] = {}
        for r in view.rounds:
            for name, value in _dimensions(r).items():
                dims.setdefault(name, []).append(value)
            side = balance.setdefault(_side(r.kind), {"rounds": 0, "minutes": 0.0, "scores": []})
            side["rounds"] += 1
            side["minutes"] += r.minutes
            side["scores"].append(r.score or 0.0)
        for side in balance.values():
            side["score"] = round(sum(side.pop("scores")) / side["rounds"], 1)
        references = [{"position": r.position, "title": r.item_title,
                       **self.reference(r.kind, r.item_id)} for r in view.rounds]  # fmt: skip
        return Scorecard(
            view,
            round(score, 1),
            {k: round(sum(v) / len(v), 1) for k, v in dims.items()},
            balance,
            references,
            self._study_next(view),
        )

    def _study_next(self, view: SessionView) -> list[str]:
        advice = []
        for r in sorted(view.rounds, key=lambda r: r.score or 0.0):
            result = r.result or {}
            if r.kind in CODING:
                failed = [t["name"] for t in result.get("tests", []) if t["status"] != "pass"]
                if failed:
                    advice.append(
                        f"{r.item_title}: failed {', '.join(failed[:4])}; "
                        f"retry it with `mldrill start {r.item_id}`"
                    )
            elif r.kind in ("theory", "design"):
                missed = [p["description"] for p in result.get("points", [])
                          if p["status"] != "covered"]  # fmt: skip
                if missed:
                    advice.append(f"{r.item_title}: revisit {missed[0]}")
            else:
                misses = [c["advice"] for c in result.get("checks", []) if not c["ok"]]
                if misses:
                    advice.append(f"Behavioural: {misses[0]}")
        weakest = self.svc.ratings.weakest_topics(3)
        if weakest:
            advice.append("Weakest topics by rating: " + ", ".join(weakest))
        return advice[:6]


def overall_score(view: SessionView) -> float:
    """The minutes-weighted mean of the rounds' scores (an unscored round counts as 0)."""
    total_minutes = sum(r.minutes for r in view.rounds)
    return sum((r.score or 0.0) * r.minutes for r in view.rounds) / total_minutes


def _dimensions(r: RoundView) -> dict[str, float]:
    result = r.result or {}
    if r.kind in CODING:
        return dict(result.get("dimensions", {}))
    if r.kind in ("theory", "design"):
        return {"explanation": r.score or 0.0}
    return {"storytelling": r.score or 0.0}


def _clean_draft(kind: str, draft: dict) -> dict:
    """Only what a round of this kind takes, as text (bad input is refused, not guessed)."""
    if not isinstance(draft, dict):
        raise MockError("a draft is an object with 'files' or 'text'")
    if kind in CODING:
        files = draft.get("files", {})
        if not isinstance(files, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in files.items()
        ):
            raise MockError("'files' must map file names to text")
        return {"files": files}
    text = draft.get("text", "")
    if not isinstance(text, str):
        raise MockError("'text' must be a string")
    return {"text": text}
