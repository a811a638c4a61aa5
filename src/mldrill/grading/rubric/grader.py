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
from . import features, text
from .learned import load_models

PARAPHRASE = 0.76  # similarity that upgrades a partial match to covered
RELATED = 0.40  # similarity that confirms concepts spread over several sentences
# Words of evidence that explain a point well enough to do without the name the question
# already gave it ("it's the patch of the image a neuron can see" for the receptive field).
EXPLAINED = 20
# Whether the learned model (``learned.py``) rather than the rules decides covered points.
LEARNED = True


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
    basis: str = ""  # "concepts", "explained", "paraphrase" (rules) or "learned" (the model)


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


_TARGETS: dict[tuple[int, str], np.ndarray] = {}  # embeddings of point texts, per embedder


def _target_vectors(embedder, texts: list[str]) -> np.ndarray:
    todo = [t for t in dict.fromkeys(texts) if (id(embedder), t) not in _TARGETS]
    if todo:
        for t, v in zip(todo, embedder.encode(todo), strict=True):
            _TARGETS[id(embedder), t] = v
    return np.stack([_TARGETS[id(embedder), t] for t in texts])


def similarity_table(item: RubricItem, sents: list[text.Sentence], embedder):
    """Per point, the cosine similarity of every sentence (rows) to its description and each
    phrasing (columns); None without the embedding model."""
    if embedder is None:
        return None
    if not sents:
        return [np.zeros((0, 1 + len(p.phrasings))) for p in item.points]
    vectors = embedder.encode([s.text for s in sents])
    return [
        vectors @ _target_vectors(embedder, [p.description, *p.phrasings]).T for p in item.points
    ]


def named_in(point: KeyPoint, question: str) -> set[int]:
    """The concept groups of ``point`` that the question itself names: an answer may refer to
    them as "it" rather than repeat them."""
    asked = text.sentence(question)
    return {g for g, group in enumerate(point.concepts) if text.matches(asked, group, False)}


def grade_point(
    point: KeyPoint,
    sents: list[text.Sentence],
    table: np.ndarray | None = None,
    given: set[int] | None = None,
) -> tuple[PointResult, list[set[int]]]:
    """Covered when every concept group is named (see the module docstring). ``given`` are
    groups the question names (``named_in``): they may be left out when every other group is
    there and its sentences explain the point at some length (``EXPLAINED`` words).
    ``table`` is the point's rows of ``similarity_table``. Also returns the groups each
    sentence names."""
    hits: list[set[int]] = []
    for sentence in sents:
        hits.append({g for g, group in enumerate(point.concepts) if text.matches(sentence, group)})
    found = set().union(*hits) if hits else set()
    sims = [float(x) for x in table.max(axis=1)] if table is not None and len(sents) else None
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
    ), hits


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


def _features(
    item: RubricItem,
    sents: list[text.Sentence],
    table,
    graded: list[tuple[PointResult, list[set[int]]]],
    wrong: list[MisconceptionHit],
) -> list[dict[str, float]]:
    """The ``features`` of every point of the item, from what the rules computed."""
    words = [
        features.content(text.tokens(" ".join([p.description, *p.phrasings]))) for p in item.points
    ]
    out = []
    for index, (point, (result, hits)) in enumerate(zip(item.points, graded, strict=True)):
        together = [i for i, h in enumerate(hits) if len(h) == len(point.concepts)]
        chosen = [sents[i] for i in (together[:1] or [i for i, h in enumerate(hits) if h])]
        said = tuple(t for s in chosen for t in text.clause_words(s, point.concepts))
        reference = text.tokens(" ".join([point.description, *point.phrasings]))
        raw = {
            g
            for g, group in enumerate(point.concepts)
            for s in sents
            if text.matches(s, group, negation=False)
        }
        evidence = features.Evidence(
            hits=hits,
            raw=raw,
            given=named_in(point, item.question),
            contradiction=bool(text.contradicts(said, reference)),
            misconception_evidence=any(m.evidence in s.text for m in wrong for s in chosen),
            rules_covered=result.status is Coverage.COVERED,
        )
        out.append(features.point_features(point, index, sents, evidence, words, table))
    return out


def _rules(item: RubricItem, answer: str, embedder):
    sents = text.sentences(answer)
    table = similarity_table(item, sents, embedder)
    graded = [
        grade_point(p, sents, table[i] if table is not None else None, named_in(p, item.question))
        for i, p in enumerate(item.points)
    ]
    return sents, table, graded, find_misconceptions(item, sents)


def answer_features(item: RubricItem, answer: str, embedder=None) -> list[dict[str, float]]:
    """Every point's ``features`` for ``answer``, as the learned model sees them (training)."""
    return _features(item, *_rules(item, answer, embedder))


def _show_best_evidence(
    point: KeyPoint,
    result: PointResult,
    hits: list[set[int]],
    sents: list[text.Sentence],
    table,
    index: int,
    wrong: list[MisconceptionHit],
) -> None:
    """Show, as a covered point's evidence, the sentence that names all its concept groups and
    is closest to its description (by similarity, else by shared words), rather than the first
    such sentence: "with a threshold on the tail" names an evaluation point's word, but the
    sentence about evaluation is the evidence. Display only: the verdict is already made, and
    a sentence that states a misconception is never chosen."""
    n = len(point.concepts)
    candidates = [
        i
        for i, h in enumerate(hits)
        if len(h) == n and not any(m.evidence in sents[i].text for m in wrong)
    ]
    if len(candidates) < 2:
        return
    if table is not None:
        closeness = {i: float(table[index][i].max()) for i in candidates}
    else:
        words = features.content(text.tokens(" ".join([point.description, *point.phrasings])))
        closeness = {i: len(words & set(sents[i].tokens)) for i in candidates}
    best = max(candidates, key=lambda i: (closeness[i], -i))
    result.evidence, result.span = sents[best].text, (sents[best].start, sents[best].end)


def grade_answer(
    item: RubricItem, answer: str, embedder=None, learned: bool | None = None
) -> RubricResult:
    """Grade ``answer``; ``embedder`` (see ``embedding.Embedder``) adds semantic matching.
    ``learned`` decides covered points with the learned model (``learned.py``) instead of the
    rules; None means ``LEARNED``."""
    sents, table, graded, wrong = _rules(item, answer, embedder)
    points = [result for result, _ in graded]
    if LEARNED if learned is None else learned:
        model = load_models()[embedder is not None]
        decided = _features(item, sents, table, graded, wrong)
        for result, values in zip(points, decided, strict=True):
            if result.status is Coverage.MISSED:
                continue  # no concept named: no evidence to decide on
            if model.covered(values):
                if result.status is not Coverage.COVERED:
                    result.status, result.basis = Coverage.COVERED, "learned"
            else:
                result.status, result.basis = Coverage.PARTIAL, ""
    # Evidence that states a misconception earns no credit for the point it resembles ("we
    # map the data explicitly into the high-dimensional space" names the kernel trick's
    # words; "layer norm normalises across the batch" is close to the layer-norm point).
    for point in points:
        if point.status is Coverage.COVERED and any(m.evidence in point.evidence for m in wrong):
            point.status, point.basis = Coverage.PARTIAL, ""
    for index, (point, (_, hits)) in enumerate(zip(points, graded, strict=True)):
        if point.status is Coverage.COVERED:
            _show_best_evidence(item.points[index], point, hits, sents, table, index, wrong)
    total = sum(p.weight for p in item.points)
    earned = sum(p.weight * CREDIT[p.status] for p in points) - sum(m.penalty for m in wrong)
    score = round(max(0.0, min(100.0, 100.0 * earned / total)), 1)
    return RubricResult(item.id, score, points, wrong, embedder is not None)
