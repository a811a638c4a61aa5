"""Grades a free-text answer against a rubric: per key point covered, partial or missed,
with the evidence span; misconceptions flagged with their correction; a weighted score.

A point is credited only with concept evidence: every concept group of the point must be
named somewhere in the answer. Similarity from the embedding model never credits a point on
its own (wording that resembles the point is not the point: "L2 gives sparse weights" is
close to an L1 answer); it upgrades a partial match whose missing concepts were paraphrased,
and confirms concepts that are scattered across sentences.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum

import numpy as np

from ...bank.questions import KeyPoint, Misconception, RubricItem
from . import text

PARAPHRASE = 0.76  # similarity that upgrades a partial match to covered
RELATED = 0.40  # similarity that confirms concepts spread over several sentences
# Words of evidence that explain a point well enough to do without the name the question
# already gave it ("it's the patch of the image a neuron can see" for the receptive field).
EXPLAINED = 20


class Coverage(StrEnum):
    COVERED = "covered"
    PARTIAL = "partial"
    MISSED = "missed"


CREDIT = {Coverage.COVERED: 1.0, Coverage.PARTIAL: 0.5, Coverage.MISSED: 0.0}


@dataclass
class PointResult:
    id: str
    description: str
    weight: float
    status: Coverage
    evidence: str = ""  # the sentence(s) that count
    span: tuple[int, int] | None = None
    concepts_found: list[str] = field(default_factory=list)
    concepts_missing: list[str] = field(default_factory=list)
    similarity: float | None = None
    basis: str = ""  # "concepts", "explained" or "paraphrase": what earned a covered point


@dataclass
class MisconceptionHit:
    id: str
    evidence: str
    span: tuple[int, int]
    correction: str
    penalty: float


@dataclass
class RubricResult:
    item: str
    score: float
    points: list[PointResult]
    misconceptions: list[MisconceptionHit]
    semantic: bool  # whether the embedding model took part

    def to_dict(self) -> dict:
        data = asdict(self)
        for p in data["points"]:
            p["status"] = str(p["status"])
        return data


def _group_label(group: list[str]) -> str:
    return group[0]


def _similarities(point: KeyPoint, sents: list[text.Sentence], embedder) -> list[float] | None:
    if embedder is None or not sents:
        return None
    targets = [point.description, *point.phrasings]
    vectors = embedder.encode([s.text for s in sents] + targets)
    sims = vectors[: len(sents)] @ vectors[len(sents) :].T
    return [float(x) for x in sims.max(axis=1)]


def named_in(point: KeyPoint, question: str) -> set[int]:
    """The concept groups of ``point`` that the question itself names: an answer may refer to
    them as "it" rather than repeat them."""
    asked = text.sentence(question)
    return {g for g, group in enumerate(point.concepts) if text.matches(asked, group, False)}


def grade_point(
    point: KeyPoint, sents: list[text.Sentence], embedder=None, given: set[int] | None = None
) -> PointResult:
    """Covered when every concept group is named (see the module docstring). ``given`` are
    groups the question names (``named_in``): they may be left out when every other group is
    there and its sentences explain the point at some length (``EXPLAINED`` words)."""
    hits: list[set[int]] = []
    for sentence in sents:
        hits.append({g for g, group in enumerate(point.concepts) if text.matches(sentence, group)})
    found = set().union(*hits) if hits else set()
    sims = _similarities(point, sents, embedder)
    best_sim = max(sims) if sims else None
    all_groups = set(range(len(point.concepts)))
    together = [i for i, h in enumerate(hits) if h == all_groups]
    evidence_idx = [i for i, h in enumerate(hits) if h]
    basis = ""
    if found == all_groups and (together or best_sim is None or best_sim >= RELATED):
        status, basis = Coverage.COVERED, "concepts"
        evidence_idx = together[:1] or evidence_idx
    elif (
        found
        and all_groups - found <= (given or set())
        and sum(len(sents[i].tokens) for i in evidence_idx) >= EXPLAINED
    ):
        status, basis = Coverage.COVERED, "explained"
    elif found and best_sim is not None and best_sim >= PARAPHRASE:
        status, basis = Coverage.COVERED, "paraphrase"
        evidence_idx = [int(np.argmax(sims))]
    elif found:
        status = Coverage.PARTIAL
    else:
        status = Coverage.MISSED
        evidence_idx = []
    chosen = [sents[i] for i in evidence_idx]
    if status is Coverage.COVERED:
        # Evidence that says the opposite of the point ("volume grows linearly" for a point
        # on exponential growth) in a clause that names its concepts contradicts it.
        said = tuple(t for s in chosen for t in text.clause_words(s, point.concepts))
        if text.contradicts(said, text.tokens(" ".join([point.description, *point.phrasings]))):
            status, basis = Coverage.PARTIAL, ""
    span = (chosen[0].start, chosen[-1].end) if chosen else None
    return PointResult(
        point.id,
        point.description,
        point.weight,
        status,
        " ".join(s.text for s in chosen),
        span,
        [_group_label(point.concepts[g]) for g in sorted(found)],
        [_group_label(point.concepts[g]) for g in sorted(all_groups - found)],
        round(best_sim, 3) if best_sim is not None else None,
        basis,
    )


def _states(wrong: Misconception, sentence: text.Sentence) -> bool:
    """Whether the sentence (or one of its clauses, for a clause-scoped misconception) names
    every group of the misconception and no contrast that makes it correct."""
    units = text.clauses(sentence) if wrong.scope == "clause" else [sentence]
    return any(
        all(text.matches(unit, group) for group in wrong.concepts)
        and not (wrong.unless and text.matches(unit, wrong.unless, negation=False))
        for unit in units
    )


def find_misconceptions(item: RubricItem, sents: list[text.Sentence]) -> list[MisconceptionHit]:
    hits = []
    for wrong in item.misconceptions:
        sentence = next((s for s in sents if _states(wrong, s)), None)
        if sentence is not None:
            hits.append(
                MisconceptionHit(
                    wrong.id,
                    sentence.text,
                    (sentence.start, sentence.end),
                    wrong.correction,
                    wrong.penalty,
                )  # fmt: skip
            )
    return hits


def grade_answer(item: RubricItem, answer: str, embedder=None) -> RubricResult:
    """Grade ``answer``; ``embedder`` (see ``embedding.Embedder``) adds semantic matching."""
    sents = text.sentences(answer)
    points = [grade_point(p, sents, embedder, named_in(p, item.question)) for p in item.points]
    wrong = find_misconceptions(item, sents)
    # Evidence that states a misconception earns no credit for the point it resembles ("we
    # map the data explicitly into the high-dimensional space" names the kernel trick's
    # words; "layer norm normalises across the batch" is close to the layer-norm point).
    for point in points:
        if point.status is Coverage.COVERED and any(m.evidence in point.evidence for m in wrong):
            point.status, point.basis = Coverage.PARTIAL, ""
    total = sum(p.weight for p in item.points)
    earned = sum(p.weight * CREDIT[p.status] for p in points) - sum(m.penalty for m in wrong)
    score = round(max(0.0, min(100.0, 100.0 * earned / total)), 1)
    return RubricResult(item.id, score, points, wrong, embedder is not None)
