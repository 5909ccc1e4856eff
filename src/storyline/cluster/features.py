"""What the clusterer sees of an article: sparse term counts of four kinds, a dense embedding, a time.

Streaming news clusterers (Miranda et al. 2018; Staykovski et al. 2019) describe each article by several
sub-vectors and let a learnt model weigh them. We use four sparse kinds, each a bag of strings:

* ``w:`` content words (lowercased, accents stripped, stop words dropped, plural ``s`` removed);
* ``e:`` capitalised names: every token of a run of capitalised words (``e:lohan``) and the whole run
  (``e:lindsay lohan``) -- a cheap stand-in for NER that costs a regex instead of a parser;
* ``d:`` dates: dates written in the text (``May 3, 2013``, ``3 May``, ``2013-05-03``, ``on Thursday``
  resolved against the publication date), their months, years, and the publication date itself;
* ``n:`` numbers written in the text (``103``, ``2,000`` -> ``2000``, ``6.1``), years excluded.

Words and names tell *what* and *who*; dates and numbers tell two happenings of the same kind apart (two
earthquakes, two prisoner releases). The dense vector is wordllama's embedding of the headline and lede.
Term weights are only counts here: inverse document frequencies change as the library grows, so they are
applied at comparison time (see :mod:`storyline.cluster.vocabulary`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.cluster import settings as S
from storyline.model import Article

KINDS = ("w", "e", "d", "n")

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
    r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR_RE = r"((?:19|20)\d\d)"
_DATE_RES = (
    # 2013-05-03
    (re.compile(r"\b" + _YEAR_RE + r"-(\d\d)-(\d\d)\b"), "ymd"),
    # May 3, 2013 / May 3 / Dec. 13 2024
    (re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+" + _YEAR_RE + r"\b)?"), "mdy"),
    # 3 May 2013 / 13th December
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+" + _YEAR_RE + r"\b)?"), "dmy"),
    # May 2013
    (re.compile(r"\b" + _MONTH_RE + r",?\s+" + _YEAR_RE + r"\b"), "my"),
    (re.compile(r"\b" + _YEAR_RE + r"\b"), "y"),
)
_WEEKDAY_RE = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_NUMBER_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_NAME_TOKEN = r"(?:[A-Z](?:\.[A-Z])+\.?|[A-Z][a-zA-Z'\-]*[a-zA-Z]|[A-Z]{2,})"
_NAME_RE = re.compile(
    r"(?<![\w\-'])" + _NAME_TOKEN + r"(?:[ \t]+(?:(?:of|de|da|del|la|le|van|von|bin|al)[ \t]+)?" + _NAME_TOKEN + r")*"
)
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_COMBINING_RE = re.compile(r"[\u0300-\u036f]")
_SENTENCE_END = frozenset(".!?:\n\"'“”‘’(")
_NAME_STOP = frozenset(
    ["mr", "mrs", "ms", "dr", "sir", "st", "jr", "sr", "i"]
    + list(_MONTHS)
    + list(_WEEKDAYS)
)


def fold_accents(text: str) -> str:
    """``Nicolás`` -> ``Nicolas``: names are spelt both ways in the same story."""
    if text.isascii():
        return text
    return _COMBINING_RE.sub("", unicodedata.normalize("NFKD", text))


def _stem(word: str) -> str:
    # Plural "s" only: joins "prisoners"/"prisoner" without a stemmer's cost or its odd stems.
    if len(word) > 4 and word[-1] == "s" and word[-2] not in "su'i":
        if word.endswith("ies") and len(word) > 5:
            return word[:-3] + "y"
        return word[:-1]
    return word


@dataclass(slots=True)
class ArticleFeatures:
    """The counts of one article's terms (strings with a kind prefix), its lede, and its time.

    ``day`` is the publication date as days since 1970-01-01 (or, without one, the date of the article's
    date line), or ``None``.
    """

    id: str
    terms: dict[str, float]
    lede: str
    day: float | None


def _date_terms(text: str, published: dt.date | None) -> tuple[Counter[str], str, dt.date | None]:
    """Dates mentioned in ``text`` as ``d:`` terms; also returns the text with the dates blanked out, and
    the date line's date (the first full date near the top), which stands in for a missing publication date.

    A day written without a year ("December 13", "on Thursday") is resolved against the publication
    date, else against the first full date the text gives (its date line, usually).
    """
    found: Counter[str] = Counter()
    spans: list[tuple[int, int]] = []
    partial: list[tuple[int, int]] = []  # (month, day) without a year
    first_full: tuple[int, dt.date] | None = None

    def full(y: int, m: int, d: int, at: int) -> None:
        nonlocal first_full
        try:
            day = dt.date(y, m, d)
        except ValueError:
            return
        found[f"d:{day.isoformat()}"] += 1
        found[f"d:{y:04d}-{m:02d}"] += 1
        if first_full is None or at < first_full[0]:
            first_full = (at, day)

    for regex, shape in _DATE_RES:
        for m in regex.finditer(text):
            s, e = m.span()
            if any(a <= s < b for a, b in spans):
                continue
            g = m.groups()
            if shape == "ymd":
                full(int(g[0]), int(g[1]), int(g[2]), s)
            elif shape in ("mdy", "dmy"):
                month_name, day_s, year_s = (g[0], g[1], g[2]) if shape == "mdy" else (g[1], g[0], g[2])
                month, day = _MONTHS[month_name.lower().rstrip(".")], int(day_s)
                if not 1 <= day <= 31:
                    continue
                if year_s:
                    full(int(year_s), month, day, s)
                else:
                    partial.append((month, day))
            elif shape == "my":
                found[f"d:{int(g[1]):04d}-{_MONTHS[g[0].lower().rstrip('.')]:02d}"] += 1
            else:
                found[f"d:{g[0]}"] += 1
            spans.append((s, e))
    ref = published if published is not None else (first_full[1] if first_full else None)
    for month, day in partial:
        if ref is None:
            found[f"d:--{month:02d}-{day:02d}"] += 1
            continue
        # A day without a year is in the months before the reference date, rarely after.
        year = ref.year - 1 if month > ref.month + 2 else ref.year
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        found[f"d:{d.isoformat()}"] += 1
        found[f"d:{year:04d}-{month:02d}"] += 1
    if ref is not None:
        for m in _WEEKDAY_RE.finditer(text):
            # "on Thursday" in a Friday paper is the day before: the latest such weekday not after it.
            back = (ref.weekday() - _WEEKDAYS[m.group(1).lower()]) % 7
            d = ref - dt.timedelta(days=back)
            found[f"d:{d.isoformat()}"] += 1
    if spans:
        parts, last = [], 0
        for s, e in sorted(spans):
            parts.append(text[last:s])
            last = e
        parts.append(text[last:])
        text = " ".join(parts)
    dateline = first_full[1] if first_full is not None and first_full[0] < S.DATELINE_CHARS else None
    return found, text, dateline


def _name_terms(text: str, stop: frozenset[str]) -> Counter[str]:
    """Capitalised names: each token of a run of capitalised words, and the whole run.

    A capitalised word opening a sentence is a name only if the text also capitalises it elsewhere
    ("Maduro said ..." yes, "Despite ..." no). Headline-style lines, where nearly every word is
    capitalised, are skipped: their capitals say nothing about names.
    """
    runs: list[tuple[list[str], bool]] = []
    inside: set[str] = set()
    for line in text.split("\n"):
        if len(line) < S.HEADLINE_MAX_CHARS:
            words = line.split()
            if len(words) >= 4 and sum(w[:1].isupper() for w in words) >= S.HEADLINE_CAPITALISED_SHARE * len(words):
                continue
        for m in _NAME_RE.finditer(line):
            start = m.start()
            j = start - 1
            while j >= 0 and line[j] in " \t":
                j -= 1
            initial = j < 0 or line[j] in _SENTENCE_END
            tokens = [_POSSESSIVE_RE.sub("", t.rstrip(".")) for t in m.group().split()]
            if not initial:
                inside.update(t.lower() for t in tokens)
            runs.append((tokens, initial))
    found: Counter[str] = Counter()
    for tokens, initial in runs:
        if initial and tokens and (tokens[0].lower() in stop or tokens[0].lower() not in inside):
            tokens = tokens[1:]
        low = [t.lower().replace(".", "") for t in tokens]
        while low and (low[0] in stop or low[0] in _NAME_STOP):
            low = low[1:]
        low = [t for t in low if t]
        if not low:
            continue
        for t in low:
            if t not in stop and t not in _NAME_STOP and len(t) > 1:
                found["e:" + t] += 1
        if len(low) > 1:
            found["e:" + " ".join(low)] += 1
    return found


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


def article_terms(text: str, published: str | None) -> tuple[dict[str, float], float | None]:
    """The sublinear term counts (``1 + log tf``) of all four kinds for one text, and its day: the
    publication date, else the date line's (as days since 1970-01-01), else ``None``."""
    stop = stop_words()
    text = fold_accents(text[: S.MAX_TEXT_CHARS])
    pub = None
    if published:
        try:
            pub = dt.date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    dates, rest, dateline = _date_terms(text, pub)
    if pub is not None:
        dates[f"d:{pub.isoformat()}"] += 1
        dates[f"d:{pub.year:04d}-{pub.month:02d}"] += 1
    numbers: Counter[str] = Counter()
    for m in _NUMBER_RE.finditer(rest):
        whole = m.group(1).replace(",", "")
        if len(whole) + len(m.group(2) or "") < 2:
            continue  # single digits are too common to tell events apart
        numbers["n:" + whole + (m.group(2) or "")] += 1
    names = _name_terms(text, stop)
    words: Counter[str] = Counter()
    for w, c in Counter(_WORD_RE.findall(text.lower())).items():
        if w not in stop:
            words["w:" + _stem(w)] += c
    terms = _sublinear(words)
    terms.update(_sublinear(names))
    terms.update(_sublinear(dates))
    terms.update(_sublinear(numbers))
    day = pub or dateline
    return terms, (float(day.toordinal() - 719163) if day is not None else None)


def lede(article: Article) -> str:
    """Headline and opening of an article: what the dense embedding sees."""
    head = article.title or ""
    body = article.text or ""
    if head and body.startswith(head):
        head = ""
    return (head + "\n" + body)[: S.EMBED_CHARS]


def featurize(articles: Sequence[Article]) -> list[ArticleFeatures]:
    """Sparse terms, lede and day of each article (the embedding is computed separately, in bulk)."""
    out = []
    for a in articles:
        text = a.text or ""
        if a.title and not text.startswith(a.title):
            text = a.title + "\n" + text
        terms, day = article_terms(text, a.published)
        out.append(ArticleFeatures(a.id, terms, lede(a), day))
    return out
