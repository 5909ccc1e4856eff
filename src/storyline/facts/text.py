"""Cheap text helpers of the facts stage: sentence spans, word tokens, a crude stemmer, accent folding.

Everything here is regex and string work, so the facts stage can run over every article; spaCy runs only
where these cannot answer (see :mod:`storyline.facts.entities`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from storyline.facts.lexicon import IRREGULAR, STOPWORDS

# Words that end in a period without ending a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt st jr sr inc corp co ltd no vs jan feb mar apr
    jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est""".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[`']*[A-Z0-9])")
_NEWLINE = re.compile(r"[ \t]*\n\s*")
_LINE_END = frozenset(".!?:;\"”’')]")
_TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|[^\W\d_]+(?:['’\-][^\W\d_]+)*|\S")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(slots=True)
class Token:
    """A token of a sentence with its character offsets in the article text (flags computed once: tokens
    are read many times by the rules around each number)."""

    text: str
    start: int
    end: int
    lower: str = ""
    is_number: bool = False
    is_word: bool = False

    def __post_init__(self) -> None:
        self.lower = self.text.lower()
        first = self.text[0]
        self.is_number = first.isdigit()
        self.is_word = first.isalpha()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence: text is split at ``.``/``!``/``?`` followed by a capital, and at
    line breaks.

    Abbreviations ("Mr.", "Jan.", "U.S.") and initials do not end a sentence. A line break ends one (news
    text is one paragraph a line) unless the line was wrapped: it ends in an abbreviation before a digit
    or a lower-case word ("Jan.\n21"), or without punctuation before a lower-case word.
    """
    cuts: set[int] = set()
    for m in _SENTENCE_END.finditer(text):
        if not _is_abbreviation(text, m.start()):
            cuts.add(m.end())
    for m in _NEWLINE.finditer(text):
        p = m.start()
        before = text[:p].rstrip()
        nxt = text[m.end():m.end() + 1]
        if not before or not nxt:
            cuts.add(p)
            continue
        wrapped = (before[-1] == "." and _is_abbreviation(text, len(before) - 1) and (nxt.isdigit() or nxt.islower())) or (
            before[-1] not in _LINE_END and nxt.islower())
        if not wrapped:
            cuts.add(p)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts):
        _push(text, start, cut, spans)
        start = cut
    _push(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, period: int) -> bool:
    """Whether the period at ``period`` closes an abbreviation or an initial rather than a sentence."""
    word_start = max(text.rfind(" ", 0, period), text.rfind("\n", 0, period)) + 1
    word = text[word_start:period].lower().lstrip("(\"“")
    # initials, single ("W.") or run together ("B.J.", as "U.S." already is)
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or re.fullmatch(
        r"(?:[a-z]\.)+[a-z]", word) is not None


def _push(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]``: numbers (``2,000``, ``79.9``, ``2:59``), words, punctuation."""
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def token_matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """The matches :func:`tokens` makes its tokens of (cheaper, for long stretches read once)."""
    return list(_TOKEN.finditer(text, start, len(text) if end is None else end))


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` (no numbers, no punctuation)."""
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    """A crude, consistent stem: "released", "releases", "release" -> "releas"; "people" -> "person".

    Only consistency matters (two forms of one word meet), not linguistic correctness.
    """
    w = word.lower().replace("’", "'")
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w.endswith("'s"):
        w = w[:-2]
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if not w.endswith(suffix) or len(w) - len(suffix) < 3:
            continue
        if suffix == "es" and not w.endswith(("ses", "xes", "zes", "ches", "shes")):
            continue
        if suffix == "s" and w.endswith(("ss", "us", "is")):
            break
        w = w[: -len(suffix)] + repl
        break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the content words of ``text`` (stopwords dropped)."""
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1}


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Accents removed, lower case, apostrophes and spaces normalised: "Nicolás  Maduro" -> "nicolas maduro"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("’", "'").replace("‘", "'").lower()
    return " ".join(plain.split())


def mask_numbers(text: str) -> str:
    """Lower case with every digit run replaced by ``#``: how copied sentences are recognised."""
    return re.sub(r"\d+(?:[.,:]\d+)*", "#", text.lower())
