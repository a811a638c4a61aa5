"""Theory, design and behavioural questions: schema and loader.

Each theory or design item is one TOML file under ``bank/questions/theory/`` or
``bank/questions/design/``; behavioural questions are one list in
``bank/questions/behavioral.toml``. Like problems, they are validated here and read nowhere
else.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .loader import ProblemLoadError
from .taxonomy import check_topics

QUESTIONS = Path(__file__).parent / "questions"

Phrases = list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyPoint(_Strict):
    """Something a good answer says. Credit needs every concept group to be evidenced."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    description: str = Field(min_length=5)
    weight: float = Field(1.0, gt=0)
    # Each group is a list of phrasings of one concept (synonyms, aliases, symbols).
    concepts: list[Phrases] = Field(min_length=1)
    phrasings: list[str] = []  # whole-sentence ways of saying the point, for similarity

    @field_validator("concepts")
    @classmethod
    def _groups_not_empty(cls, groups):
        if any(not group or any(not p.strip() for p in group) for group in groups):
            raise ValueError("every concept group needs at least one non-empty phrasing")
        return groups


class Misconception(_Strict):
    """A wrong claim that costs points when every concept group appears in one sentence (or,
    with ``scope = "clause"``, in one clause: for swapped roles, where the correct sentence
    "bagging reduces variance and boosting reduces bias" names every word of the wrong one)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    concepts: list[Phrases] = Field(min_length=1)
    unless: list[str] = []  # phrasings that make the sentence a correct contrast instead
    scope: Literal["sentence", "clause"] = "sentence"
    correction: str = Field(min_length=10)
    penalty: float = Field(1.0, ge=0)


class RubricItem(_Strict):
    """A theory (short answer) or design (open-ended) question with its rubric."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    kind: Literal["theory", "design"]
    title: str = Field(min_length=3)
    topics: list[str] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    question: str = Field(min_length=10)
    model_answer: str = Field(min_length=20)
    points: list[KeyPoint] = Field(min_length=2)
    misconceptions: list[Misconception] = []
    follow_ups: list[str] = Field(min_length=1)
    minutes: int = Field(5, ge=1, le=90)

    _known_topics = field_validator("topics")(check_topics)


class Behavioral(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    question: str = Field(min_length=10)
    competencies: list[str] = Field(min_length=1)
    follow_ups: list[str] = []


class _BehavioralFile(_Strict):
    questions: list[Behavioral] = Field(min_length=1)


def _errors(path: Path, exc: ValidationError) -> str:
    return "\n".join(
        f"{path}: field '{'.'.join(str(p) for p in e['loc']) or '(top level)'}': {e['msg']}"
        for e in exc.errors()
    )


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ProblemLoadError(f"{path}: not valid TOML: {exc}") from None


def load_item(path: Path) -> RubricItem:
    try:
        item = RubricItem.model_validate(_read(path))
    except ValidationError as exc:
        raise ProblemLoadError(_errors(path, exc)) from None
    if item.id != path.stem:
        raise ProblemLoadError(f"{path}: field 'id': {item.id!r} differs from the file name")
    ids = [p.id for p in item.points] + [m.id for m in item.misconceptions]
    if len(set(ids)) != len(ids):
        raise ProblemLoadError(f"{path}: field 'points': ids must be unique within an item")
    return item


@dataclass(frozen=True)
class QuestionBank:
    items: tuple[RubricItem, ...]
    behavioral: tuple[Behavioral, ...]

    def item(self, item_id: str) -> RubricItem:
        for item in self.items:
            if item.id == item_id:
                return item
        known = ", ".join(sorted(i.id for i in self.items)[:40])
        raise ProblemLoadError(f"unknown question id {item_id!r}; known ids include: {known}")


def load_questions(root: Path = QUESTIONS) -> QuestionBank:
    items = []
    for kind in ("theory", "design"):
        folder = root / kind
        if folder.is_dir():
            items += [load_item(p) for p in sorted(folder.glob("*.toml"))]
    for item in items:
        expected = item.kind
        if (root / expected / f"{item.id}.toml").exists() is False:
            raise ProblemLoadError(f"{item.id}: kind {expected!r} but not under {expected}/")
    behavioral: tuple[Behavioral, ...] = ()
    path = root / "behavioral.toml"
    if path.is_file():
        try:
            behavioral = tuple(_BehavioralFile.model_validate(_read(path)).questions)
        except ValidationError as exc:
            raise ProblemLoadError(_errors(path, exc)) from None
    ids = [i.id for i in items] + [b.id for b in behavioral]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ProblemLoadError(f"{root}: duplicate question ids {duplicates}")
    return QuestionBank(tuple(items), behavioral)


@cache
def builtin_questions() -> QuestionBank:
    return load_questions()
