"""Cutting an article's text into runs for highlighting: reused passages, fact mentions, asked-for spans.

Spans are character offsets into the stored clean text (the JSON contract's offsets). They may overlap,
nest, run past the end or be empty; :func:`segments` turns any such set into consecutive runs, each
knowing which spans cover it and which of them start there (where an anchor belongs), so a template
only has to wrap runs in ``<mark>``. The template escapes each run's text; nothing here builds HTML.

>>> [(s.text, s.keys) for s in segments("abcdef", [(1, 3, "x"), (2, 5, "y")])]
[('a', ()), ('b', ('x',)), ('c', ('x', 'y')), ('de', ('y',)), ('f', ())]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text with the keys of the spans covering it (in the order the spans were given) and the
    keys of the spans that start at this run."""

    text: str
    start: int
    keys: tuple[Hashable, ...] = ()
    starts: tuple[Hashable, ...] = ()

    @property
    def key(self) -> Hashable | None:
        """The first covering span's key: the one a run is coloured by when spans overlap."""
        return self.keys[0] if self.keys else None


def segments(text: str, spans: Iterable[tuple[int, int, Hashable]]) -> list[Segment]:
    """``text`` cut at every span boundary; see the module docstring. Offsets are clipped to the text and
    empty spans are dropped; keys must be distinct."""
    n = len(text)
    clean: list[tuple[int, int, Hashable]] = []
    for start, end, key in spans:
        s, e = max(0, min(int(start), n)), max(0, min(int(end), n))
        if e > s:
            clean.append((s, e, key))
    cuts = sorted({0, n, *(s for s, _, _ in clean), *(e for _, e, _ in clean)})
    order = {key: i for i, (_, _, key) in enumerate(clean)}
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if b <= a:
            continue
        covering = sorted((k for s, e, k in clean if s <= a and b <= e), key=order.__getitem__)
        starting = tuple(k for s, _, k in clean if s == a)
        out.append(Segment(text[a:b], a, tuple(covering), starting))
    return out


def parse_spans(values: Iterable[str], limit: int = 50) -> list[tuple[int, int]]:
    """``["120-164", "300-310"]`` (from ``?hl=`` query parameters) as offset pairs; malformed ones are
    skipped, and at most ``limit`` are kept so a long URL cannot make a page slow."""
    out: list[tuple[int, int]] = []
    for value in values:
        start, sep, end = value.partition("-")
        if sep and start.isdigit() and end.isdigit() and int(end) > int(start):
            out.append((int(start), int(end)))
        if len(out) >= limit:
            break
    return out
