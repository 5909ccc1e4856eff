"""What the clusterer sees of an article: sparse term counts of several kinds, a head text, a day.

Streaming news clusterers (Miranda et al. 2018; Staykovski et al. 2019) describe each article by several
sub-vectors and let a learnt model weigh their similarities. The kinds here, each a bag of strings with a
one-letter prefix:

* ``w:`` content words (lowercased, accents stripped, stop words dropped, plural ``s`` removed);
* ``e:`` capitalised names: every token of a run of capitalised words (``e:lohan``) and the whole run
  (``e:lindsay lohan``) -- a cheap stand-in for NER that costs a regex instead of a parser;
* ``d:`` dates written in the text (``May 3, 2013``, ``3 May``, ``2013-05-03``, ``on Thursday``), resolved
  against the publication date when they lack a year, as the day, its month, its year, and the day
  without a year (``d:--05-03``) so that "December 12" matches "12 December 2024";
* ``n:`` numbers written in the text (``103``, ``2,000`` -> ``2000``, ``6.1``), years and single digits
  excluded;
* ``h:`` the numbers of the *head* (headline and first sentences). News puts the happening's own figures
  at the top (103 released; a magnitude 6.1 quake; 23 pirates captured): two reports of one happening
  share them, while a follow-up report leads with new ones (177 more released, 910 in all) and mentions
  the old ones further down, if at all.

Words and names tell *what* and *who*; dates and numbers tell two happenings of the same kind apart (two
earthquakes, two prisoner releases). Publication time enters separately (see
:mod:`storyline.cluster.vectors`), and the dense vector is wordllama's embedding of the head.
Term weights here are only counts: inverse document frequencies change as the library grows, so they are
applied at comparison time (see :mod:`storyline.cluster.vocabulary`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from storyline.cluster import settings as S
from storyline.model import Article

# The sparse kinds read from the text, then the two kinds of time terms, in the order features number them.
TEXT_KINDS = ("w", "e", "d", "n", "h")
TIME_KINDS = ("t", "s")
ALL_KINDS = TEXT_KINDS + TIME_KINDS

_STOP_WORDS: frozenset[str] | None = None


def stop_words() -> frozenset[str]:
    """English function words (scikit-learn's list plus a few news fillers)."""
    global _STOP_WORDS
    if _STOP_WORDS is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        _STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | S.EXTRA_STOP_WORDS
    return _STOP_WORDS


_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_YEAR_RE = r"(?:19|20)\d\d"
# One alternation, so the text is scanned once; the named groups say which shape matched.
_DATE_RE = re.compile(
    # The lookahead lets the engine skip every position that cannot start a date (4x faster here).
    r"(?=[0-9JFMASONDTW])(?:"
    r"\b(?P<iy>" + _YEAR_RE + r")-(?P<im>\d\d)-(?P<id>\d\d)\b"
    r"|\b(?P<m1>" + _MONTH_RE + r")\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>" + _YEAR_RE + r")\b)?"
    r"|\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MONTH_RE + r")\b\.?(?:,?\s+(?P<y2>" + _YEAR_RE + r")\b)?"
    r"|\b(?P<m3>" + _MONTH_RE + r")\.?,?\s+(?P<y3>" + _YEAR_RE + r")\b"
    r"|\b(?P<y4>" + _YEAR_RE + r")\b"
    r"|\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r")"
)
_NUMBER_RE = re.compile(r"(?=\d)(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_ASCII_WORD_RE = re.compile(r"[a-z]{2,}")  # the same on ASCII text, twice as fast
_NAME_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][a-zA-Z'\-]*[a-zA-Z]|[A-Z]{2,})"
# A run of capitalised tokens, with the sentence-ending mark before it when there is one (then the run opens a
# sentence and its first word may be capitalised only for that).
_NAME_RE = re.compile(
    r"(?=[.!?:\n\"“”‘’(\[A-Z])(?:([.!?:\n\"“”‘’(\[]) *)?(?<![\w\-'])(" + _NAME_TOKEN + r"(?:[ \t]+(?:(?:of|de|da|del|la|le|van|von|bin|al)[ \t]+)?" + _NAME_TOKEN + r")*)"
)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_SENTENCE_END = frozenset(".!?:\n\"'“”‘’([")
_NAME_STOP = frozenset(["mr", "mrs", "ms", "dr", "sir", "st", "jr", "sr", "i"] + list(_MONTHS) + list(_WEEKDAYS))
# A sentence ends at . ! or ? (maybe closed by a quote) before a capital, or at a line break.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[A-Z\"“‘(])|\n+")

# word -> its "w:" term, or "" for a stop word: stemming and the stop check cost a dict look-up after the
# first time a word is seen. Bounded so that a stream of odd tokens cannot grow it without end.
_WORD_TERMS: dict[str, str] = {}
_WORD_CACHE_MAX = 2_000_000


def fold_accents(text: str) -> str:
    """``Nicolás`` -> ``Nicolas``: names are spelt both ways in the same story."""
    if text.isascii():
        return text
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


def word_stem(word: str) -> str:
    """A lowercased word as its word term spells it."""
    # Plural "s" only: joins "prisoners"/"prisoner" without a stemmer's cost or its odd stems.
    if len(word) > 4 and word[-1] == "s" and word[-2] not in "su'i":
        if word.endswith("ies") and len(word) > 5:
            return word[:-3] + "y"
        return word[:-1]
    return word


def _word_term(word: str) -> str:
    term = _WORD_TERMS.get(word)
    if term is None:
        term = "" if word in stop_words() else "w:" + word_stem(word)
        if len(_WORD_TERMS) < _WORD_CACHE_MAX:
            _WORD_TERMS[word] = term
    return term


@dataclass(slots=True)
class ArticleFeatures:
    """The sublinear counts (``1 + log tf``) of one article's terms, its head text, and its day.

    ``day`` is the publication date as days since 1970-01-01 (or, without one, the date of the article's
    date line), or ``None``.
    """

    id: str
    terms: dict[str, float]
    head: str
    day: float | None
    earlier: tuple[int, ...] = ()  # days it dates an earlier happening to (see :func:`earlier_days`)
    emb: Any = None  # the head's embedding (a float32 vector) when prepared ahead (see cluster.prepare)


def _resolve_year(month: int, ref: dt.date) -> int:
    # A day written without a year lies in the months before the reference date, rarely after.
    return ref.year - 1 if month > ref.month + 2 else ref.year


def _date_terms(text: str, published: dt.date | None) -> tuple[Counter[str], list[tuple[int, int]], dt.date | None]:
    """Dates mentioned in ``text`` as ``d:`` terms, the spans they cover (numbers inside them are not
    quantities), and the date line's date (the first full date near the top, which stands in for a missing
    publication date). Days without a year and weekdays resolve against the publication date, else
    against the date line."""
    found: Counter[str] = Counter()
    spans: list[tuple[int, int]] = []
    partial: list[tuple[int, int]] = []  # (month, day) without a year
    weekdays: list[int] = []
    first_full: tuple[int, dt.date] | None = None

    def full(y: int, m: int, d: int, at: int) -> None:
        nonlocal first_full
        try:
            day = dt.date(y, m, d)
        except ValueError:
            return
        found[f"d:{day.isoformat()}"] += 1
        found[f"d:{y:04d}-{m:02d}"] += 1
        found[f"d:--{m:02d}-{d:02d}"] += 1
        if first_full is None:
            first_full = (at, day)

    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        s = m.start()
        if g["iy"]:
            full(int(g["iy"]), int(g["im"]), int(g["id"]), s)
        elif g["m1"] or g["m2"]:
            month_name, day_s, year_s = (g["m1"], g["d1"], g["y1"]) if g["m1"] else (g["m2"], g["d2"], g["y2"])
            month, day = _MONTHS[month_name.lower()], int(day_s)
            if not 1 <= day <= 31:
                continue
            if year_s:
                full(int(year_s), month, day, s)
            else:
                partial.append((month, day))
        elif g["m3"]:
            found[f"d:{int(g['y3']):04d}-{_MONTHS[g['m3'].lower()]:02d}"] += 1
        elif g["y4"]:
            found[f"d:{g['y4']}"] += 1
        else:
            weekdays.append(_WEEKDAYS[g["wd"].lower()])
            continue
        spans.append(m.span())
    ref = published if published is not None else (first_full[1] if first_full else None)
    for month, day in partial:
        found[f"d:--{month:02d}-{day:02d}"] += 1
        if ref is None:
            continue
        year = _resolve_year(month, ref)
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        found[f"d:{d.isoformat()}"] += 1
        found[f"d:{year:04d}-{month:02d}"] += 1
    if ref is not None:
        for wd in weekdays:
            # "on Thursday" in a Friday paper is the day before: the latest such weekday not after it.
            d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
            found[f"d:{d.isoformat()}"] += 1
    dateline = first_full[1] if first_full is not None and first_full[0] < S.DATELINE_CHARS else None
    return found, spans, dateline


# Words that place a date in the past of what an article reports: "Earlier releases, including 103 on
# December 12", "the previous quake, on May 3". Only a day-level date that follows such a word in the same
# sentence (within EARLIER_REACH characters) counts.
_EARLIER_RE = re.compile(r"\b(?:[Ee]arlier|[Pp]revious(?:ly)?|[Pp]rior)\b")
_CLAUSE_END = re.compile(r"[.!?\n;]")


def earlier_days(text: str) -> tuple[int, ...]:
    """Days (as ``month * 100 + day``) that the text dates an *earlier* happening to.

    A follow-up report recalls the happening it follows by its date ("Earlier releases, including 103
    protesters on December 12, ..."); a report of that happening does not call it earlier. The clusterer
    keeps an article out of an event whose own days (its articles' publication days) it dates as earlier.
    """
    out: set[int] = set()
    if "arlier" not in text and "revious" not in text and "rior" not in text:
        return ()  # a substring test is much faster than the regex, and most texts have none
    for m in _EARLIER_RE.finditer(text):
        window = text[m.end() : m.end() + S.EARLIER_REACH]
        stop = _CLAUSE_END.search(window)
        if stop:
            window = window[: stop.start()]
        for d in _DATE_RE.finditer(window):
            g = d.groupdict()
            if g["iy"]:
                month, day = int(g["im"]), int(g["id"])
            elif g["m1"] or g["m2"]:
                month = _MONTHS[(g["m1"] or g["m2"]).lower()]
                day = int(g["d1"] or g["d2"])
            else:
                continue
            if 1 <= month <= 12 and 1 <= day <= 31:
                out.add(month * 100 + day)
    return tuple(sorted(out))


def _is_headline_line(line: str) -> bool:
    if len(line) >= S.HEADLINE_MAX_CHARS or line.endswith((".", "!", "?", '"', "”", "'")):
        return False  # prose ends with a stop; headlines rarely do
    words = line.split()
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= S.HEADLINE_CAPITALISED_SHARE * len(words)


def _strip_token(token: str) -> str:
    token = token.rstrip(".")
    if token.endswith(("'s", "’s")):
        return token[:-2]
    if token.endswith(("'", "’")):
        return token[:-1]
    return token


# A run as matched -> its lowercased tokens without possessives; names repeat within and across articles.
_RUN_TOKENS: dict[str, list[str]] = {}


def _run_tokens(run: str) -> list[str]:
    tokens = _RUN_TOKENS.get(run)
    if tokens is None:
        tokens = [_strip_token(t).lower().replace(".", "") for t in run.split()]
        if len(_RUN_TOKENS) < _WORD_CACHE_MAX:
            _RUN_TOKENS[run] = tokens
    return tokens


def _name_terms(text: str, stop: frozenset[str]) -> Counter[str]:
    """Capitalised names: each token of a run of capitalised words, and the whole run.

    A capitalised word opening a sentence is a name only if the text also capitalises it elsewhere
    ("Maduro said ..." yes, "Despite ..." no). Headline-style lines, where nearly every word is
    capitalised, are skipped: their capitals say nothing about names.
    """
    kept = "\n".join("" if _is_headline_line(line) else line for line in text.split("\n"))
    runs = [(mark, _run_tokens(run)) for mark, run in _NAME_RE.findall("\n" + kept)]
    inside: set[str] = set()
    for mark, low in runs:
        if not mark:
            inside.update(low)
    found: Counter[str] = Counter()
    for mark, low in runs:
        if mark and (low[0] in stop or low[0] not in inside):
            low = low[1:]
        while low and (low[0] in stop or low[0] in _NAME_STOP):
            low = low[1:]
        if not low:
            continue
        for t in low:
            if len(t) > 1 and t not in stop and t not in _NAME_STOP:
                found["e:" + t] += 1
        if len(low) > 1:
            found["e:" + " ".join(t for t in low if t)] += 1
    return found


def _numbers(text: str, spans: list[tuple[int, int]], prefix: str) -> Counter[str]:
    numbers: Counter[str] = Counter()
    for m in _NUMBER_RE.finditer(text):
        if spans and any(a <= m.start() < b for a, b in spans):
            continue  # a day or a year, already a date
        whole = m.group(1).replace(",", "")
        if len(whole) + len(m.group(2) or "") < 2:
            continue  # single digits are too common to tell events apart
        numbers[prefix + whole + (m.group(2) or "")] += 1
    return numbers


def head_text(title: str | None, body: str) -> str:
    """Headline and the first sentences of an article (``HEAD_SENTENCES`` of them, of at least
    ``HEAD_MIN_WORDS`` words: date lines and bylines are not sentences): where news states its happening."""
    if title and body.startswith(title):
        body = body[len(title) :]
    parts = [title] if title else []
    body = body[: S.HEAD_SCAN_CHARS]
    start = 0
    # Walk the sentence breaks and stop at the second good sentence (splitting the whole scan is slower).
    for brk in chain(_SENTENCE_BREAK.finditer(body), (None,)):
        end = brk.start() if brk is not None else len(body)
        sentence = body[start:end]
        if len(sentence.split()) >= S.HEAD_MIN_WORDS:
            parts.append(sentence.strip())
            if len(parts) - (1 if title else 0) == S.HEAD_SENTENCES:
                break
        if brk is None:
            break
        start = brk.end()
    return "\n".join(parts)


_SUBLINEAR = [0.0, 1.0] + [1.0 + math.log(c) for c in range(2, 64)]


def _sublinear(counts: Mapping[str, int], out: dict[str, float]) -> None:
    table = _SUBLINEAR
    for t, c in counts.items():
        out[t] = table[c] if c < 64 else 1.0 + math.log(c)


def _parse_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def article_terms(text: str, published: str | None, title: str | None = None) -> tuple[dict[str, float], str, float | None]:
    """The sublinear term counts of all kinds for one text, its head, and its day: the publication date,
    else the date line's (as days since 1970-01-01), else ``None``."""
    stop = stop_words()
    text = fold_accents(text[: S.MAX_TEXT_CHARS])
    title = fold_accents(title) if title else None
    pub = _parse_day(published)
    dates, date_spans, dateline = _date_terms(text, pub)
    head = head_text(title, text)
    _, head_spans, _ = _date_terms(head, pub) if head else (None, [], None)
    terms: dict[str, float] = {}
    words: dict[str, int] = {}
    cache = _WORD_TERMS
    lowered = text.lower()
    for w, c in Counter((_ASCII_WORD_RE if lowered.isascii() else _WORD_RE).findall(lowered)).items():
        term = cache.get(w)
        if term is None:
            term = _word_term(w)
        if term:
            words[term] = words.get(term, 0) + c
    _sublinear(words, terms)
    _sublinear(_name_terms(text, stop), terms)
    _sublinear(dates, terms)
    _sublinear(_numbers(text, date_spans, "n:"), terms)
    _sublinear(_numbers(head, head_spans, "h:"), terms)
    day = pub or dateline
    return terms, head, (float(day.toordinal() - 719163) if day is not None else None)


def time_terms(day: float | None) -> dict[str, float]:
    """A day as time terms whose dot products give a triangular kernel of the gap between two days.

    Each of ``TIME_GRIDS`` grids of bins ``scale`` days wide, shifted by ``scale / TIME_GRIDS`` from the last,
    contributes the bin the day falls in; two days share a bin in a share ``max(0, 1 - gap / scale)`` of
    the grids (on average over positions). Kind ``t`` uses the event scale, ``s`` the storyline scale.
    Because the kernel is a dot product, the mean kernel between two groups is the dot product of their
    sums: time joins average linkage exactly, unlike a gap between the groups' time spans (which a group
    spanning years would close for everything in between).
    """
    if day is None:
        return {}
    out = {}
    for kind, scale in (("t", S.EVENT_TIME_SCALE_DAYS), ("s", S.STORYLINE_TIME_SCALE_DAYS)):
        for g in range(S.TIME_GRIDS):
            out[f"{kind}:{g}:{math.floor((day + g * scale / S.TIME_GRIDS) / scale)}"] = 1.0
    return out


def article_text(article: Article) -> str:
    """The text the clusterer reads: the headline (when the text does not start with it) and the text."""
    text = article.text or ""
    if article.title and not text.startswith(article.title):
        return article.title + "\n" + text
    return text


def featurize(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """Sparse terms, head and day of each article (the embedding is computed separately, in bulk)."""
    out = []
    for a in articles:
        text = article_text(a)
        terms, head, day = article_terms(text, a.published, a.title)
        out.append(ArticleFeatures(a.id, terms, head, day, earlier_days(fold_accents(text[: S.MAX_TEXT_CHARS]))))
    return out
