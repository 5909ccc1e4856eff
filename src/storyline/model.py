"""The shared language of every stage: plain dataclasses, no database, no CLI.

A reader turns an input into :class:`RawArticle` records (or :class:`InputProblem` reports for what it
could not read); cleaning turns a ``RawArticle`` into an :class:`Article`; later stages group articles
into families and stories and annotate them with :class:`Relation`, :class:`Fact` and brief lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class RawArticle:
    """One article as an input gave it, before cleaning.

    ``location`` says where it came from (``path``, ``path:line 12``, ``feed.xml#entry 3``) so that every
    stored article can be traced back to its input.
    """

    id: str
    text: str
    location: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    byline: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown input fields, kept as they came
    html: str | None = None  # the page an HTML/WARC reader extracted from, when there was one
    encoding: str | None = None  # the text encoding detected for byte inputs


@dataclass(slots=True)
class InputProblem:
    """Something a reader could not read: names the input and the place inside it.

    A ``warning`` lost nothing (e.g. a few undecodable bytes replaced, page assets skipped in a folder);
    anything else means a record or a file was not read, and the run's exit status says so.
    """

    location: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(slots=True)
class Article:
    """A cleaned article: the unit every later stage works on.

    ``text`` is the clean text every character offset refers to; ``raw_text`` is the text as it came in.
    ``guessed`` names the metadata fields that were read from the text rather than given by the input.
    """

    id: str
    text: str
    raw_text: str
    location: str = ""
    title: str | None = None
    published: str | None = None  # ISO date or datetime
    source: str | None = None
    url: str | None = None
    language: str | None = None
    byline: str | None = None
    dateline: str | None = None
    attributed_to: list[str] = field(default_factory=list)
    removed_boilerplate: list[str] = field(default_factory=list)
    guessed: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # Runs where the clean text is the raw text unchanged: (clean_start, raw_start, length). They map a
    # clean offset back to the input's text (see ``storyline.clean.to_raw_offset``).
    segments: list[tuple[int, int, int]] = field(default_factory=list)
    content_hash: str = ""  # of the raw text and id: the article's identity for idempotent ingest
    text_hash: str = ""  # of the normalised clean text: exact copies share it
    family: str | None = None
    story: str | None = None

    @property
    def site(self) -> str | None:
        """The outlet an article belongs to for boilerplate learning: its source, else its URL's host."""
        if self.source:
            return self.source.strip().lower()
        if self.url:
            from urllib.parse import urlsplit

            host = urlsplit(self.url).hostname or ""
            return host.removeprefix("www.") or None
        return None


@dataclass(slots=True)
class Passage:
    """A reused passage: ``[source_start, source_end)`` in the source's text, ``[target_start, target_end)``
    in the target's."""

    source_start: int
    source_end: int
    target_start: int
    target_end: int
    score: float = 1.0

    def as_list(self) -> list[int]:
        return [self.source_start, self.source_end, self.target_start, self.target_end]


RELATIONS = ("duplicate", "syndicated", "edited", "partial", "rewrite", "independent")


@dataclass(slots=True)
class Relation:
    """How ``target`` derives from ``source`` (one of :data:`RELATIONS`), with the passages as evidence."""

    source: str
    target: str
    relation: str
    score: float
    passages: list[Passage] = field(default_factory=list)
    direction_confidence: float = 0.5
    reused_share: float = 0.0  # share of the target's characters covered by passages
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """One place an article states a fact."""

    article: str
    start: int
    end: int
    text: str
    value: Any = None
    qualifier: str | None = None


FACT_STATUSES = ("agreed", "conflict", "unique", "updated")


@dataclass(slots=True)
class Fact:
    kind: str  # quantity, date, entity, quote
    subject: str
    value: Any
    unit: str | None = None
    status: str = "unique"
    mentions: list[Mention] = field(default_factory=list)
    odd_ones_out: list[str] = field(default_factory=list)  # articles that disagree with the rest
    note: str | None = None


@dataclass(slots=True)
class Story:
    """An event (``level == "event"``) or a storyline (``level == "storyline"``)."""

    id: str
    level: str
    title: str
    articles: list[str] = field(default_factory=list)
    parent: str | None = None  # the storyline an event belongs to
    why: dict[str, Any] = field(default_factory=dict)  # shared terms, entities, dates
    first_published: str | None = None
    last_published: str | None = None


def url_host(url: str | None) -> str | None:
    """The host of a URL without ``www.`` (what a source is known by when it has no name), or None."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed URL (e.g. an unclosed IPv6 bracket) names no host
        return None
    return (host or "").removeprefix("www.") or None
