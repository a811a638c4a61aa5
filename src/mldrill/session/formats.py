"""Mock interview formats: one TOML file each, validated like problems (errors name the file).

A format is an ordered list of rounds. Each round names a kind of question, an optional topic
filter, difficulties and an explicit pool of ids, and the minutes it gets.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..bank.taxonomy import check_topics, matches
from .adaptive import Candidate

FORMATS = Path(__file__).parent / "formats"
RoundKind = Literal["implement", "debug", "theory", "design", "behavioral"]
CODING = ("implement", "debug")


class FormatError(ValueError):
    """A format file that cannot be used; the message names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoundSpec(_Strict):
    title: str = Field(min_length=3)
    kind: RoundKind
    minutes: float = Field(gt=0, le=180)
    topics: list[str] = []  # any of these (an area matches its subtopics); empty: any topic
    difficulty: list[Literal["easy", "medium", "hard"]] = []  # empty: any
    pool: list[str] = []  # explicit ids to choose from; empty: the whole bank of that kind

    _known_topics = field_validator("topics")(check_topics)


class MockFormat(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=3)
    description: str = Field(min_length=10)
    rounds: list[RoundSpec] = Field(min_length=1)

    @property
    def minutes(self) -> float:
        return sum(r.minutes for r in self.rounds)


def candidates(spec: RoundSpec, problems, questions) -> list[Candidate]:
    """The bank's items a round may ask: its kind, within its pool, topics and difficulties
    (problems whose extras are not installed are left out)."""

    def wanted(item_id: str, topics, difficulty) -> bool:
        if spec.pool and item_id not in spec.pool:
            return False
        if spec.difficulty and difficulty not in spec.difficulty:
            return False
        return not spec.topics or any(matches(t, q) for t in topics for q in spec.topics)

    if spec.kind in CODING:
        return [Candidate(p.id, tuple(p.spec.topics), p.spec.difficulty, f"problem:{p.id}")
                for p in problems
                if p.kind == spec.kind and not p.missing_extras()
                and wanted(p.id, p.spec.topics, p.spec.difficulty)]  # fmt: skip
    if spec.kind == "behavioral":
        return [Candidate(q.id, (), "medium", f"behavioral:{q.id}") for q in questions.behavioral
                if not spec.pool or q.id in spec.pool]  # fmt: skip
    return [Candidate(i.id, tuple(i.topics), i.difficulty, f"question:{i.id}")
            for i in questions.items
            if i.kind == spec.kind and wanted(i.id, i.topics, i.difficulty)]  # fmt: skip


def check_formats(problems, questions, root: Path | None = None):
    """(format id, check, ok, detail) for every format file: it loads, and every round has
    at least one question in the bank to ask."""
    for path in sorted((root or FORMATS).glob("*.toml")):
        try:
            fmt = load_format(path)
        except FormatError as exc:
            yield path.stem, "format is valid", False, str(exc)
            continue
        yield fmt.id, "format is valid", True, ""
        for number, spec in enumerate(fmt.rounds, start=1):
            found = candidates(spec, problems, questions)
            yield (
                fmt.id,
                f"round {number} ({spec.title}) has questions",
                bool(found),
                f"{len(found)} candidates" if found else "no item matches kind/topics/pool",
            )


def load_format(path: Path) -> MockFormat:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise FormatError(f"{path}: cannot read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise FormatError(f"{path}: invalid TOML: {exc}") from None
    try:
        fmt = MockFormat.model_validate(data)
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise FormatError(f"{path}: {fields}") from None
    if fmt.id != path.stem:
        raise FormatError(f"{path}: id {fmt.id!r} must match the file name {path.stem!r}")
    return fmt


def load_formats(root: Path = FORMATS) -> dict[str, MockFormat]:
    return {p.stem: load_format(p) for p in sorted(root.glob("*.toml"))}


def find_format(format_id: str, root: Path = FORMATS) -> MockFormat:
    path = root / f"{format_id}.toml"
    if not path.is_file():
        known = ", ".join(sorted(load_formats(root)))
        raise FormatError(f"no mock format {format_id!r}; known formats: {known}")
    return load_format(path)
