"""Dates and times in news text, resolved to calendar dates against an anchor (the publication date).

Absolute forms ("July 28", "28 July 2024", "Dec 13, 2024", "June 2009", "the 2023 elections", "2024-07-28"),
relative ones ("on Thursday", "from Tuesday to Thursday", "earlier this week", "in September",
"yesterday", "two days ago") and clock times ("2:59 pm EDT", "0745 GMT") are found with regular
expressions and resolved by a small resolver of our own: dateparser is ~1 ms a call, too slow to run on
every candidate of 100,000 articles, and it cannot keep ranges.

Each :class:`DateMention` carries the interval of days it allows (``low``..``high``), so that "July",
"July 28" and "2024" can be compared, and a confidence that says how it was resolved (see
``settings.CONFIDENCE_*``). When a date is the date of something named next to it ("the July 28
election", "elections of July"), ``event`` names it.

>>> from datetime import date
>>> [(m.text, m.value) for m in find_dates("Officials met on Thursday.", anchor=date(2024, 12, 13))]
[('on Thursday', '2024-12-12')]
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.facts import settings
from storyline.facts.lexicon import EVENT_CONCEPTS, QUALIFIERS, STOPWORDS
from storyline.facts.text import sentence_spans, stem

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_MONTH_FULL = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December)"
_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WD_ANY = _WD + r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun"
_YEAR = r"(?:1[89]|20)\d\d"
_TZ = r"GMT|UTC|BST|EDT|EST|CDT|CST|MDT|MST|PDT|PST|CET|CEST|JST|IST|AEST|AEDT|ET|PT"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}

# Speed: every pattern starts with a literal or a rare character (a month's capital, ":", "-", "/"), so
# the regex engine skips ahead to candidates; what stands before that token ("Tue", "on", the hour of
# "2:59", the day of "20 April") is read afterwards by the ``back`` pattern on the few characters before
# it, and word boundaries are checked in code. Patterns that start with common letters are tried only at
# the places a plain ``str.find`` locates their ``anchors``. This made date finding ~10x faster than
# ``\b(?:on\s+)?Monday``-style patterns (measured on reuse dev).
# Each entry: kind, core pattern, back pattern, whether back must match, anchors. Earlier entries win
# where candidates overlap.
_Spec = tuple[str, re.Pattern[str], "re.Pattern[str] | None", bool, tuple[str, ...]]
_WEEKDAY_BEFORE = re.compile(rf"(?P<wd>{_WD_ANY}),?\s+$")
_PATTERNS: list[_Spec] = [
    ("iso", re.compile(r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"), re.compile(rf"(?P<y>{_YEAR})$"), True, ()),
    ("slash", re.compile(rf"/(?P<d>\d{{1,2}})/(?P<y>{_YEAR}|\d\d)(?!\d)"), re.compile(r"(?P<m>\d{1,2})$"), True, ()),
    ("month_day", re.compile(
        rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
        rf"(?:\s?[-–]\s?(?P<day2>\d{{1,2}})(?!\d))?(?!\d)(?:,?\s+(?P<year>{_YEAR})(?!\d))?"),
     _WEEKDAY_BEFORE, False, ()),
    ("day_month", re.compile(rf"{_MONTH}(?![a-z])(?:,?\s+(?P<year>{_YEAR})(?!\d))?"),
     re.compile(rf"(?:(?P<wd>{_WD_ANY}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?$"), True, ()),
    ("month_year", re.compile(rf"{_MONTH}\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d)"), None, False, ()),
    ("time", re.compile(
        rf":(?P<mi>\d{{2}})(?!\d)(?:\s?(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s?(?P<tz>{_TZ})\b)?"),
     re.compile(r"(?P<h>\d{1,2})$"), True, ()),
    ("time", re.compile(rf"(?P<tz>{_TZ})\b"),
     re.compile(r"(?:(?P<h2>\d{1,2})\.(?P<mi2>\d{2})|(?P<mil>[012]\d[0-5]\d))\s?$"), True, ()),
    ("weekday_range", re.compile(
        rf"(?P<wd1>{_WD})\s+(?:to|through|until|till|and|-|–)\s+(?P<wd2>{_WD})\b"),
     re.compile(r"(?:from|between)\s+$"), False, ()),
    ("weekday", re.compile(rf"(?P<wd>{_WD})(?:\s+(?:morning|afternoon|evening|night))?\b"),
     re.compile(r"(?P<pre>on|last|this|next|since|by|until|from|early|late)\s+$"), False, ()),
    ("relative", re.compile(
        r"(?P<rel>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast\s+night|[Tt]his\s+(?:morning|afternoon|evening)"
        r"|(?P<which>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast)\s+(?P<period>week|weekend|month|year))\b"),
     re.compile(r"(?P<mod>[Ee]arlier|[Ll]ater)\s+$"), False,
     ("yesterday", "today", "tomorrow", "tonight", "last", "this", "next", "past")),
    ("relative", re.compile(r"ago\b"),
     re.compile(r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                r"(?P<unit>day|week|month|year)s?\s+$"), True, ("ago",)),
    ("month", re.compile(rf"{_MONTH_FULL}\b(?!\s+\d)"),
     re.compile(r"(?P<pre>in|since|until|by|from|during|through|of|early|late|mid|last|this|next|past|end of)"
                r"[\s-]+$"), False, ()),
    ("year", re.compile(rf"(?P<year>{_YEAR})(?P<s>s)?(?![\w%]|[.,:]\d|-\d)"), None, False, ()),
]
_GROUPS = sorted({name for _, p, back, _, _ in _PATTERNS for q in (p, back) if q is not None for name in q.groupindex})
# Characters that may not stand right before a year.
_NOT_BEFORE_YEAR = frozenset("$£€#.,:/-")


@dataclass(slots=True)
class _Hit:
    """A pattern match extended backwards: quacks like ``re.Match`` for :func:`_resolve`."""

    text: str
    begin: int
    finish: int
    groups: dict[str, str | None]

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, name: str | None = None) -> str | None:
        return self.text if name is None else self.groups.get(name)

    def groupdict(self) -> dict[str, str | None]:
        return self.groups


def _hits(text: str) -> list[tuple[int, int, int, str, _Hit]]:
    """Every candidate date of ``text``: (start, -length, priority, kind, hit)."""
    found: list[tuple[int, int, int, str, _Hit]] = []
    low: str | None = None
    for priority, (kind, pattern, back, back_required, anchors) in enumerate(_PATTERNS):
        if anchors:
            low = low if low is not None else text.lower()
            matches = []
            for anchor in anchors:
                i = low.find(anchor)
                while i != -1:
                    m = pattern.match(text, i)
                    if m is not None:
                        matches.append(m)
                    i = low.find(anchor, i + 1)
        else:
            matches = list(pattern.finditer(text))
        for m in matches:
            s = m.start()
            groups = dict.fromkeys(_GROUPS)
            groups.update(m.groupdict())
            begin = s
            if back is not None:
                bm = back.search(text, max(0, s - 30), s)
                if bm is not None and bm.start() > 0 and text[bm.start() - 1].isalnum():
                    bm = None
                if bm is None and back_required:
                    continue
                if bm is not None:
                    groups.update({k: v for k, v in bm.groupdict().items() if v})
                    begin = bm.start()
            if begin > 0 and begin == s:
                before = text[begin - 1]
                if before.isalpha() or (before.isdigit() and text[begin].isdigit()):
                    continue
                if kind == "year" and before in _NOT_BEFORE_YEAR:
                    continue
            found.append((begin, begin - m.end(), priority, kind, _Hit(text[begin:m.end()], begin, m.end(), groups)))
    return found


# Words before a bare 4-digit number that make it a year ("in 2023", "the 2023 elections").
_YEAR_BEFORE = frozenset(
    """in since until by of from during the 's early late mid before after through between and to year
    fiscal season spring summer autumn fall winter circa or its their his her around""".split()
)
_FUTURE = re.compile(r"\b(?:will|next|is due|are due|scheduled|plans? to|expected to|set to|upcoming|shall)\b", re.I)
_PAST_TIME = re.compile(r"\b(?:last|past|ago|earlier|previous)\b", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PREPOSITION_START = re.compile(r"(?:on|of|in|since|during|from)\s", re.I)
_NOUN_BEFORE = re.compile(r"([A-Za-z]+)\s+(?:(?:was|were|is|are|be|been)\s+)?(?:held\s+|took\s+place\s+)?$")
_NOUN_PREPOSITION_BEFORE = re.compile(
    r"([A-Za-z]+)\s+(?:(?:was|were|is|are|be|been)\s+)?(?:held\s+|took\s+place\s+)?"
    r"(?:on|of|in|since|during|from)\s+(?:the\s+)?$")


@dataclass(slots=True)
class DateMention:
    """A date, a date range or a clock time found in an article.

    ``value`` is an ISO date (``"2024-07-28"``), a month (``"2024-07"``), a year (``"2024"``), a range of
    ISO dates (``("2024-12-10", "2024-12-12")``), a clock time (``"14:59"``), or ``None`` when there was
    no anchor to resolve it against. ``low``/``high`` are the first and last day it allows (``None`` for
    times and unresolved dates). ``explicit_year`` says the year is written in the text, not inferred.
    """

    text: str
    start: int
    end: int
    value: str | tuple[str, str] | None
    granularity: str  # day, month, year, time
    confidence: float
    low: date | None = None
    high: date | None = None
    explicit_year: bool = False
    relative: bool = False  # resolved from a weekday or a period ("on Thursday", "this week", "last July")
    event: str | None = None  # the concept it dates ("election"), when named next to it
    event_text: str | None = None
    sentence: tuple[int, int] = (0, 0)

    @property
    def is_range(self) -> bool:
        return isinstance(self.value, tuple)


def find_dates(
    text: str,
    anchor: date | None = None,
    anchor_is_own: bool = True,
    sentences: list[tuple[int, int]] | None = None,
) -> list[DateMention]:
    """Every date of ``text``, resolved against ``anchor``.

    ``anchor_is_own`` is False when the anchor is another article's date (the story's), which lowers the
    confidence of everything resolved against it by ``settings.STORY_ANCHOR_FACTOR``.
    """
    sentences = sentences if sentences is not None else sentence_spans(text)
    candidates = _hits(text)
    candidates.sort(key=lambda c: (c[2], c[0], c[1]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    factor = 1.0 if anchor_is_own else settings.STORY_ANCHOR_FACTOR
    for start, _neg_len, _priority, kind, m in candidates:
        end = m.end()
        if any(start < e and s < end for s, e in taken):
            continue
        sentence = _sentence_of(sentences, start)
        mention = _resolve(kind, m, text, sentence, anchor, factor)
        if mention is None:
            continue
        taken.append((mention.start, mention.end))
        mention.sentence = sentence
        if mention.granularity != "time":
            mention.event, mention.event_text = _dated_event(text, mention.start, mention.end, sentence)
        found.append(mention)
    found.sort(key=lambda d: d.start)
    return found


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = sentences[mid]
        if pos < s:
            hi = mid - 1
        elif pos >= e:
            lo = mid + 1
        else:
            return sentences[mid]
    return (pos, pos)


def _resolve(
    kind: str, m: _Hit, text: str, sentence: tuple[int, int], anchor: date | None, factor: float
) -> DateMention | None:
    start, end = m.start(), m.end()
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return _day(m.group(), start, end, d, settings.CONFIDENCE_EXPLICIT, explicit_year=True) if d else None
    if kind == "slash":
        year = int(g["y"]) if len(g["y"]) == 4 else 2000 + int(g["y"])
        d = _safe_date(year, int(g["m"]), int(g["d"]))
        return _day(m.group(), start, end, d, settings.CONFIDENCE_NUMERIC_SLASH, explicit_year=True) if d else None
    if kind in ("month_day", "day_month"):
        month = _MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        day2 = int(g["day2"]) if g.get("day2") else None
        if g["year"]:
            year, conf, explicit = int(g["year"]), settings.CONFIDENCE_EXPLICIT, True
        elif anchor is not None:
            year = _nearest_year(anchor, month, day)
            conf, explicit = settings.CONFIDENCE_YEAR_INFERRED * factor, False
        else:
            return DateMention(m.group(), start, end, None, "day", 0.0)
        d = _safe_date(year, month, day)
        if d is None:
            # an impossible day (a typo or an edit): keep the mention so copies can be compared
            return DateMention(m.group(), start, end, f"{year:04d}-{month:02d}-{day:02d}", "day", conf * 0.5,
                               explicit_year=explicit)
        if day2 and day2 > day:
            d2 = _safe_date(year, month, day2)
            if d2:
                return DateMention(m.group(), start, end, (d.isoformat(), d2.isoformat()), "day", conf, d, d2,
                                   explicit_year=explicit)
        return _day(m.group(), start, end, d, conf, explicit_year=explicit)
    if kind == "month_year":
        month = _MONTHS[g["month"].lower().rstrip(".")]
        year = int(g["year"])
        return _month(m.group(), start, end, year, month, settings.CONFIDENCE_EXPLICIT, explicit_year=True)
    if kind == "time":
        return _time(m, text)
    if kind == "weekday_range":
        if anchor is None:
            return DateMention(m.group(), start, end, None, "day", 0.0, relative=True)
        future = bool(_FUTURE.search(text, sentence[0], sentence[1]))
        last = _weekday_near(anchor, _WEEKDAYS[g["wd2"].lower()], future)
        first = last - timedelta(days=(last.weekday() - _WEEKDAYS[g["wd1"].lower()]) % 7)
        conf = settings.CONFIDENCE_WEEKDAY * factor
        return DateMention(m.group(), start, end, (first.isoformat(), last.isoformat()), "day", conf, first,
                           last, relative=True)
    if kind == "weekday":
        pre = (g["pre"] or "").lower()
        if not pre and _capitalised_name_follows(text, end):
            return None  # "Tuesday Weld", a name, not a day
        if anchor is None:
            return DateMention(m.group(), start, end, None, "day", 0.0, relative=True)
        wd = _WEEKDAYS[g["wd"].lower()]
        if pre == "last":
            d = _weekday_near(anchor - timedelta(days=1), wd, future=False)
        elif pre == "next":
            d = _weekday_near(anchor + timedelta(days=1), wd, future=True)
        else:
            future = bool(_FUTURE.search(text, sentence[0], sentence[1])) and not _PAST_TIME.search(
                text, sentence[0], sentence[1])
            d = _weekday_near(anchor, wd, future)
        return _day(m.group(), start, end, d, settings.CONFIDENCE_WEEKDAY * factor, relative=True)
    if kind == "relative":
        return _relative(m, anchor, factor)
    if kind == "month":
        pre = (g["pre"] or "").lower()
        if g["month"] == "May" and not pre:
            return None  # the modal verb
        if g["month"] == "March" and not pre and _lower_word_follows(text, end, ("on", "to", "through")):
            return None  # the verb
        if anchor is None:
            return DateMention(m.group(), start, end, None, "month", 0.0)
        month = _MONTHS[g["month"].lower()]
        if pre == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif pre == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif pre == "this":
            year = anchor.year
        else:
            year = _nearest_year(anchor, month, 15)
        return _month(m.group(), start, end, year, month, settings.CONFIDENCE_YEAR_INFERRED * factor,
                      explicit_year=False, relative=pre in ("last", "next", "this"))
    if kind == "year":
        if not _looks_like_year(text, start, end):
            return None
        year = int(g["year"])
        if g["s"]:  # a decade: "the 1990s"
            return DateMention(m.group(), start, end, (f"{year:04d}", f"{year + 9:04d}"), "year",
                               settings.CONFIDENCE_EXPLICIT, date(year, 1, 1), date(year + 9, 12, 31),
                               explicit_year=True)
        return DateMention(m.group(), start, end, f"{year:04d}", "year", settings.CONFIDENCE_EXPLICIT,
                           date(year, 1, 1), date(year, 12, 31), explicit_year=True)
    return None


def _day(text: str, start: int, end: int, d: date, conf: float, explicit_year: bool = False,
         relative: bool = False) -> DateMention:
    return DateMention(text, start, end, d.isoformat(), "day", conf, d, d, explicit_year=explicit_year,
                       relative=relative)


def _month(text: str, start: int, end: int, year: int, month: int, conf: float, explicit_year: bool,
           relative: bool = False) -> DateMention:
    last = calendar.monthrange(year, month)[1]
    return DateMention(text, start, end, f"{year:04d}-{month:02d}", "month", conf, date(year, month, 1),
                       date(year, month, last), explicit_year=explicit_year, relative=relative)


def _time(m: _Hit, text: str) -> DateMention:
    g = m.groupdict()
    if g.get("mil"):
        hour, minute, ampm = int(g["mil"][:2]), int(g["mil"][2:]), ""
    elif g.get("h2"):
        hour, minute, ampm = int(g["h2"]), int(g["mi2"]), ""
    else:
        hour, minute, ampm = int(g["h"]), int(g["mi"]), (g["ampm"] or "")
    ampm = ampm.lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    # an impossible time (an edit, a typo) keeps its digits so that copies can still be compared
    return DateMention(m.group().rstrip(), m.start(), m.start() + len(m.group().rstrip()),
                       f"{hour:02d}:{minute:02d}", "time", settings.CONFIDENCE_EXPLICIT)


def _relative(m: _Hit, anchor: date | None, factor: float) -> DateMention | None:
    g = m.groupdict()
    text, start, end = m.group(), m.start(), m.end()
    if anchor is None:
        return DateMention(text, start, end, None, "day", 0.0, relative=True)
    rel = (g["rel"] or "").lower()
    conf = settings.CONFIDENCE_RELATIVE_PERIOD * factor
    mod = (g["mod"] or "").lower()
    if rel in ("yesterday", "last night"):
        d = anchor - timedelta(days=1)
        return _day(text, start, end, d, conf, relative=True)
    if rel in ("today", "tonight") or rel.startswith("this ") and g["period"] is None:
        return _day(text, start, end, anchor, conf, relative=True)
    if rel == "tomorrow":
        return _day(text, start, end, anchor + timedelta(days=1), conf, relative=True)
    if g["period"]:
        which, period = g["which"].lower(), g["period"]
        if period in ("week", "weekend"):
            monday = anchor - timedelta(days=anchor.weekday())
            if which == "this":
                lo, hi = monday, (anchor if mod == "earlier" else monday + timedelta(days=6))
            elif which == "last":
                lo, hi = monday - timedelta(days=7), monday - timedelta(days=1)
            elif which == "past":
                lo, hi = anchor - timedelta(days=7), anchor
            else:
                lo, hi = monday + timedelta(days=7), monday + timedelta(days=13)
            if period == "weekend":
                lo = lo + timedelta(days=5)
            return DateMention(text, start, end, (lo.isoformat(), hi.isoformat()), "day", conf, lo, hi,
                               relative=True)
        if period == "month":
            y, mo = anchor.year, anchor.month
            if which in ("last", "past"):
                y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
            elif which == "next":
                y, mo = (y, mo + 1) if mo < 12 else (y + 1, 1)
            return _month(text, start, end, y, mo, conf, explicit_year=False, relative=True)
        year = anchor.year + {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        return DateMention(text, start, end, f"{year:04d}", "year", conf, date(year, 1, 1), date(year, 12, 31),
                           relative=True)
    if g["unit"]:
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS[g["n"].lower()]
        unit = g["unit"]
        if unit == "day":
            return _day(text, start, end, anchor - timedelta(days=n), conf, relative=True)
        if unit == "week":
            d = anchor - timedelta(days=7 * n)
            lo, hi = d - timedelta(days=d.weekday()), d - timedelta(days=d.weekday()) + timedelta(days=6)
            return DateMention(text, start, end, (lo.isoformat(), hi.isoformat()), "day", conf * 0.8, lo, hi,
                               relative=True)
        if unit == "month":
            total = anchor.year * 12 + anchor.month - 1 - n
            return _month(text, start, end, total // 12, total % 12 + 1, conf * 0.8, False, relative=True)
        year = anchor.year - n
        return DateMention(text, start, end, f"{year:04d}", "year", conf * 0.8, date(year, 1, 1),
                           date(year, 12, 31), relative=True)
    return None


def _nearest_year(anchor: date, month: int, day: int) -> int:
    """The year that puts month/day nearest the anchor, a future date counting more (reports look back)."""
    best, best_cost = anchor.year, float("inf")
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(year, month, min(day, calendar.monthrange(year, month)[1]))
        if d is None:
            continue
        delta = (d - anchor).days
        cost = delta * settings.FUTURE_DISTANCE_FACTOR if delta > 0 else -delta
        if cost < best_cost:
            best, best_cost = year, cost
    return best


def _weekday_near(anchor: date, weekday: int, future: bool) -> date:
    """The weekday on or before the anchor, or on or after it when the sentence speaks of the future."""
    if future:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _capitalised_name_follows(text: str, end: int) -> bool:
    m = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    return bool(m and m.group()[0].isupper() and m.group().lower() not in STOPWORDS)


def _lower_word_follows(text: str, end: int, words: tuple[str, ...]) -> bool:
    m = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    return bool(m and m.group() in words)


def _prev_word(text: str, start: int) -> str:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i >= 0 and text[i] in "'’":
        return "'s"
    j = i
    while j >= 0 and (text[j].isalpha() or text[j] in "'’"):
        j -= 1
    return text[j + 1:i + 1].lower()


def _looks_like_year(text: str, start: int, end: int) -> bool:
    """A bare 4-digit number is a year unless it reads as a count ("about 2000 people", "killed 1900 troops")."""
    before = _prev_word(text, start)
    if before.endswith("'s") or before in _YEAR_BEFORE:
        return True
    if before in QUALIFIERS or before in ("killed", "than", "some", "about", "of"):
        return False
    m = _WORD.match(text, end + 1) if end < len(text) and text[end] == " " else None
    if not m:
        return True  # followed by punctuation or the end: "in 2009." "(2010)"
    nxt = m.group()
    if nxt[0].isupper():
        return True
    low = nxt.lower()
    # a noun after a bare number is what it counts ("2000 people"), unless it is an event ("2023 elections")
    return low in STOPWORDS or stem(low) in EVENT_CONCEPTS


def _dated_event(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    """What a date dates, where the text says it next to the date: the head of the words after it
    ("the July 28 election", "2023 elections") or the noun before its preposition ("elections of July").
    """
    after = text[end:min(sentence[1], end + 40)]
    ws = _WORD.findall(after[:40]) if after[:1] == " " else []
    for w in ws[:3]:
        low = w.lower()
        if low in STOPWORDS or not w.islower():
            break
        concept = EVENT_CONCEPTS.get(stem(low))
        if concept:
            return concept, w
    before = text[max(sentence[0], start - 60):start]
    # "on Thursday", "of July": the preposition is inside the mention, so the noun is right before it
    own_preposition = _PREPOSITION_START.match(text, start, end) is not None
    m = (_NOUN_BEFORE if own_preposition else _NOUN_PREPOSITION_BEFORE).search(before)
    if m:
        w = m.group(1)
        low = w.lower()
        concept = EVENT_CONCEPTS.get(stem(low)) if w.islower() and low not in STOPWORDS else None
        if concept:
            return concept, w
    return None, None


def parse_iso_day(value: str | None) -> date | None:
    """The day of an ISO date or datetime string (``published``), or None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
