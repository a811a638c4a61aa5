"""Behavioural stories: STAR lint, and the smallest set of stories that answers every question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from ..bank.questions import Behavioral

WORDS_PER_MINUTE = 150
MIN_MINUTES, MAX_MINUTES = 1.5, 3.0
_NUMBER = re.compile(r"\d|percent|%|\bhalf\b|\bdoubled?\b|\btripled?\b|\bx\b")
_LESSON = re.compile(r"\blearn(ed|t)?\b|\blesson\b|\bnext time\b|\bnow i\b|\bi would\b|\bi now\b")
_I = re.compile(r"\b(i|i'm|i've|i'd|me|my)\b")
_WE = re.compile(r"\b(we|we're|we've|our|us)\b")


@dataclass(frozen=True)
class StoryText:
    id: int
    title: str
    situation: str
    task: str
    action: str
    result: str
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join([self.situation, self.task, self.action, self.result])


def lint(story: StoryText) -> list[str]:
    """What an interviewer would miss in this story (empty when it is ready)."""
    problems = []
    for part in ("situation", "task", "action", "result"):
        if len(getattr(story, part).split()) < 5:
            problems.append(f"{part}: missing or too short (say it in at least a sentence)")
    result = story.result.lower()
    if not _NUMBER.search(result) and not _LESSON.search(result):
        problems.append("result: quantify it (a number, a percentage) or state what you learned")
    minutes = len(story.text.split()) / WORDS_PER_MINUTE
    if minutes < MIN_MINUTES:
        problems.append(f"length: about {minutes:.1f} min spoken; aim for 1.5-3 min")
    elif minutes > MAX_MINUTES:
        problems.append(f"length: about {minutes:.1f} min spoken; cut it to 3 min or less")
    action = story.action.lower()
    mine, ours = len(_I.findall(action)), len(_WE.findall(action))
    if ours > mine:
        problems.append(f"action: 'we' {ours}x vs 'I' {mine}x; say what you did yourself")
    if not story.tags:
        problems.append("tags: none; tag the competencies it shows (e.g. failure, conflict)")
    return problems


def answers(story: StoryText, question: Behavioral, similarity: float | None) -> bool:
    """A story answers a question when a tag matches a competency, or the texts are close."""
    if set(story.tags) & set(question.competencies):
        return True
    return similarity is not None and similarity >= 0.45


@dataclass
class Coverage:
    chosen: list[StoryText]
    answered_by: dict[str, list[int]]  # question id -> ids of stories that answer it
    uncovered: list[Behavioral]


def cover(stories: list[StoryText], questions: list[Behavioral], embedder=None, most=5) -> Coverage:
    """The smallest set of stories (at most ``most``, exact search) answering every question
    that some story answers; questions no story answers are listed as uncovered."""
    sims = None
    if embedder is not None and stories and questions:
        vectors = embedder.encode([s.text for s in stories] + [q.question for q in questions])
        sims = vectors[: len(stories)] @ vectors[len(stories) :].T
    answered_by = {
        q.id: [s.id for i, s in enumerate(stories)
               if answers(s, q, float(sims[i, j]) if sims is not None else None)]
        for j, q in enumerate(questions)
    }  # fmt: skip
    coverable = {q for q, ids in answered_by.items() if ids}
    uncovered = [q for q in questions if q.id not in coverable]
    chosen: list[StoryText] = []
    for size in range(1, min(most, len(stories)) + 1):
        for combo in combinations(stories, size):
            ids = {s.id for s in combo}
            if all(set(answered_by[q]) & ids for q in coverable):
                chosen = list(combo)
                break
        if chosen or not coverable:
            break
    if not chosen and coverable:  # more than ``most`` needed: fall back to greedy
        left = set(coverable)
        while left:
            best = max(stories, key=lambda s: sum(s.id in answered_by[q] for q in left))
            chosen.append(best)
            left -= {q for q in left if best.id in answered_by[q]}
    return Coverage(chosen, answered_by, uncovered)


_CONTEXT = re.compile(r"\b(when|at|while|during|project|team|company|job|role|we were|i was)\b")
_RESULT = re.compile(
    r"\b(result|as a result|in the end|outcome|led to|so that|ended up|shipped|launched|"
    r"reduced|improved|increased|cut|saved|learn(ed|t)?|lesson)\b"
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    advice: str


def assess_answer(text: str, question: Behavioral, similarity: float | None = None) -> list[Check]:
    """What an interviewer listens for in a spoken STAR answer to ``question``.

    The same rules as ``lint`` applied to one block of text, plus relevance: a competency of
    the question named in the answer, or (with the embedding model) a close enough meaning.
    """
    lower = text.lower()
    minutes = len(text.split()) / WORDS_PER_MINUTE
    mine, ours = len(_I.findall(lower)), len(_WE.findall(lower))
    named = [c for c in question.competencies if c.replace("-", " ") in lower]
    relevant = bool(named) or (similarity is not None and similarity >= 0.35)
    return [
        Check("context", bool(_CONTEXT.search(lower)),
              "set the scene: where you were, what was at stake"),
        Check("first person", mine > 0 and mine >= ours,
              f"say what you did yourself ('I' {mine}x, 'we' {ours}x)"),
        Check("result", bool(_RESULT.search(lower)), "end with the outcome of what you did"),
        Check("measured or learned", bool(_NUMBER.search(lower) or _LESSON.search(lower)),
              "quantify the result (a number, a percentage) or state what you learned"),
        Check("length", MIN_MINUTES <= minutes <= MAX_MINUTES,
              f"about {minutes:.1f} min spoken at {WORDS_PER_MINUTE} words a minute; "
              f"aim for {MIN_MINUTES}-{MAX_MINUTES:.0f} min"),
        Check("relevance", relevant,
              "answer the question asked: it is about " + ", ".join(question.competencies)),
    ]  # fmt: skip
