"""Lexical evidence: normalised, stemmed tokens, sentences, and negation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
NEGATIONS = frozenset({"not", "no", "never", "without", "neither", "nor", "cannot", "hardli",
                       "rare", "rarely", "none"})  # fmt: skip


@cache
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased, stemmed word tokens; "n't" counts as "not"."""
    text = text.lower().replace("n't", " not").replace("’", "'")
    return tuple(stem(t) for t in _TOKEN.findall(text))


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets in the answer: the evidence span
    end: int
    tokens: tuple[str, ...]

    @property
    def negated(self) -> bool:
        return any(t in NEGATIONS for t in self.tokens)


def sentences(answer: str) -> list[Sentence]:
    out, pos = [], 0
    for piece in _SENTENCE.split(answer):
        start = answer.find(piece, pos)
        pos = start + len(piece)
        if piece.strip():
            out.append(Sentence(piece.strip(), start, pos, tokens(piece)))
    return out


def contains(haystack: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """``phrase`` appears as a contiguous run of ``haystack``."""
    n = len(phrase)
    if n == 0 or n > len(haystack):
        return False
    return any(haystack[i : i + n] == phrase for i in range(len(haystack) - n + 1))


def matches(sentence: Sentence, phrases: list[str]) -> str | None:
    """The first phrasing found in the sentence. In a negated sentence only phrasings that
    carry their own negation count ("does not converge" is not evidence for "converges")."""
    for phrase in phrases:
        wanted = tokens(phrase)
        if contains(sentence.tokens, wanted):
            if sentence.negated and not any(t in NEGATIONS for t in wanted):
                continue
            return phrase
    return None
