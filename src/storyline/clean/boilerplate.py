"""Boilerplate: the lines a page carries that are not the article.

Three kinds of evidence, each weighed by where the line sits and what it looks like:

* **Repeated inside the article.** A doubled site header ("Useful information" / "Prime News delivers
  ...", twice) or a footer that a scraper caught twice. Every copy goes, unless the line is a sentence,
  or its copies follow each other directly (a title printed as page title and as heading), or it shares
  most of its words with the story (a title repeated as a caption): then only the later copies go.
* **Recurring across the site's articles**, learnt as the library grows through a :class:`SiteLineMemory`:
  a line that earlier articles of the same site (``Article.site``) also carry. Non-sentence lines
  ("Home | World | Politics") need :data:`~settings.SITE_MIN_ARTICLES` earlier articles; sentence-like
  or long lines need :data:`~settings.SITE_MIN_ARTICLES_SENTENCE` and must sit at an edge; and when the
  article's own sentences are already known to the site (a wire story the site reprints again), every
  threshold rises with them (:data:`~settings.REPRINT_MARGIN`), so a reprint keeps its text.
* **Generic patterns** that need no memory: "All rights reserved", "Share this article", "Subscribe to
  ...", cookie notices, credit lines ("This story was originally published by ..."), menus of short
  items between bars. These count only at an edge, except a few full-line markers ("Advertisement").

**Edges.** The top edge runs from the first line to the first *anchor*, a line that is clearly body
text (sentence-like and at least :data:`~settings.CONTENT_MIN_WORDS` words, or longer than a template
could be) and not itself a candidate; the bottom edge likewise from the end. Candidates at an edge are
removed; between the edges only short non-sentence candidates are, because a sentence in the body is
content until proved otherwise.

The memory is told about an article only after the article is cleaned, so cleaning a batch gives
exactly what cleaning its articles one at a time in the same order gives.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from storyline.clean import settings
from storyline.clean.shape import content_stems, has_letters, is_sentence_like, word_count
from storyline.clean.text import Line, line_key, split_line


class SiteLineMemory(Protocol):
    """What cleaning needs to learn a site's boilerplate as the library grows. The store implements it
    persistently; :class:`InMemorySiteLines` implements it for tests and evaluation."""

    def counts(self, site: str, keys: Sequence[str]) -> dict[str, int]:
        """For each line key: how many earlier articles of ``site`` contain that line."""
        ...

    def add(self, site: str, lines: Mapping[str, str]) -> None:
        """Record one article's distinct lines (key -> line text) for ``site``."""
        ...


class InMemorySiteLines:
    """A :class:`SiteLineMemory` in dictionaries: for tests, evaluation and one-off runs.

    >>> memory = InMemorySiteLines()
    >>> memory.add("harbor daily", {"k1": "Subscribe to Harbor Daily"})
    >>> memory.counts("harbor daily", ["k1", "k2"])
    {'k1': 1, 'k2': 0}
    """

    def __init__(self) -> None:
        self._counts: dict[str, dict[str, int]] = {}
        self._lines: dict[str, dict[str, str]] = {}

    def counts(self, site: str, keys: Sequence[str]) -> dict[str, int]:
        known = self._counts.get(site, {})
        return {key: known.get(key, 0) for key in keys}

    def add(self, site: str, lines: Mapping[str, str]) -> None:
        counts = self._counts.setdefault(site, {})
        texts = self._lines.setdefault(site, {})
        for key, line in lines.items():
            counts[key] = counts.get(key, 0) + 1
            texts.setdefault(key, line)

    def frequent_lines(
        self, site: str, min_articles: int = settings.SITE_MIN_ARTICLES
    ) -> list[tuple[str, int]]:
        """The site's lines seen in at least ``min_articles`` articles, most frequent first (for looking)."""
        counts = self._counts.get(site, {})
        texts = self._lines.get(site, {})
        found = [(texts[key], n) for key, n in counts.items() if n >= min_articles]
        return sorted(found, key=lambda item: -item[1])


# Full lines that are page furniture wherever they stand (compared casefolded, end punctuation stripped).
_ANYWHERE = re.compile(
    r"(?:advertisements?|advertising|ads?|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|continue reading(?: below| the main story)?|scroll to continue(?: with content)?"
    r"|skip (?:to|this) (?:main )?(?:content|ad|advertisement)|back to top"
    r"|(?:sorry, )?this (?:media|video|content) is not available(?: in your (?:territory|country|region))?"
    r"|can ?not play media|media playback is (?:unsupported|not supported)(?: on your device)?)"
)
_END_PUNCT = ".!:;…- "
# Lines that are page furniture when they stand at the top or bottom edge.
_EDGE = re.compile(
    r"all rights reserved|^(?:©|\(c\)\s|copyright\b)"
    r"|^share(?:\s*:|\s+(?:this|on|via|the story|the article)\b)"
    r"|^(?:subscribe|sign up|register|log ?in)\b|\bsubscribe (?:now|today)\b|\bsubscribers? only\b"
    r"|\b(?:our|free|daily|weekly) newsletters?\b"
    r"|\b(?:this|our) (?:site|website) uses cookies|\bcookie (?:policy|settings|preferences|consent|notice)"
    r"|\baccept (?:all )?cookies|^comments? (?:are|is) (?:closed|disabled)|^(?:leave|post|add) a comment"
    r"|^\d+ comments?$|\bclick here\b|\benable javascript|\bjavascript (?:is )?(?:disabled|required)"
    # Credit footers ("This story was originally published by Reuters."), not reports about a study
    # ("The report was published in the Lancet."): "this ...", or "the ..." with "originally"/"first".
    r"|^this (?:story|article|report|post) (?:was |is |has been )?(?:originally |first )?"
    r"(?:published|appeared|posted|reprinted) (?:by|in|on|at|with)\b"
    r"|^the (?:story|article) (?:was |has been )?(?:originally|first) (?:published|appeared|posted) (?:by|in|on|at)\b"
    # A wire service's pick-up note: "Salt Lake organizers, 10th graf pvs" (the first words of the
    # paragraph where the previous version resumes; see _WIRE_PICKUP).
    r"|^[^.!?]{1,60}, \d{1,2}(?:st|nd|rd|th) grafs? (?:pvs|pv|prv|previous)\.?$"
)
# The same note run on to the article's last paragraph, after its closing sentence (AP's 1998 wire, as in
# DUC 2004: "... have remained standing.'' At its, 4th graf pvs"): split off as a line of its own first.
_WIRE_PICKUP = re.compile(
    r"(?<=[.!?'\"\u201d\u2019)])\s+([^.!?\s][^.!?]{0,59}, \d{1,2}(?:st|nd|rd|th) grafs? (?:pvs|pv|prv|previous)\.?)$",
    re.IGNORECASE,
)
# Labels that are furniture at an edge only when they are short and not a sentence: scraped pages glue
# them to the next paragraph ("Photograph: PA Two Britons have now contracted swine flu ...").
_EDGE_LABEL = re.compile(
    r"^(?:print|e-?mail|tweet|share)(?:\s+(?:this|article|story|page))*$"
    r"|^(?:related|recommended|more|top|latest|popular|trending)"
    r" (?:stories|articles|coverage|news|reading|posts|videos|content|from)\b"
    r"|^(?:read|see) (?:more|next|also|the full)\b|^follow (?:us|@)|^like us on\b|^tags?\s*:|^categor(?:y|ies)\s*:"
    r"|^(?:posted|filed) (?:in|under)\b|^original(?:ly)? (?:source|published)\s*:|^source\s*:"
    r"|^(?:photo|photograph|image|picture)s?(?: credit)?\s*:"
)
_LABEL_MAX_WORDS = settings.BODY_BOILERPLATE_MAX_WORDS
# Menus and breadcrumbs: several short items between bars or arrows.
_MENU_SEPARATOR = re.compile(r"\s+[|•·»›>]\s+")


@dataclass(slots=True)
class _Shape:
    words: int
    sentence: bool
    key: str | None  # None for lines too long to ever be boilerplate


def split_wire_notes(lines: list[Line]) -> list[Line]:
    """The lines, with a wire pick-up note that ends the last paragraph split off into a line of its own
    (which :func:`find_boilerplate` then finds at the bottom edge)."""
    last = max((i for i, line in enumerate(lines) if line.text), default=-1)
    match = _WIRE_PICKUP.search(lines[last].text) if last >= 0 else None
    # Split only what will be removed (a line the edge pattern takes, after text worth keeping): a split
    # that stayed would turn a space of the raw text into a line break.
    if match is None or not _EDGE.search(match.group(1).casefold()) or not has_letters(
            lines[last].text[: match.start()]):
        return lines
    head, note = split_line(lines[last], match.start(), match.start(1))
    return [*lines[:last], head, note, *lines[last + 1 :]]


def find_boilerplate(
    lines: Sequence[str], site: str | None = None, memory: SiteLineMemory | None = None
) -> tuple[list[bool], dict[str, str]]:
    """Decide which of an article's tidied ``lines`` are boilerplate.

    Returns one flag per line (True: remove) and the record to give ``memory.add`` once the article is
    cleaned (its distinct lines short enough to be template, key -> line). Blank lines are never flagged.
    """
    present = [i for i, line in enumerate(lines) if line]
    shapes: dict[int, _Shape] = {}
    for i in present:
        words = word_count(lines[i])
        key = (
            line_key(lines[i]) if words <= settings.SITE_MEMORY_MAX_WORDS and has_letters(lines[i]) else None
        )
        shapes[i] = _Shape(words, is_sentence_like(lines[i]), key)

    record: dict[str, str] = {}
    for i in present:
        key = shapes[i].key
        if key is not None and key not in record:
            record[key] = lines[i]

    # kind: "anywhere" (remove wherever it is) or "edge" (remove only at the top or bottom edge).
    kind: dict[int, str] = {}
    _generic(lines, present, shapes, kind)
    _repeated(lines, present, shapes, kind)
    if memory is not None and site:
        _site(present, shapes, kind, memory.counts(site, list(record)))

    zone = _edge_zone(lines, present, shapes, kind)
    removed = [False] * len(lines)
    for i, how in kind.items():
        removed[i] = how == "anywhere" or i in zone
    if not any(not removed[i] and has_letters(lines[i]) for i in present):
        removed = [False] * len(lines)  # never clean an article down to nothing
    return removed, record


def _is_template_shaped(shape: _Shape) -> bool:
    return shape.words <= settings.TEMPLATE_MAX_WORDS


def _is_short_label(shape: _Shape, line: str) -> bool:
    """Short enough, and not a sentence, to be furniture even in the body ("Related stories")."""
    return (
        not shape.sentence and shape.words <= settings.BODY_BOILERPLATE_MAX_WORDS and not line.endswith(":")
    )


def _generic(
    lines: Sequence[str], present: list[int], shapes: dict[int, _Shape], kind: dict[int, str]
) -> None:
    """Full-line markers and menus, wherever they stand. (Edge patterns are tested lazily, only on the
    lines the edge walk reaches: see :func:`_edge_zone`.)"""
    for i in present:
        shape, line = shapes[i], lines[i]
        marker = shape.words <= _LABEL_MAX_WORDS and _ANYWHERE.fullmatch(line.casefold().strip(_END_PUNCT))
        if marker or (not shape.sentence and _is_template_shaped(shape) and _is_menu(line)):
            _mark(kind, i, "anywhere")


def _is_edge_furniture(line: str, shape: _Shape) -> bool:
    if not _is_template_shaped(shape):
        return False
    folded = line.casefold()
    if _EDGE.search(folded):
        return True
    return not shape.sentence and shape.words <= _LABEL_MAX_WORDS and _EDGE_LABEL.search(folded) is not None


def _mark(kind: dict[int, str], i: int, how: str) -> None:
    """Record a candidate; "anywhere" is the stronger verdict and wins over "edge"."""
    if how == "anywhere" or i not in kind:
        kind[i] = how


def _is_menu(line: str) -> bool:
    if not any(separator in line for separator in "|•·»›>"):
        return False
    items = _MENU_SEPARATOR.split(line)
    return len(items) >= 4 and all(0 < word_count(item) <= 4 for item in items)


def _repeated(
    lines: Sequence[str], present: list[int], shapes: dict[int, _Shape], kind: dict[int, str]
) -> None:
    keys = Counter(
        shapes[i].key
        for i in present
        if shapes[i].key and _is_template_shaped(shapes[i]) and shapes[i].words >= 2
    )
    repeated = {key for key, n in keys.items() if n >= 2}
    if not repeated:
        return
    # In how many lines each content word occurs: a repeated line is topical when its words also occur
    # in lines that are not its copies.
    line_stems = {i: content_stems(lines[i]) for i in present}
    stem_lines: Counter[str] = Counter()
    for stems in line_stems.values():
        stem_lines.update(stems)
    # Where each repeated line's copies stand among the non-blank lines: copies that follow each other
    # directly are one line doubled (a title printed as page title and heading), not a template block.
    places: dict[str, list[int]] = {}
    for position, i in enumerate(present):
        if shapes[i].key in repeated:
            places.setdefault(shapes[i].key or "", []).append(position)
    seen: set[str] = set()
    for i in present:
        shape = shapes[i]
        key = shape.key or ""
        if key not in repeated:
            continue
        first = key not in seen
        seen.add(key)
        if first:
            doubled = places[key][-1] - places[key][0] == len(places[key]) - 1
            if shape.sentence or doubled or _is_topical(line_stems[i], stem_lines, keys[key]):
                continue  # the first copy of a repeated sentence, title or caption stays
        _mark(kind, i, "anywhere" if _is_short_label(shape, lines[i]) else "edge")


def _is_topical(stems: set[str], stem_lines: Counter[str], copies: int) -> bool:
    """Whether a repeated line's words also occur in lines that are not its copies (a title, a caption)."""
    elsewhere = sum(1 for stem in stems if stem_lines[stem] > copies)
    return elsewhere >= settings.TOPICAL_MIN_WORDS and elsewhere >= settings.TOPICAL_SHARE * len(stems)


def _site(
    present: list[int], shapes: dict[int, _Shape], kind: dict[int, str], counts: dict[str, int]
) -> None:
    content = sorted(
        counts.get(shapes[i].key or "", 0)
        for i in present
        if shapes[i].key and shapes[i].sentence and shapes[i].words >= settings.CONTENT_MIN_WORDS
    )
    reprint_level = content[(len(content) - 1) // 2] if content else 0
    for i in present:
        shape = shapes[i]
        if shape.key is None:
            continue
        template_like = not shape.sentence and _is_template_shaped(shape)
        needed = settings.SITE_MIN_ARTICLES if template_like else settings.SITE_MIN_ARTICLES_SENTENCE
        if counts.get(shape.key, 0) >= needed + settings.REPRINT_MARGIN * reprint_level:
            short = template_like and shape.words <= settings.BODY_BOILERPLATE_MAX_WORDS
            _mark(kind, i, "anywhere" if short else "edge")


def _edge_zone(
    lines: Sequence[str], present: list[int], shapes: dict[int, _Shape], kind: dict[int, str]
) -> set[int]:
    """The lines at the top and bottom edges: from each end up to the first anchor (a body line that is
    not a candidate). Generic edge patterns are tested here, on the lines the walk reaches."""

    def is_anchor(i: int) -> bool:
        shape = shapes[i]
        long_or_sentence = shape.words > settings.TEMPLATE_MAX_WORDS or (
            shape.sentence and shape.words >= settings.CONTENT_MIN_WORDS
        )
        return long_or_sentence and i not in kind

    zone: set[int] = set()
    for order in (present, reversed(present)):
        for i in order:
            if i not in kind and _is_edge_furniture(lines[i], shapes[i]):
                kind[i] = "edge"
            if is_anchor(i):
                break
            zone.add(i)
    return zone
