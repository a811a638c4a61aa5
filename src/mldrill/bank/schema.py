"""The declarative ``problem.toml`` schema, validated with pydantic."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .taxonomy import check_topics

DEFAULT_WEIGHTS = {
    "correctness": 0.45,
    "edge_cases": 0.2,
    "numerical_stability": 0.1,
    "efficiency": 0.1,
    "readability": 0.15,
}


class Kind(StrEnum):
    IMPLEMENT = "implement"
    DEBUG = "debug"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Weights(Strict):
    correctness: float = Field(DEFAULT_WEIGHTS["correctness"], ge=0)
    edge_cases: float = Field(DEFAULT_WEIGHTS["edge_cases"], ge=0)
    numerical_stability: float = Field(DEFAULT_WEIGHTS["numerical_stability"], ge=0)
    efficiency: float = Field(DEFAULT_WEIGHTS["efficiency"], ge=0)
    readability: float = Field(DEFAULT_WEIGHTS["readability"], ge=0)


class ProblemLimits(Strict):
    test_seconds: float = Field(2.0, gt=0, le=60)
    memory_mb: int = Field(512, ge=64, le=8192)
    output_kb: int = Field(64, ge=1, le=4096)
    cpu_seconds: int = Field(30, ge=1, le=600)


class Wrong(Strict):
    """A known-wrong submission and the outcome it must get."""

    path: str
    status: Literal["fail", "error", "timeout", "memory", "output_limit", "violation"]
    failing: list[str] = []  # tests that must not pass
    note: str = ""


class Bug(Strict):
    """A planted bug: the fixed text in ``file`` and the buggy text that replaces it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    file: str
    category: str
    description: str
    fixed: str
    buggy: str
    caught_by: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _differs(self):
        if self.fixed == self.buggy:
            raise ValueError("'fixed' and 'buggy' are the same text")
        return self


class Equivalent(Strict):
    """A mutant that cannot change behaviour, with the reason (see ``bank mutate``)."""

    id: str
    reason: str = Field(min_length=10)


class ProblemSpec(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_]*$")
    title: str = Field(min_length=3)
    kind: Kind
    topics: list[str] = Field(min_length=1)
    difficulty: Literal["easy", "medium", "hard"]
    time_minutes: int = Field(ge=1, le=240)
    summary: str = Field(min_length=3)
    hints: list[str] = Field(min_length=2)
    why: str = Field(min_length=3)
    weights: Weights = Weights()
    limits: ProblemLimits = ProblemLimits()
    wrong: list[Wrong] = Field(min_length=2)
    bugs: list[Bug] = []
    equivalent: list[Equivalent] = []
    requires: list[Literal["torch"]] = []  # optional extras the problem needs

    _known_topics = field_validator("topics")(check_topics)

    @model_validator(mode="after")
    def _bugs_match_kind(self):
        if self.kind is Kind.DEBUG and not self.bugs:
            raise ValueError("a debug problem needs at least one [[bugs]] entry")
        if self.kind is Kind.IMPLEMENT and self.bugs:
            raise ValueError("[[bugs]] belongs to debug problems only")
        return self
