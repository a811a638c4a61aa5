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
_NEGATION_WORDS = ("not", "no", "never", "without", "neither", "nor", "cannot", "none", "nobody",
                   "nothing")  # fmt: skip
NEGATION_WINDOW = 8  # a negation counts for a match at most this many words before it...
# ...and only within the same clause: "it's not slow, it saturates" does not negate "saturates".
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?=(?:but|while|whereas|although|though|however|yet|so|"
    r"because|since|instead|rather|which|that)\b)",
    re.IGNORECASE,
)
# Where one claim ends and a parallel one starts ("bagging reduces variance and boosting
# reduces bias"): the unit of a clause-scoped misconception.
_PART_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|while|whilst|whereas|although|though|however|"
    r"unlike|versus|vs|instead|yet)\b",
    re.IGNORECASE,
)
# Negation after the subject: "fairness audits aren't really needed", "outliers aren't a real
# concern", "that's a myth". A denial word followed (within DISMISS_GAP words) by one of these
# stems, or a dismissive word on its own, denies what was named just before it.
_DISMISSED_AFTER_NEGATION = frozenset(("need", "necessari", "requir", "matter", "import", "thing",
                                       "concern", "issu", "true", "help", "worth", "use", "relev",
                                       "benefit", "bother"))  # fmt: skip
_DISMISSIVE = frozenset(("pointless", "useless", "unnecessari", "irrelev", "myth", "overst",
                         "overr", "overblown", "overhyp", "nonsens"))  # fmt: skip
DISMISS_GAP = 3  # words between the denial and what it dismisses: "isn't really all that needed"
DISMISS_WINDOW = 10  # a dismissal counts for a match at most this many words after it
# "not only", "not just": the words that follow are asserted, not denied.
_NOT_NEGATING = frozenset(("onli", "just", "mere", "necessarili"))
# American -ize/-yze spellings stem differently from British -ise: write them one way.
_IZE = re.compile(r"(?<=[a-z])(?:iz|yz)(e|es|ed|ing|er|ers|ation|ations)\b")
_SPELLINGS = {"center": "centre", "centered": "centred", "centering": "centring",
              "behavior": "behaviour", "modeling": "modelling"}  # fmt: skip
_SYMBOLS = {"\u00b2": " squared ", "\u221a": " sqrt ", "\u03c3": " sigma ", "\u03b2": " beta ",
            "\u03c0": " pi ", "\u03bc": " mu ", "\u03c4": " tau ", "\u03bb": " lambda ",
            "\u03b1": " alpha ", "\u03b8": " theta ", "\u03b5": " epsilon ", "\u03b3": " gamma ",
            "\u03a3": " sum ", "\u2207": " gradient ", "\u2248": " approximately ",
            "\u2260": " not equal ", "\u2264": " at most ", "\u2265": " at least "}  # fmt: skip


# Words of opposite meaning (as stems after ``tokens``): evidence that says "linear" where the
# point says "exponential", or "plus a bonus" where it says "minus a penalty", contradicts it.
_OPPOSITES = (("linear", "quadrat"), ("linear", "exponenti"), ("linear", "logarithm"),
              ("high", "low"), ("higher", "lower"), ("highest", "lowest"), ("upper", "lower"),
              ("increas", "decreas"), ("rais", "lower"), ("plus", "minus"),
              ("bonus", "penalti"), ("add", "subtract"), ("multipli", "divid"),
              ("larger", "smaller"), ("bigger", "smaller"), ("smallest", "largest"),
              ("minimum", "maximum"), ("min", "max"), ("before", "after"), ("bias", "unbias"),
              ("oversampl", "undersampl"), ("overestim", "underestim"), ("overfit", "underfit"),
              ("convex", "nonconvex"), ("stabl", "unstabl"), ("fast", "slow"),
              ("faster", "slower"), ("cheap", "expens"), ("positiv", "negat"))  # fmt: skip
OPPOSITE: dict[str, set[str]] = {}
for _a, _b in _OPPOSITES:
    OPPOSITE.setdefault(_a, set()).add(_b)
    OPPOSITE.setdefault(_b, set()).add(_a)


def contradicts(evidence: tuple[str, ...], reference: tuple[str, ...]) -> list[tuple[str, str]]:
    """Pairs (evidence word, reference word) where the evidence uses the opposite of a word of
    the reference and neither the reference's word nor (in the reference) its own."""
    said, meant = set(evidence), set(reference)
    return [(a, b) for a in sorted(said - meant) for b in sorted(OPPOSITE.get(a, ()))
            if b in meant and b not in said]  # fmt: skip


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
    clauses: tuple[int, ...] = ()  # the clause number of every token


def clause_tokens(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Tokens of ``text`` and, for each, the number of the clause it is in."""
    words: list[str] = []
    clauses: list[int] = []
    for number, piece in enumerate(_CLAUSE_BREAK.split(text)):
        piece_tokens = tokens(piece)
        words.extend(piece_tokens)
        clauses.extend([number] * len(piece_tokens))
    return tuple(words), tuple(clauses)


def sentence(text: str, start: int = 0, end: int | None = None) -> Sentence:
    words, clauses = clause_tokens(text)
    return Sentence(text, start, len(text) if end is None else end, words, clauses)


def clauses(whole: Sentence) -> list[Sentence]:
    """The clauses of a sentence, each with the sentence's span (it is the evidence)."""
    pieces = [p for p in _PART_BREAK.split(whole.text) if p.strip()]
    return [sentence(p.strip(), whole.start, whole.end) for p in pieces]


def sentences(answer: str) -> list[Sentence]:
    out: list[Sentence] = []

    def emit(start: int, end: int) -> None:
        piece = answer[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            text = " ".join(piece.split())
            out.append(sentence(text, start + lead, start + len(piece.rstrip())))

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


def negated(sentence: Sentence, i: int) -> bool:
    """Whether the word at ``i`` is denied: a negation shortly before it in the same clause
    ("does not really give exact zeros"), not one in an earlier clause ("it's not slow, it
    saturates") and not "not only" or "not just"."""
    words, clauses = sentence.tokens, sentence.clauses or (0,) * len(sentence.tokens)
    for j in range(max(0, i - NEGATION_WINDOW), i):
        if (
            words[j] in NEGATIONS
            and clauses[j] == clauses[i]
            and (j + 1 >= len(words) or words[j + 1] not in _NOT_NEGATING)
        ):
            return True
    return False


def dismissed(sentence: Sentence, end: int) -> bool:
    """Whether the words before ``end`` are denied by what follows them in the sentence:
    "step limits aren't really necessary", "regret isn't a thing", "indicators are pointless",
    "..., but that's a myth". A dismissive word may sit in a later clause (the "but that's
    overstated" of a reported claim); a denial must be in the same clause ("ridge shrinks the
    weights, so you don't need to worry" is not dismissed). Reaches ``DISMISS_WINDOW`` words."""
    words, clauses = sentence.tokens, sentence.clauses or (0,) * len(sentence.tokens)
    stop = min(len(words), end + DISMISS_WINDOW)
    for j in range(end, stop):
        if words[j] in _DISMISSIVE:
            return True
        if (
            words[j] in NEGATIONS
            and clauses[j] == clauses[end - 1]
            and any(
                w in _DISMISSED_AFTER_NEGATION
                for w in words[j + 1 : min(stop, j + 2 + DISMISS_GAP)]
            )
        ):
            return True
    return False


def clause_words(sentence: Sentence, groups: list[list[str]]) -> tuple[str, ...]:
    """The words of the clauses of ``sentence`` that name a phrase of any of ``groups``."""
    numbers = sentence.clauses or (0,) * len(sentence.tokens)
    named = {
        numbers[i]
        for group in groups
        for phrase in group
        for i in _positions(sentence.tokens, tokens(phrase))
    }
    return tuple(t for t, n in zip(sentence.tokens, numbers, strict=True) if n in named)


def matches(sentence: Sentence, phrases: list[str], negation: bool = True) -> str | None:
    """The first phrasing found in the sentence. A match that is negated (see ``negated``) or
    dismissed (see ``dismissed``) does not count, unless the phrasing carries its own
    negation; ``negation=False`` ignores negations (for contrast markers)."""
    for phrase in phrases:
        wanted = tokens(phrase)
        own = any(t in NEGATIONS for t in wanted)
        for i in _positions(sentence.tokens, wanted):
            if own or not negation:
                return phrase
            if not negated(sentence, i) and not dismissed(sentence, i + len(wanted)):
                return phrase
    return None
