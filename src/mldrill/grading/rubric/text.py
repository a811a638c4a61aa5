"""Lexical evidence: normalised, stemmed tokens, sentences, and negation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_TOKEN = re.compile(r"[a-z0-9]+")
# Sentence ends: after . ! ? ; and whitespace, at a blank line, or before a bulleted line. A
# single line break is just wrapping.
_BOUNDARY = re.compile(r"(?<=[.!?;])\s+|\n\s*\n+|\n(?=\s*(?:[-*\u2022]|\d+[.)])\s)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|i\.i\.d|vs|etc|cf|approx|resp|incl)\.)$", re.IGNORECASE
)
# "hardly" and "rarely" are left out: they stem to "hard" and "rare", ordinary words.
_NEGATION_WORDS = ("not", "no", "never", "without", "neither", "nor", "cannot", "none",
                   "nothing")  # fmt: skip
NEGATION_WINDOW = 3  # a negation counts for a match when it is this many words before it
# American -ize/-yze spellings stem differently from British -ise: write them one way.
_IZE = re.compile(r"(?<=[a-z])(?:iz|yz)(e|es|ed|ing|er|ers|ation|ations)\b")
_SPELLINGS = {"center": "centre", "centered": "centred", "centering": "centring",
              "behavior": "behaviour", "modeling": "modelling"}  # fmt: skip
_SYMBOLS = {"\u00b2": " squared ", "\u221a": " sqrt ", "\u03c3": " sigma ", "\u03b2": " beta ",
            "\u03c0": " pi ", "\u03bc": " mu ", "\u03c4": " tau ", "\u03bb": " lambda ",
            "\u03b1": " alpha ", "\u03b8": " theta ", "\u03b5": " epsilon ", "\u03b3": " gamma ",
            "\u03a3": " sum ", "\u2207": " gradient ", "\u2248": " approximately ",
            "\u2260": " not equal ", "\u2264": " at most ", "\u2265": " at least "}  # fmt: skip


@cache
def stem(word: str) -> str:
    return _STEMMER.stemWord(_SPELLINGS.get(word, word))


NEGATIONS = frozenset(stem(w) for w in _NEGATION_WORDS)


def tokens(text: str) -> tuple[str, ...]:
    """Lower-cased, stemmed word tokens; "n't" counts as "not", symbols become words."""
    text = text.lower().replace("n't", " not").replace("\u2019", "'")
    for symbol, word in _SYMBOLS.items():
        text = text.replace(symbol, word)
    text = _IZE.sub(r"is\1", text)
    return tuple(stem(t) for t in _TOKEN.findall(text))


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # character offsets in the answer: the evidence span
    end: int
    tokens: tuple[str, ...]


def sentences(answer: str) -> list[Sentence]:
    out: list[Sentence] = []

    def emit(start: int, end: int) -> None:
        piece = answer[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            text = " ".join(piece.split())
            out.append(Sentence(text, start + lead, start + len(piece.rstrip()), tokens(text)))

    start = 0
    for boundary in _BOUNDARY.finditer(answer):
        if _ABBREVIATION.search(answer[start : boundary.start()]):
            continue  # "e.g. the lasso" does not end a sentence
        emit(start, boundary.start())
        start = boundary.end()
    emit(start, len(answer))
    return out


def _positions(haystack: tuple[str, ...], phrase: tuple[str, ...]) -> list[int]:
    n = len(phrase)
    if n == 0 or n > len(haystack):
        return []
    return [i for i in range(len(haystack) - n + 1) if haystack[i : i + n] == phrase]


def contains(haystack: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """``phrase`` appears as a contiguous run of ``haystack``."""
    return bool(_positions(haystack, phrase))


def matches(sentence: Sentence, phrases: list[str], negation: bool = True) -> str | None:
    """The first phrasing found in the sentence. A match preceded closely by a negation
    ("does not converge", "never exactly zero") does not count, unless the phrasing carries
    its own negation; ``negation=False`` ignores negations (for contrast markers)."""
    for phrase in phrases:
        wanted = tokens(phrase)
        own = any(t in NEGATIONS for t in wanted)
        for i in _positions(sentence.tokens, wanted):
            before = sentence.tokens[max(0, i - NEGATION_WINDOW) : i]
            if own or not negation or not any(t in NEGATIONS for t in before):
                return phrase
    return None
