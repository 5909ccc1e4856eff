"""Credits, datelines and site furniture: the lines a copy desk adds around a text it takes from elsewhere.

Three kinds of line matter to provenance:

- a **credit** names the outlet a text came from: ``(Reuters) -``, ``…, Al Jazeera reported.``,
  ``This story was originally published by AFP.``, ``Original Source: www.aljazeera.com``;
- a **dateline** opens a wire copy: ``Tokyo, September 16 (AP) -``, ``Caracas [Venezuela], December 13 :``;
- **furniture** is the site's own wrapping: menus, subscription pitches, copyright and share lines.

Each is recognised by its shape (patterns of phrasing and layout common to English-language news), never
by a list of outlet or site names, so that unseen outlets and templates are handled the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from storyline.facts.lexicon import PERSON_TITLES
from storyline.reuse import settings

_TOKEN = r"[A-Z][\w&'’-]*(?:\.[A-Za-z][\w&'’-]*)*"  # "Al", "U.S", "France-Presse": no trailing full stop
_NAME = rf"(?:the[ \t]+)?(?P<name>{_TOKEN}(?:[ \t]+(?:{_TOKEN}|of|de|du|del|la|le|al|el|and|&)){{0,5}})"
_DOMAIN = r"(?P<name>(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})"

# (pattern, kind): each names the outlet in group "name".
_CREDIT_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\((?P<name>[A-Z][\w&.'’ -]{1,40}?)\)\s*(?:-{1,2}|–|—|:)\s"), "dateline"),
    (re.compile(r"(?:originally|first)\s+(?:published|appeared|ran|posted)\s+(?:by|in|on|at)\s+" + _NAME), "credit"),
    (re.compile(r"(?:originally|first)\s+(?:published|appeared|ran|posted)\s+(?:by|in|on|at)\s+" + _DOMAIN), "credit"),
    (re.compile(r"\b(?:[Oo]riginal\s+)?[Ss]ource\s*:\s*" + _DOMAIN), "credit"),
    (re.compile(r"\b(?:[Oo]riginal\s+)?[Ss]ource\s*:\s*" + _NAME), "credit"),
    (re.compile(r"\b(?:[Cc]ourtesy\s+of|[Cc]redit\s*:)\s+" + _NAME + r"\s*\.?\s*$", re.MULTILINE), "credit"),
    # "via X" only as a line of its own: in a sentence it is a route ("aid came via the Dominican Republic")
    (re.compile(r"^\s*\(?[Vv]ia\s+" + _NAME + r"\s*\)?\s*\.?\s*$", re.MULTILINE), "credit"),
    (re.compile(r"\b(?:[Pp]rovided|[Ss]upplied|[Dd]istributed|[Ll]icensed|[Ss]yndicated|[Ss]hared)\s+(?:by|through|from|via)\s+"
                + _NAME), "credit"),
    (re.compile(r"\b(?:[Rr]eprinted|[Rr]eproduced|[Rr]epublished|[Rr]eposted|[Aa]dapted)\s+(?:with\s+permission\s+)?"
                r"(?:from|of)\s+" + _NAME), "credit"),
    (re.compile(r"\b(?:[Cc]ontent|[Ss]tory|[Aa]rticle|[Rr]eport)\s+(?:from|courtesy\s+of)\s+" + _NAME), "credit"),
    # a copyright line: a credit unless it names the article's own outlet (checked by the caller)
    (re.compile(r"(?:©|\([Cc]\)|\b[Cc]opyright)\s*(?:\d{4}\s*)?" + _NAME), "copyright"),
    # "..., Al Jazeera reported." / "Reuters reported on Monday": at a sentence or clause start, wherever
    # the line breaks fall (copies often reflow paragraphs)
    (re.compile(r"(?:^|(?<=[,;.!?:\"”])\s*|\s-\s)" + _NAME
                + r"\s+(?:reported|reports|has\s+reported|said\s+in\s+a\s+report)\b", re.MULTILINE), "report"),
    (re.compile(r"\b(?:[Aa]ccording\s+to|[Aa]s\s+per|[Cc]iting)\s+" + _NAME), "according"),
    (re.compile(_NAME + r"\s+contributed\s+to\s+this\s+report"), "credit"),
]

# The outlet a "reported"/"according to" credit names must look like one: a single word such as "Officials"
# or "He" is a source of information, not a publisher.
_NOT_OUTLETS = frozenset(
    "he she they it we i officials police witnesses sources authorities residents analysts experts "
    "reports report state media this that these those there".split()
)

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][\w.'’-]*(?:[ /][A-Z][\w.'’-]*){0,3}(?:\s*\[[^\]\n]{1,40}\])?)"
    r"(?:\s*,\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})))?"
    r"\s*(?:\((?P<credit>[^()\n]{1,40})\))?\s*(?:-{1,2}|–|—|:)\s",
    re.MULTILINE,
)

_FURNITURE_WORDS = re.compile(
    r"©|\ball rights reserved\b|\bsubscribe\b|\bsign up\b|\bnewsletter\b|\bshare (?:this|on)\b|"
    r"\bfollow us\b|\badvertisement\b|\bcomments? (?:are|is) closed\b|^\s*tags?\s*:|\bread more\b|"
    r"\bclick here\b|\bcookies?\b|\bprivacy policy\b|\bterms of (?:use|service)\b|\bdownload (?:our|the) app\b|"
    r"\brelated (?:stories|articles)\b|\bmost (?:read|popular)\b|\bbreaking news\b|\blatest news\b",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = re.compile(r"\w+")
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")


# Credits that say where a text was taken from. "according to X" is left out: it cites X as a source of
# information far more often than as the publisher of the text.
COPY_CREDIT_KINDS = frozenset({"dateline", "credit", "report", "copyright"})


@dataclass(frozen=True, slots=True)
class Credit:
    """A place where a text names the outlet it came from."""

    start: int
    end: int
    name: str
    kind: str  # dateline, credit, report, copyright, according

    def snippet(self, text: str, margin: int = 60) -> str:
        """The credit inside its sentence, cut at word boundaries to ``margin`` characters each side."""
        stop_before = text.rfind(". ", 0, self.start)
        a = max(text.rfind("\n", 0, self.start) + 1, stop_before + 2 if stop_before != -1 else 0, self.start - margin)
        nl = text.find("\n", self.end)
        stop = _SENTENCE_STOP.search(text, self.end)
        b = min(len(text), self.end + margin, nl if nl != -1 else len(text), stop.end() if stop else len(text))
        if a > 0 and text[a - 1].isalnum():  # started inside a word: move to the next one
            a = text.find(" ", a, self.start) + 1 or a
        if b < len(text) and text[b - 1].isalnum() and text[b].isalnum():
            b = text.rfind(" ", self.end, b) if text.rfind(" ", self.end, b) != -1 else b
        head = "…" if a > 0 and text[a - 1] not in "\n" and text[a - 2 : a] != ". " else ""
        tail = "…" if b < len(text) and text[b] != "\n" and text[b - 1] not in ".!?" else ""
        return head + text[a:b].strip() + tail


def find_credits(text: str, start: int = 0, end: int | None = None) -> list[Credit]:
    """Credits naming an outlet inside ``text[start:end]`` (offsets into ``text``)."""
    end = len(text) if end is None else end
    if start == 0 and end == len(text):
        return list(_credits_of(text))
    return _find_credits(text, start, end)


@lru_cache(maxsize=settings.PROFILE_CACHE_SIZE)
def _credits_of(text: str) -> tuple[Credit, ...]:
    """Credits of a whole text, cached: a story's articles are read once, not once per pair."""
    return tuple(_find_credits(text, 0, len(text)))


def _find_credits(text: str, start: int, end: int) -> list[Credit]:
    part = text[start:end]
    found: list[Credit] = []
    for pattern, kind in _CREDIT_PATTERNS:
        for m in pattern.finditer(part):
            name = _clean_name(m.group("name"))
            if not name or not _looks_like_outlet(name, kind):
                continue
            if kind in ("report", "according") and _names_a_person_or_place(text, name):
                continue  # "Sihanouk reported that ...", "Mexico reported one death": news, not a credit
            if kind == "report" and (_REPORTED_NEWS.match(part, m.end()) or (
                    m.group(0).endswith("reports") and _LOWER_WORD.match(part, m.end()))):
                continue
            found.append(Credit(start + m.start(), start + m.end(), name, kind))
    found.sort(key=lambda c: (c.start, -c.end))
    out: list[Credit] = []
    for c in found:  # overlapping matches of several patterns: keep the first, longest
        if out and c.start < out[-1].end:
            continue
        out.append(c)
    return out


def dateline_at(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of a dateline opening ``text[start:end]`` (after leading space), if there is one."""
    m = _DATELINE.match(text, start, min(end, start + settings.DATELINE_MAX_CHARS + 10))
    if not m or m.end() - m.start() > settings.DATELINE_MAX_CHARS:
        return None
    if not (m.group("date") or m.group("credit") or m.group("place").isupper() or "[" in m.group("place")):
        return None  # "Officials said:" is not a dateline: a dateline has a date, a credit or a place in caps
    return m.start(), m.end()


def is_furniture(line: str, own_keys: tuple[str, ...] = ()) -> bool:
    """Whether a line looks like a site's wrapping rather than article text (see :func:`furniture_strength`)."""
    return furniture_strength(line, own_keys) > 0


def furniture_strength(line: str, own_keys: tuple[str, ...] = ()) -> int:
    """How surely a line is a site's wrapping rather than article text.

    2: the vocabulary of page chrome (copyright, subscribe, share, newsletter, comments, tags…), menu
    separators, or the site's own name (``own_keys``: :func:`outlet_key` of its names); 1: a short line
    without closing punctuation (a menu entry or tagline, but also a subhead or a caption); 0: text.
    """
    words = _WORD.findall(line)
    if not words:
        return 2
    if _FURNITURE_WORDS.search(line):
        return 2
    if "|" in line and len(words) <= settings.FURNITURE_MAX_WORDS * 2:
        return 2
    if own_keys:
        squashed = re.sub(r"[^0-9a-z]+", "", line.lower())
        if any(len(k) >= settings.SITE_NAME_MIN_CHARS and k in squashed for k in own_keys):
            return 2
    stripped = line.rstrip()
    if len(words) <= settings.FURNITURE_MAX_WORDS and not stripped.endswith((".", "?", "!", '"', "”", "'")):
        return 1
    return 0


def outlet_key(name: str) -> str:
    """A comparison key for outlet names: ``www.aljazeera.com``, ``Al Jazeera`` and ``AL-JAZEERA`` agree."""
    s = name.strip().lower()
    s = re.sub(r"^https?://", "", s)
    s = re.sub(r"^www\.", "", s)
    s = re.sub(r"/.*$", "", s)
    if re.fullmatch(r"[a-z0-9.-]+\.[a-z]{2,}", s):
        s = s.rsplit(".", 1)[0]
        s = s.removesuffix(".co")
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"[^0-9a-z]+", "", s)


def outlet_keys(name: str) -> frozenset[str]:
    """Every key an outlet may be credited under: :func:`outlet_key` of the name and, for a name of several
    words, of its initials (``Associated Press`` is also credited as ``AP``, ``New York Times`` as ``NYT``;
    ``Agence France-Presse`` as ``AFP``)."""
    key = outlet_key(name)
    if not key:
        return frozenset()
    words = [w for w in re.split(r"[\s\-]+", re.sub(r"^(?:the|The)\s+", "", name.strip())) if w[:1].isalnum()]
    keys = {key}
    if len(words) >= 2 and "." not in name:
        keys.add("".join(w[0] for w in words).lower())
    return frozenset(keys)


def _clean_name(name: str | None) -> str:
    if not name:
        return ""
    name = name.strip().strip(".,;:'’\"").strip()
    name = re.sub(r"^(?:the|The)\s+", "", name)
    return name


# What follows an outlet's "reported" is a clause end, "that", a time or a place ("..., Antara reported.",
# "the Tehran Times reported Monday", "El Mundo reported that"); a count or a noun phrase makes it a party
# reporting news ("Guatemala reported 100 storm-related deaths"), and "reports" before a verb is a noun
# ("Conflicting reports indicate").
_REPORTED_NEWS = re.compile(
    r"[ \t]+(?:\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|several|"
    r"some|no|more|fewer|at\s+least)\b|(?!that\b|on\b|in\b|from\b|earlier\b|late\b|last\b|this\b|today\b|"
    r"yesterday\b|overnight\b)[a-z]+(?:s|ed)\b)")
_LOWER_WORD = re.compile(r"[ \t]+(?!that\b|on\b|in\b)[a-z]")
# A name the same text gives a personal title ("King Norodom Sihanouk") or puts after a preposition of place
# ("in Mexico") names a person or a place, not an outlet.
_PERSON_TITLES = "(?:" + "|".join(w.capitalize() for w in sorted(PERSON_TITLES, key=len, reverse=True)) + r")\.?"


def _names_a_person_or_place(text: str, name: str) -> bool:
    escaped = re.escape(name)
    return re.search(rf"\b{_PERSON_TITLES}\s+(?:[A-Z][\w'’-]*\s+){{0,2}}{escaped}\b"
                     rf"|\b(?:in|(?<!ccording )to|from|across|throughout)\s+{escaped}\b", text) is not None


def _looks_like_outlet(name: str, kind: str) -> bool:
    if name.lower() in _NOT_OUTLETS or name.endswith(("'s", "’s")):
        return False
    if kind == "according":
        # "according to Gray" names a person far more often than an outlet: here an outlet needs a
        # multi-word name, an all-caps acronym or a domain
        words = name.split()
        if len(words) == 1 and not (name.isupper() and len(name) >= 2) and "." not in name:
            return False
    return True
