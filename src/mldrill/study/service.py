"""The study side of the service layer: rubric answers, spaced repetition, Anki, stories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..bank import taxonomy
from ..bank.questions import Behavioral, QuestionBank, RubricItem, builtin_questions
from ..grading.rubric.grader import CREDIT, Coverage, RubricResult, grade_answer
from . import anki, scheduling
from .stories import Coverage as StoryCoverage
from .stories import StoryText, cover, lint

NEW_PER_SESSION = 10


@dataclass
class DueCard:
    key: str  # "theory:ID" or "problem:ID"
    item: RubricItem | None
    problem_id: str | None
    new: bool


def semantic_embedder():
    """The sentence-embedding model, or None when the ``rubric`` extra is not installed."""
    try:
        from ..grading.rubric.embedding import default_embedder

        return default_embedder()
    except ImportError:
        return None


class StudyService:
    def __init__(self, store_factory: Callable, clock: Callable[[], datetime],
                 questions: QuestionBank | None = None,
                 on_graded: Callable[[RubricItem, float], None] | None = None) -> None:  # fmt: skip
        self._store_factory = store_factory
        self.clock = clock
        self._bank = questions
        self._on_graded = on_graded  # the service updates the user's ratings here

    @property
    def bank(self) -> QuestionBank:
        if self._bank is None:
            self._bank = builtin_questions()
        return self._bank

    @property
    def store(self):
        return self._store_factory()

    # questions and rubric answers
    def items(self, kind: str | None = None, topic: str | None = None) -> list[RubricItem]:
        found = list(self.bank.items)
        if kind:
            found = [i for i in found if i.kind == kind]
        if topic:
            found = [i for i in found if any(taxonomy.matches(t, topic) for t in i.topics)]
        return found

    def grade(self, item_id: str, answer: str, semantic: bool = True) -> tuple[int, RubricResult]:
        item = self.bank.item(item_id)
        result = grade_answer(item, answer, semantic_embedder() if semantic else None)
        answer_id = self.store.add_answer(item.id, answer, result.to_dict(), self.clock())
        if self._on_graded is not None:
            self._on_graded(item, result.score)
        return answer_id, result

    def behavioral(self, question_id: str) -> Behavioral:
        for question in self.bank.behavioral:
            if question.id == question_id:
                return question
        raise KeyError(f"no behavioural question {question_id!r}")

    def self_grade(self, answer_id: int, item_id: str, overrides: dict[str, str]) -> float:
        """Record the candidate's own verdict per point; returns the self-graded score."""
        item = self.bank.item(item_id)
        statuses = {p.id: Coverage(overrides[p.id]) for p in item.points if p.id in overrides}
        total = sum(p.weight for p in item.points)
        score = round(100.0 * sum(p.weight * CREDIT[statuses.get(p.id, Coverage.MISSED)]
                                  for p in item.points) / total, 1)  # fmt: skip
        self.store.set_overrides(answer_id, {k: str(v) for k, v in statuses.items()}, score)
        return score

    # spaced repetition
    def enqueue_problem(self, problem_id: str) -> None:
        """A failed coding problem joins the review queue (due now) unless it is queued."""
        key = f"problem:{problem_id}"
        if self.store.card(key) is None:
            now = self.clock()
            self.store.save_card(key, scheduling.new_card(now), now, now)

    def due(self, new_limit: int = NEW_PER_SESSION) -> list[DueCard]:
        now = self.clock()
        cards = {c.key: c for c in self.store.cards()}
        due = []
        for key, card in sorted(cards.items(), key=lambda kv: kv[1].due):
            if _aware(card.due) <= now:
                kind, ident = key.split(":", 1)
                item = self.bank.item(ident) if kind == "theory" else None
                due.append(DueCard(key, item, ident if kind == "problem" else None, False))
        fresh = [i for i in self.bank.items if f"theory:{i.id}" not in cards]
        due += [DueCard(f"theory:{i.id}", i, None, True) for i in fresh[:new_limit]]
        return due

    def review(self, key: str, rating: int, suggested: int | None = None,
               score: float | None = None) -> datetime:  # fmt: skip
        now = self.clock()
        card = self.store.card(key)
        state = card.state if card is not None else scheduling.new_card(now)
        state, due = scheduling.review(state, rating, now)
        self.store.save_card(key, state, due, now)
        self.store.log_review(key, rating, suggested, score, now)
        return due

    def export_anki(self, path: Path) -> int:
        return anki.export(list(self.bank.items), path)

    # stories
    def add_story(self, fields: dict) -> int:
        return self.store.add_story(fields, self.clock())

    def edit_story(self, story_id: int, fields: dict) -> None:
        self.store.update_story(story_id, fields, self.clock())

    def stories(self) -> list[StoryText]:
        return [StoryText(s.id, s.title, s.situation, s.task, s.action, s.result, tuple(s.tags))
                for s in self.store.stories()]  # fmt: skip

    def lint_stories(self) -> dict[int, list[str]]:
        return {s.id: lint(s) for s in self.stories()}

    def cover(self, semantic: bool = True) -> StoryCoverage:
        embedder = semantic_embedder() if semantic else None
        return cover(self.stories(), list(self.bank.behavioral), embedder)


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every time mldrill stores is UTC."""
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
