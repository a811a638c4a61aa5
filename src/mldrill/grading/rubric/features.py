"""Interpretable per-point features for the learned "covered?" decision (see ``learned``).

Every feature is something the rules already look at, or a cheap count next to it: how many
concept groups the answer names and whether in one sentence, negated or contradicted
mentions, misconceptions in the evidence, overlap of the description's content words with the
best sentence, and (with the embedding model; 0 without it) how close the answer's sentences
are to the point's description and phrasings, and whether they are closer to another point.

Evidence that states a misconception is not a feature: such a point is never covered (the
rule in ``grade_answer``), so the model never decides it (and a misconception elsewhere in the
answer never occurred among the points it decides). The length of the whole answer and
its number of sentences were tried and left out: on the labelled cases they separate
credited from uncredited answers (whoever writes a full answer tends to make the point), but
they measure the answer, not the point, and would reward padding.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ...bank.questions import KeyPoint
from . import text

# Words that carry no content of their own, as stems: left out of description overlap.
_STOP_WORDS = (
    "a an the of to in on for and or but is are be been being it its this that these those "
    "with without by as at from into than then so such which who whom what when where how "
    "why can could may might will would should do does did has have had not no more most "
    "less least very also only just each every some any all both either neither one two "
    "their there they them we you your our his her he she i me my us over under between "
    "about after before while because if else same other"
)
_STOP = frozenset(text.stem(w) for w in _STOP_WORDS.split())

LEXICAL = (
    "groups",  # number of concept groups of the point
    "found_fraction",  # share of groups named anywhere in the answer
    "all_found",  # every group named
    "together",  # every group named in one sentence
    "best_sentence_fraction",  # most groups named by one sentence, as a share
    "missing_named",  # the only missing groups are named by the question
    "evidence_words",  # log(1 + words of the sentences that name a group)
    "negated",  # share of groups named only under a negation or dismissal
    "contradiction",  # evidence uses the opposite of a word of the point
    "overlap_best",  # most of the description's content words in one sentence, as a share
    "overlap_answer",  # share of the description's content words in the answer
    "overlap_margin",  # overlap_best minus the best overlap of another point in that sentence
    "question_names",  # the question names one of the point's groups
    "rules_covered",  # what the hand-written rules decide
)
SEMANTIC = (
    "sim_max",  # best similarity of a sentence to the description or a phrasing
    "sim_description",  # best similarity of a sentence to the description
    "sim_mean",  # mean over sentences of their best similarity to the point
    "sim_evidence",  # best similarity among sentences that name a group
    "sim_margin",  # at the best sentence: similarity to this point minus to the closest other
)


def names(semantic: bool) -> tuple[str, ...]:
    return LEXICAL + SEMANTIC if semantic else LEXICAL


def content(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in words if w not in _STOP and not w.isdigit())


@dataclass
class Evidence:
    """What the rules computed for one point, handed to ``point_features``."""

    hits: list[set[int]]  # per sentence, the groups it names
    raw: set[int]  # groups named anywhere, negations ignored
    given: set[int]  # groups the question names
    contradiction: bool
    misconception_evidence: bool
    rules_covered: bool


def point_features(
    point: KeyPoint,
    index: int,
    sents: list[text.Sentence],
    evidence: Evidence,
    point_words: list[frozenset[str]],
    sims: list[np.ndarray] | None,
) -> dict[str, float]:
    """The features of point ``index`` of an item. ``point_words`` are the content words of
    every point's description and phrasings; ``sims`` per point a (sentences, targets) matrix
    of cosine similarities, or None without the embedding model."""
    n = len(point.concepts)
    hits = evidence.hits
    found = set().union(*hits) if hits else set()
    missing = set(range(n)) - found
    evidence_idx = [i for i, h in enumerate(hits) if h]
    mine = point_words[index]
    overlaps = [len(mine & set(s.tokens)) / max(len(mine), 1) for s in sents]
    best = int(np.argmax(overlaps)) if overlaps else -1
    others = [w for j, w in enumerate(point_words) if j != index]
    rival = (
        max((len(w & set(sents[best].tokens)) / max(len(w), 1) for w in others), default=0.0)
        if best >= 0
        else 0.0
    )
    all_words = set().union(*(s.tokens for s in sents)) if sents else set()
    f = {
        "groups": float(n),
        "found_fraction": len(found) / n,
        "all_found": float(not missing),
        "together": float(any(len(h) == n for h in hits)),
        "best_sentence_fraction": max((len(h) for h in hits), default=0) / n,
        "missing_named": float(bool(found) and bool(missing) and missing <= evidence.given),
        "evidence_words": math.log1p(sum(len(sents[i].tokens) for i in evidence_idx)),
        "negated": len(evidence.raw - found) / n,
        "contradiction": float(evidence.contradiction),
        "misconception_evidence": float(evidence.misconception_evidence),  # not in the model
        "overlap_best": overlaps[best] if overlaps else 0.0,
        "overlap_answer": len(mine & all_words) / max(len(mine), 1),
        "overlap_margin": (overlaps[best] - rival) if overlaps else 0.0,
        "question_names": float(bool(evidence.given)),
        "rules_covered": float(evidence.rules_covered),
    }
    if sims is not None:
        mine_sims = sims[index]
        if mine_sims.size:
            per_sentence = mine_sims.max(axis=1)
            top = int(np.argmax(per_sentence))
            rivals = [s[top].max() for j, s in enumerate(sims) if j != index and s.size]
            f["sim_max"] = float(per_sentence[top])
            f["sim_description"] = float(mine_sims[:, 0].max())
            f["sim_mean"] = float(per_sentence.mean())
            f["sim_evidence"] = float(max((per_sentence[i] for i in evidence_idx), default=0.0))
            f["sim_margin"] = float(per_sentence[top] - max(rivals, default=0.0))
        else:
            f.update(dict.fromkeys(SEMANTIC, 0.0))
    return f
