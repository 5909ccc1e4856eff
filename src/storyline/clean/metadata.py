"""Metadata read from the text: headline, publication date, dateline, byline, and the outlets credited.

Each finder is a small function over the article's lines that returns one field (the Fundus way: one
method, one field). They look only where such things are written: the headline is the first line, dates,
datelines and bylines sit in the first :data:`~settings.HEADER_SCAN_LINES` lines and
:data:`~settings.HEADER_SCAN_CHARS` characters, credits anywhere. No network, no date library: the few
date shapes news pages print are parsed here with :func:`datetime.date`, which is exact and fast.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.clean import settings
from storyline.clean.outlets import KNOWN_OUTLETS, MEDIA_WORDS, domain_outlet, outlet_name
from storyline.clean.shape import STOPWORDS, content_stems, has_letters, word_count

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUMBER = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_WEEKDAY = r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
_DATE = re.compile(
    rf"\b(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<y1>\d{{4}})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})\b"
    r"|\b(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})\b"
    r"|\b(?P<a4>\d{1,2})\s*[/.]\s*(?P<b4>\d{1,2})\s*[/.]\s*(?P<y4>\d{4})\b"
)
_YEAR = re.compile(r"\d{4}")
_PARTIAL_DATE = re.compile(rf"\b{_MONTH}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}\b|^{_WEEKDAY}\b")
_FULL_STOP_END = re.compile("(?<!\\.\\.)\\.['\"”’»)\\]]*$")  # a full stop, but not an ellipsis
_TIME = re.compile(r"\b\d{1,2}\s*[:.]\s*\d{2}(?:\s*[ap]\.?m\.?)?\b|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)", re.I)
# How much of the body a headline is compared with (about the first four paragraphs of a news story).
_OPENING_CHARS = 2000
# A date line is short: a date, a time, a few labels (longer lines are not searched, which saves time).
_DATE_LINE_MAX_CHARS = 100
# Words a date line may hold besides the date.
_DATE_LINE_FILLER = re.compile(
    rf"{_WEEKDAY}\b\.?|(?-i:\b[A-Z]{{2,4}}\b)|\b(?:published|updated|posted|last|on|at|page|originally|date|modified"
    r"|am|pm|a\.m\.|p\.m\.|time|local|uk|us)\b",
    re.I,
)
_DATE_PREFIX = re.compile(r"(?:published|updated|posted|date)(?:\s+(?:on|at))?\s*[:\-]?\s*$", re.I)

_PARTICLES = r"(?:de|del|da|do|dos|la|le|al|el|au|aux|sur|upon|on|of)"
_PLACE_TITLE = rf"[A-Z][\w'’.-]*(?:[ ](?:[A-Z][\w'’.-]*|{_PARTICLES})){{0,3}}"
_PLACE_CAPS = r"[A-Z][A-Z'’.-]+(?:[ /][A-Z][A-Z'’.-]+){0,3}"
_REGION = r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)"
_SEPARATOR = r"\s*(?:--|[-–—_:])\s"
_AGENCY = r"\((?P<agency>[A-Z][^()\n]{1,40})\)"
# "Caracas [Venezuela], December 13 :", "Tokyo, September 16 (Associated Press) -"
_DATELINE_DATED = re.compile(
    rf"^(?P<place>{_PLACE_TITLE}|{_PLACE_CAPS})(?:\s*\[[^\]\n]{{1,40}}\])?{_REGION}??,\s*{_MONTH}\.?\s+\d{{1,2}}"
    rf"(?:\s*,\s*\d{{4}})?\s*(?:{_AGENCY})?{_SEPARATOR}"
)
# "GENEVA (Reuters) -", "HOUSTON, Dec 8 (Reuters) -", "Geneva (AFP) -"
_DATELINE_AGENCY = re.compile(
    rf"(?:^|(?<=\s))(?P<place>{_PLACE_CAPS}){_REGION}?(?:,?\s*{_MONTH}\.?\s+\d{{1,2}})?\s*{_AGENCY}{_SEPARATOR}"
    rf"|^(?P<tplace>{_PLACE_TITLE}){_REGION}?(?:,?\s*{_MONTH}\.?\s+\d{{1,2}})?\s*\((?P<tagency>[A-Z][^()\n]{{1,40}})\){_SEPARATOR}"
)
# "HONG KONG | Tue May 12, 2009 8:56 am EDT HONG KONG (Reuters) -": the place written twice.
_DATELINE_REPEATED = re.compile(rf"(?P<place>{_PLACE_CAPS}){_REGION}?\s*\|[^|\n]{{5,60}}?(?P=place)")
# "NEW ORLEANS -- BP engineers ..."
_DATELINE_DASH = re.compile(rf"^(?P<place>{_PLACE_CAPS}){_REGION}?\s*(?:--|—|–|_)\s")
_NOT_PLACES = frozenset(
    """update updated breaking exclusive analysis factbox refile corrected correction interview preview
    urgent flash wrapup column opinion editorial news photos photo video watch live graphic timeline
    q&a edt est cdt cst pdt pst gmt bst utc ist cet the a an""".split()
)
_TIME_ZONES = frozenset("EDT EST CDT CST PDT PST MDT MST GMT BST UTC IST CET CEST JST AM PM".split())

_BY = re.compile(r"^(?:By|BY|by)\s+(?=[A-Z])")
_CREDIT_BY = re.compile(r"(?<![Aa]dditional )\b(?:Reporting|Writing|Written|Text|Story) by\s+(?=[A-Z])")
_NAME_PIPE = re.compile(
    rf"^(?P<name>[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]+){{1,3}})\s*\|\s*(?=\d{{1,2}}\s*[:.]\s*\d{{2}}|{_WEEKDAY}\b|{_MONTH}\b|\d{{1,2}}\s+{_MONTH})"
)
_ROLE_WORDS = frozenset(
    """correspondent editor reporter writer staff columnist analyst producer contributor journalist
    photographer""".split()
)
_NAME_PARTICLES = frozenset("de del della da di do dos van von der den la le al el bin ibn ben mc".split())
_CALENDAR_WORDS = re.compile(rf"^(?:{_MONTH}|{_WEEKDAY}|today|yesterday|tomorrow)$")

# Phrases that credit an outlet, followed by its name (found with str.find on the lower-cased text: far
# faster than a regex alternation over every position).
_CREDIT_PHRASES = (
    "according to", "as per", "citing", "quoted by", "cited by", "reported by", "courtesy of",
    "published by", "published in", "published on", "appeared in", "appeared on", "posted by",
)  # fmt: skip
_ARTICLE_AFTER = re.compile(r"\s+(?:(?:the|a|an)\s+)?", re.I)
# ... preceded by it ("Al Jazeera reported").
_CREDIT_AFTER = re.compile(r"report(?:ed|s)\b")
_FORWARD_NAME = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?=[\s.,;:)]|$)"
    r"|[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|de|del|al|el|la|le|news|radio|television|tv|agency|newspaper|daily|channel)){0,5}"
)
_SOURCE_LINE = re.compile(r"^(?:original(?:ly)?\s+)?source\s*:\s*(?P<name>.+?)\s*$", re.I | re.M)
_AGENCY_ANYWHERE = re.compile(r"\((?P<name>[A-Z][^()\n]{1,40})\)\s*(?:--|[-–—_])\s")
_TITLE_TAIL = re.compile(r"\s[-–—|]\s+(?P<name>(?:(?!\s[-–—|]\s).){2,60})$")
_CLAUSE_BREAK = re.compile(r"[,;:()\"“”!?\n]|\.\s")
_WORDS = re.compile(r"[\w'’&.-]+")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_BACKWARD_CONNECTORS = MEDIA_WORDS | {"of", "de", "al", "el", "la", "le", "the"}
# Common nouns after which a name follows in apposition ("the Spanish newspaper El Pais").
_APPOSITION_NOUNS = frozenset("newspaper daily weekly agency channel broadcaster network magazine".split())
# Capitalised sentence openers that are not part of a name ("As the Washington Post reported").
_OPENERS = (STOPWORDS - {"the"}) | set("as but and in on while meanwhile earlier later however".split())


@dataclass(slots=True)
class TextMetadata:
    """What the text says about itself; ``None`` where it says nothing."""

    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    byline: str | None = None
    attributed_to: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Entry:
    text: str
    blank_after: bool  # a paragraph break follows it


def read_metadata(lines: Sequence[str], keep: Sequence[bool], title: str | None = None) -> TextMetadata:
    """Read metadata from an article's tidied ``lines``.

    ``keep`` flags the lines that stay in the text: headline, date, dateline and byline are read from
    those (a site header is not a headline); credits are read from all lines, boilerplate included,
    since a footer such as "This story was originally published by Reuters." is exactly where they are.
    ``title`` is the input's title: when given, no headline is guessed, but its credit ("… - AP") counts.
    """
    entries = _entries(lines, keep)
    meta = TextMetadata()
    meta.title = find_headline(entries) if title is None else None
    header = _header(entries)
    meta.published = find_published(header)
    meta.dateline, agency = find_dateline(header)
    meta.byline = find_byline(header, [e.text for e in entries])
    full_text = "\n".join(line for line in lines if line)
    meta.attributed_to = find_attributions(full_text, title if title is not None else meta.title, agency)
    return meta


def _entries(lines: Sequence[str], keep: Sequence[bool]) -> list[_Entry]:
    entries: list[_Entry] = []
    for line, kept in zip(lines, keep, strict=True):
        if not line:
            if entries:
                entries[-1].blank_after = True
        elif kept:
            entries.append(_Entry(line, False))
    return entries


def _header(entries: list[_Entry]) -> list[str]:
    """The first lines, cut at :data:`settings.HEADER_SCAN_CHARS` characters."""
    header: list[str] = []
    budget = settings.HEADER_SCAN_CHARS
    for entry in entries[: settings.HEADER_SCAN_LINES]:
        if budget <= 0:
            break
        header.append(entry.text[:budget])
        budget -= len(entry.text) + 1
    return header


# --- headline ----------------------------------------------------------------------------------------


def find_headline(entries: list[_Entry]) -> str | None:
    """The headline: the first line that is not a date, when it reads as one.

    It must be short, end without a full stop, start with a capital, not be a date, dateline or byline,
    not run on into the next line (which would start in lower case), and be about the same things as the
    body: it shares content words with it. Pages often print the date above the title, so leading date
    lines are skipped.
    """
    start = 0
    while start < min(len(entries), settings.HEADER_SCAN_LINES) and is_date_like(entries[start].text):
        start += 1
    if start + 1 >= len(entries):
        return None
    line, following = entries[start].text, entries[start + 1].text
    words = word_count(line)
    if not (settings.HEADLINE_MIN_WORDS <= words <= settings.HEADLINE_MAX_WORDS):
        return None
    if len(line) > settings.HEADLINE_MAX_CHARS or not has_letters(line) or line[0].islower():
        return None
    if (
        _FULL_STOP_END.search(line)
        or line[-1] in ",;:-"
        or (following[0].islower() and not is_date_like(following))
    ):
        return None
    if _BY.match(line) or _starts_dateline(line):
        return None
    stems = content_stems(line)
    body = content_stems(_opening(entries[start + 1 :]))
    if len(stems & body) < min(settings.HEADLINE_MIN_SHARED_WORDS, len(stems)) or not stems & body:
        return None
    return line


def _opening(entries: list[_Entry]) -> str:
    """The first :data:`_OPENING_CHARS` characters of the body: where a headline's words come back."""
    parts: list[str] = []
    size = 0
    for entry in entries:
        parts.append(entry.text)
        size += len(entry.text)
        if size >= _OPENING_CHARS:
            break
    return " ".join(parts)[:_OPENING_CHARS]


# --- publication date --------------------------------------------------------------------------------


def _date_of(match: re.Match[str]) -> dt.date | None:
    g = match.groupdict()
    try:
        if g["y1"]:
            year, month, day = int(g["y1"]), _MONTH_NUMBER[g["m1"][:3].casefold()], int(g["d1"])
        elif g["y2"]:
            year, month, day = int(g["y2"]), _MONTH_NUMBER[g["m2"][:3].casefold()], int(g["d2"])
        elif g["y3"]:
            year, month, day = int(g["y3"]), int(g["m3"]), int(g["d3"])
        else:
            a, b, year = int(g["a4"]), int(g["b4"]), int(g["y4"])
            if a > 12 >= b:
                day, month = a, b
            elif b > 12 >= a:
                month, day = a, b
            else:
                return None  # 05/03/2013: March or May? Not guessed.
        if not settings.MIN_YEAR <= year <= settings.MAX_YEAR:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


def is_date_like(line: str) -> bool:
    """A line that only dates the page, even when the date is partial or ambiguous ("APR 28",
    "05 / 02 / 2013", "8: 24am:")."""
    if len(line) > _DATE_LINE_MAX_CHARS:
        return False
    match = _DATE.search(line) or _PARTIAL_DATE.search(line) or _TIME.search(line)
    if not match:
        return False
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _DATE_LINE_FILLER.sub(" ", _TIME.sub(" ", rest))
    return len(_LETTER_WORD.findall(rest)) <= settings.DATE_LINE_MAX_OTHER_WORDS


# Words a line that only dates its page may hold besides numbers: weekdays, months, time zones, labels.
_DATE_ONLY_WORDS = frozenset(
    "article story published updated posted last on at page originally date modified time local am pm a p m of "
    "th st nd rd gmt utc bst cet cest eet est edt cst cdt mst mdt pst pdt et ct pt ist jst hkt sgt msk aest aedt "
    "nzst nzdt sast "
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday "
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september oct "
    "october nov november dec december".split()
)


def is_date_only(line: str) -> bool:
    """A line that holds nothing but when its page was written: dates, times, weekdays, time zones and
    labels ("APR 28", "8: 24am:", "Updated Saturday, December 05, 2009 8: 28 PM"). Stricter than
    :func:`is_date_like`, which lets a date line carry a few other words and so would take the headline
    "Obama signs bill on May 3" for one; this tells a dated headline from a date."""
    if len(line) > _DATE_LINE_MAX_CHARS or not (_DATE.search(line) or _PARTIAL_DATE.search(line) or _TIME.search(line)):
        return False
    return all(word.casefold() in _DATE_ONLY_WORDS for word in _LETTER_WORD.findall(line))


def _is_date_line(line: str) -> bool:
    if len(line) > _DATE_LINE_MAX_CHARS:
        return False
    match = _DATE.search(line)
    if not match or _date_of(match) is None:
        return False
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _DATE_LINE_FILLER.sub(" ", _TIME.sub(" ", rest))
    return len(_LETTER_WORD.findall(rest)) <= settings.DATE_LINE_MAX_OTHER_WORDS


# "Fri, 13 Dec 2024 08:30:00 GMT" (RSS, e-mail): the e-mail parser reads other texts too, and wrongly.
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")


def normalise_published(value: str) -> str | None:
    """A publication date as an input gave it, in ISO 8601, or ``None`` when it names no date.

    ISO dates and timestamps are kept as given ("2024-12-13", "2024-12-13T08:30:00+00:00"); e-mail/RSS
    timestamps ("Fri, 13 Dec 2024 08:30:00 GMT") become ISO timestamps; a written date ("Dec 13, 2024",
    "13 December 2024", "13/12/2024") becomes ``YYYY-MM-DD``. Anything else ("not a date", "05/03/2013",
    which may be March or May) is no date: the clusterer and every listing read this field as ISO.
    """
    from email.utils import parsedate_to_datetime

    text = " ".join(value.split())
    if not text:
        return None
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    else:
        if not settings.MIN_YEAR <= stamp.year <= settings.MAX_YEAR:
            return None
        # Kept as given when extended ("2024-12-13..."), else spelt so ("20241213" -> "2024-12-13").
        return text if text[4:5] == "-" else stamp.isoformat() if len(text) > 8 else stamp.date().isoformat()
    if _RFC_2822.match(text):
        try:
            stamp = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
        else:
            return stamp.isoformat() if settings.MIN_YEAR <= stamp.year <= settings.MAX_YEAR else None
    match = _DATE.search(text)
    if match and len(text) - (match.end() - match.start()) <= settings.TIMESTAMP_MAX_GAP_CHARS:
        date = _date_of(match)
        return date.isoformat() if date else None
    return None


def find_published(header: Sequence[str]) -> str | None:
    """The publication date (ISO ``YYYY-MM-DD``) from a date line ("Dec 13, 2024"), a timestamp ("Fri
    Aug 6, 2010 5:50 pm EDT", "07:48 GMT, Tuesday, 8 November 2011") or a "Published: ..." label near
    the top. Dates in running prose are not taken: they are mostly about the events, not the page."""
    gap = settings.TIMESTAMP_MAX_GAP_CHARS
    for line in header:
        if not _YEAR.search(line):
            continue  # every full date has a four-digit year (a cheap test before the costly one)
        for match in _DATE.finditer(line):
            date = _date_of(match)
            if date is None:
                continue
            near = (
                line[max(0, match.start() - gap) : match.start()]
                + " | "
                + line[match.end() : match.end() + gap]
            )
            if _is_date_line(line) or _TIME.search(near) or _DATE_PREFIX.search(line[: match.start()]):
                return date.isoformat()
    return None


# --- dateline ----------------------------------------------------------------------------------------


def _clean_place(place: str) -> str | None:
    words = place.replace("/", " ").split()
    while words and (words[0] in _TIME_ZONES or words[0].casefold() in KNOWN_OUTLETS):
        words = words[1:]  # "EDT HONG KONG" after a timestamp, "AP NEW ORLEANS" after a credit
    if not words or len(words) > settings.DATELINE_MAX_WORDS:
        return None
    if words[0].casefold() in _NOT_PLACES or _CALENDAR_WORDS.match(words[0].strip(".,")):
        return None
    text = " ".join(words) if "/" not in place else place[place.find(words[0]) :]
    if len(text.replace(".", "")) < 3:
        return None
    return _title_case(text) if text.isupper() else text


def _title_case(place: str) -> str:
    """Title-case a place written in capitals: NEW ORLEANS -> New Orleans, ST. LOUIS -> St. Louis;
    abbreviations stay as they are (EE.UU., U.S.)."""
    return re.sub(
        r"[^\s/-]+", lambda m: m.group() if "." in m.group()[:-1] else m.group().capitalize(), place
    )


def _starts_dateline(line: str) -> bool:
    return bool(_DATELINE_DATED.match(line) or _DATELINE_AGENCY.match(line) or _DATELINE_DASH.match(line))


def find_dateline(header: Sequence[str]) -> tuple[str | None, str | None]:
    """The place of the dateline, title-cased ("GENEVA (Reuters) -" -> "Geneva"), and the agency named in
    it when there is one ("Reuters")."""
    for line in header:
        match = _DATELINE_DATED.match(line)
        if match:
            place = _clean_place(match.group("place"))
            if place:
                return place, match.group("agency")
        for match in _DATELINE_AGENCY.finditer(line) if "(" in line else ():
            agency = match.group("agency") or match.group("tagency")
            if outlet_name(agency) is None:
                continue  # "(Dec 13) -" or "(photo) -" is no dateline
            place = _clean_place(match.group("place") or match.group("tplace"))
            if place:
                return place, agency
        match = _DATELINE_REPEATED.search(line) if "|" in line else None
        if match:
            place = _clean_place(match.group("place"))
            if place:
                return place, None
        match = _DATELINE_DASH.match(line)
        if match:
            place = _clean_place(match.group("place"))
            if place:
                return place, None
    return None, None


# --- byline --------------------------------------------------------------------------------------------


def find_byline(header: Sequence[str], lines: Sequence[str]) -> str | None:
    """The author(s): a "By ..." line near the top, a "Jane Smith | 18:00 ..." line, else a "Reporting
    by ..." credit anywhere. Names are runs of capitalised words; "and", "&" and commas separate them."""
    for line in header:
        match = _BY.match(line)
        if match:
            names = _names(line[match.end() :])
            if names:
                return names
        match = _NAME_PIPE.match(line) if "|" in line else None
        if match and match.group("name").split()[0] not in line[match.end() :]:
            # "Hong Kong | Tue ... Hong Kong (Reuters)" names a place twice; a byline names a person once.
            names = _names(match.group("name"))
            if names:
                return names
    for line in lines:
        match = _CREDIT_BY.search(line) if "by " in line else None
        if match:
            names = _names(line[match.end() :])
            if names:
                return names
    return None


def _names(text: str) -> str | None:
    tokens = text.split()
    all_caps = all(t.isupper() for t in tokens[:3] if has_letters(t))
    names: list[list[str]] = []
    current: list[str] = []
    for i, token in enumerate(tokens):
        word = token.rstrip(",;|")
        ends_name = word != token
        if word.casefold() in ("and", "&"):
            if current:
                names.append(current)
            current = []
            continue
        capitalised = word[:1].isupper() and (all_caps or not (word.isupper() and len(word.strip(".")) > 1))
        if capitalised and has_letters(word) and not _CALENDAR_WORDS.match(word.strip(".")):
            following = tokens[i + 1].casefold().strip(",.") if i + 1 < len(tokens) else ""
            if following in _ROLE_WORDS and len(current) >= 2:
                break  # "Richard Black Environment correspondent": the beat is not the name
            current.append(word.title() if all_caps else word)
        elif current and word.casefold() in _NAME_PARTICLES:
            current.append(word)
        else:
            break
        if ends_name:
            if token.endswith(("|", ";")):
                break
            names.append(current)
            current = []
    if current:
        names.append(current)
    people = [
        " ".join(n)
        for n in names
        if 2 <= len(n) <= 4
        and outlet_name(" ".join(n)) is None
        and not any(w.casefold() in _ROLE_WORDS for w in n)
    ]
    if not people or len(people) > settings.BYLINE_MAX_NAMES:
        return None
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


# --- credited outlets ------------------------------------------------------------------------------------


def find_attributions(text: str, title: str | None = None, dateline_agency: str | None = None) -> list[str]:
    """The outlets the article credits, deduplicated, in order of first appearance (title first).

    Looks for "- Outlet" ending the title, "(Outlet) -" datelines, "according to / as per / citing /
    originally published by Outlet", "Outlet reported", and "Source: address" lines; each name must pass
    :func:`storyline.clean.outlets.outlet_name`, which keeps people and offices out.
    """
    found: list[tuple[int, str]] = []
    if title:
        match = _TITLE_TAIL.search(title)
        if match:
            _credit(found, -2, outlet_name(match.group("name")))
    if dateline_agency:
        _credit(found, -1, outlet_name(dateline_agency))
    for match in _AGENCY_ANYWHERE.finditer(text):
        _credit(found, match.start(), outlet_name(match.group("name")))
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two ("İ"): keep offsets aligned
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for phrase in _CREDIT_PHRASES:
        at = low.find(phrase)
        while at >= 0:
            if at == 0 or not low[at - 1].isalnum():
                gap = _ARTICLE_AFTER.match(text, at + len(phrase))
                name = _FORWARD_NAME.match(text, gap.end()) if gap else None
                if name:
                    _credit(found, at, outlet_name(_first_sentence(name.group())))
            at = low.find(phrase, at + 1)
    for match in _CREDIT_AFTER.finditer(text):
        if match.start() > 0 and not text[match.start() - 1].isalnum():
            phrase = _backward_name(text, match.start())
            if phrase:
                _credit(found, match.start(), outlet_name(phrase))
    if "source" in low:
        for match in _SOURCE_LINE.finditer(text):
            name = match.group("name")
            _credit(found, match.start(), domain_outlet(name) or outlet_name(name))
    found.sort(key=lambda item: item[0])
    names: list[str] = []
    for _, name in found:
        if name not in names:
            names.append(name)
    return names


def _credit(found: list[tuple[int, str]], position: int, name: str | None) -> None:
    if name:
        found.append((position, name))


def _first_sentence(phrase: str) -> str:
    """Cut a name where a sentence ends inside it ("Fox News. On Thursday" -> "Fox News")."""
    words = phrase.split()
    for i, word in enumerate(words):
        if word.endswith(".") and len(word.strip(".")) > 2 and "." not in word[:-1] and i + 1 < len(words):
            return " ".join(words[: i + 1])
    return phrase


def _backward_name(text: str, end: int) -> str | None:
    """The capitalised name just before ``end`` in the same clause ("…, Al Jazeera" -> "Al Jazeera")."""
    window = text[max(0, end - 80) : end]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = _WORDS.findall(window)
    taken: list[str] = []
    for word in reversed(words):
        if word[0].isupper() or word.casefold() in _BACKWARD_CONNECTORS:
            taken.append(word)
        else:
            break
    taken.reverse()
    # "the Spanish newspaper El Pais", "Iran's Fars news agency": the name is what follows the common
    # noun or the possessive.
    for i in range(len(taken) - 1, 0, -1):
        before = taken[i - 1]
        introduces_name = before.casefold() in _APPOSITION_NOUNS or before.endswith(("'s", "’s"))
        if introduces_name and taken[i][0].isupper():
            taken = taken[i:]
            break
    # Sentence openers are not part of a name ("As the Washington Post reported").
    while taken and (not taken[0][0].isupper() or taken[0].casefold() in _OPENERS):
        taken.pop(0)
    return " ".join(taken) or None
