"""Whitespace and Unicode tidying that remembers where every clean character came from.

Cleaning must never lose the way back to the input: later stages report passages as offsets into the
clean text, and a user (or an evaluation against gold spans) needs them in the raw text. So tidying does
not rewrite a string and hope; it builds the clean text from *pieces*, each either a stretch copied from
the raw text (with its raw position) or a replacement (a single space for a run of odd whitespace, a
composed character for a decomposed one). Copied stretches that follow each other in both texts merge
into :attr:`Article.segments`, runs ``(clean_start, raw_start, length)`` where clean equals raw, and
:func:`to_raw_offset` maps through them.

The same module holds the two normalisations other stages compare text with: :func:`normalise_for_hash`
(exact-copy detection) and :func:`line_key` (site boilerplate memory).

>>> lines = split_lines("A  b\\r\\nc")
>>> [line.text for line in lines]
['A b', 'c']
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.clean import settings

if TYPE_CHECKING:
    from storyline.model import Article

# A piece of clean text: (text, raw position of its first character, or -1 when it is a replacement).
Piece = tuple[str, int]

# Line breaks as Unicode and the usual inputs write them. "\r\n" first so it is one break.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c]")

# Characters dropped from the text: C0/C1 controls (but tab), soft hyphen, zero-width space, word joiner,
# byte-order mark. Zero-width (non-)joiners are kept: they change how Persian, Arabic or Indic words read.
_DROP = "\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff"
# Horizontal whitespace that becomes one ordinary space.
_SPACE = " \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACE_SET = frozenset(" \t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))
_ODD_RUN = re.compile(f"[{_SPACE}{_DROP}]+")
# Fast check for lines that need no tidying at all (most lines of most inputs): one character class,
# which the regex engine scans quickly, plus plain substring tests.
_OTHER_BREAK = re.compile("[\r\u2028\u2029\x0b\x0c]")
_ODD_CHAR = re.compile(f"[{_DROP}\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


@dataclass(slots=True)
class Line:
    """One line of the input after tidying.

    ``pieces`` rebuild ``text`` and say where each part came from; ``newline_at`` is the raw position of
    the ``\\n`` that ends the line (-1 for a bare ``\\r`` or other break, or none at the end).
    """

    text: str
    pieces: list[Piece] = field(default_factory=list)
    newline_at: int = -1


def split_lines(raw: str) -> list[Line]:
    """Split ``raw`` into tidied lines: controls dropped, spaces collapsed and trimmed, NFC applied."""
    if _is_tidy(raw):
        # The common case (most readers already give tidy text): every line is a copy of the raw text.
        lines: list[Line] = []
        start = 0
        for text in raw.split("\n"):
            end = start + len(text)
            lines.append(Line(text, [(text, start)] if text else [], end if end < len(raw) else -1))
            start = end + 1
        return lines
    lines = []
    start = 0
    for match in _LINE_BREAK.finditer(raw):
        text, pieces = _tidy(raw, start, match.start())
        newline_at = match.end() - 1 if raw[match.end() - 1] == "\n" else -1
        lines.append(Line(text, pieces, newline_at))
        start = match.end()
    text, pieces = _tidy(raw, start, len(raw))
    lines.append(Line(text, pieces, -1))
    return lines


def split_line(line: Line, head_end: int, tail_start: int) -> tuple[Line, Line]:
    """Cut ``line`` in two: its text up to ``head_end`` and from ``tail_start`` (what lies between, spaces,
    belongs to neither). Both keep where their characters came from; the tail keeps the line's newline."""

    def part(start: int, end: int) -> list[Piece]:
        out: list[Piece] = []
        pos = 0
        for text, raw in line.pieces:
            lo, hi = max(start, pos), min(end, pos + len(text))
            if lo < hi:
                out.append((text[lo - pos : hi - pos], raw + lo - pos if raw >= 0 else -1))
            pos += len(text)
        return out

    size = len(line.text)
    return (Line(line.text[:head_end], part(0, head_end), -1),
            Line(line.text[tail_start:], part(tail_start, size), line.newline_at))


def _is_tidy(raw: str) -> bool:
    return (
        "  " not in raw
        and " \n" not in raw
        and "\n " not in raw
        and raw[:1] != " "
        and raw[-1:] != " "
        and not _ODD_CHAR.search(raw)
        and not _OTHER_BREAK.search(raw)
        and (raw.isascii() or unicodedata.is_normalized("NFC", raw))
    )


def _tidy(raw: str, start: int, end: int) -> tuple[str, list[Piece]]:
    line = raw[start:end]
    if not line:
        return "", []
    tidy = line[0] != " " and line[-1] != " " and "  " not in line and not _ODD_CHAR.search(line)
    if tidy and (line.isascii() or unicodedata.is_normalized("NFC", line)):
        return line, [(line, start)]
    pieces: list[Piece] = []
    pos = 0
    for match in _ODD_RUN.finditer(line):
        if match.start() > pos:
            pieces.extend(_nfc_pieces(line[pos : match.start()], start + pos))
        run = match.group()
        at_edge = match.start() == 0 or match.end() == len(line)
        if not at_edge and any(ch in _SPACE_SET for ch in run):
            # Only a run that is exactly one ordinary space stays a copy of the raw text.
            pieces.append((" ", start + match.start()) if run == " " else (" ", -1))
        pos = match.end()
    if pos < len(line):
        pieces.extend(_nfc_pieces(line[pos:], start + pos))
    text = "".join(piece for piece, _ in pieces)
    if not unicodedata.is_normalized("NFC", text):
        # Composition across a dropped character or between conjoining jamo: rare; give up exactness
        # for this line rather than store text that is not NFC.
        text = unicodedata.normalize("NFC", text)
        pieces = [(text, -1)]
    return text, pieces


def _nfc_pieces(chunk: str, raw_start: int) -> list[Piece]:
    if chunk.isascii() or unicodedata.is_normalized("NFC", chunk):
        return [(chunk, raw_start)]
    # Normalise cluster by cluster (a base character and the combining marks after it), so that only the
    # clusters NFC actually changes lose their link to the raw text.
    pieces: list[Piece] = []
    i = 0
    while i < len(chunk):
        j = i + 1
        while j < len(chunk) and unicodedata.combining(chunk[j]):
            j += 1
        cluster = chunk[i:j]
        composed = unicodedata.normalize("NFC", cluster)
        pieces.append((cluster, raw_start + i) if composed == cluster else (composed, -1))
        i = j
    return pieces


def assemble(lines: list[Line], keep: list[bool]) -> tuple[str, list[tuple[int, int, int]]]:
    """Join the kept non-blank lines into the clean text and its segments.

    Blank lines between two kept lines become at most :data:`settings.MAX_BLANK_LINES` blank lines;
    removed lines vanish with no trace in the text. Each newline written is the raw ``\\n`` it stands
    for when there is one, so that paragraphs stay inside segments.
    """
    out: list[Piece] = []
    previous = -1  # index of the previous kept non-blank line
    blanks: list[int] = []  # blank lines seen since it
    for index, line in enumerate(lines):
        if not line.text:
            if previous >= 0:
                blanks.append(index)
            continue
        if not keep[index]:
            continue
        if previous >= 0:
            out.append(("\n", lines[previous].newline_at))
            for blank in blanks[len(blanks) - min(len(blanks), settings.MAX_BLANK_LINES) :]:
                out.append(("\n", lines[blank].newline_at))
        out.extend(line.pieces)
        previous = index
        blanks = []
    return "".join(piece for piece, _ in out), _segments(out)


def _segments(pieces: list[Piece]) -> list[tuple[int, int, int]]:
    segments: list[list[int]] = []
    clean_pos = 0
    for piece, raw_pos in pieces:
        if raw_pos >= 0:
            last = segments[-1] if segments else None
            if last and last[0] + last[2] == clean_pos and last[1] + last[2] == raw_pos:
                last[2] += len(piece)
            else:
                segments.append([clean_pos, raw_pos, len(piece)])
        clean_pos += len(piece)
    return [(c, r, n) for c, r, n in segments]


def to_raw_offset(article: Article, clean_offset: int, *, end: bool = False) -> int:
    """Map an offset in ``article.text`` to the offset in ``article.raw_text`` it came from.

    An offset names a place between two characters. Inside a run of unchanged text the answer is exact.
    At a place where the clean text joins two runs that are apart in the raw text (a removed boilerplate
    line, a collapsed blank line) the place has two raw counterparts: by default the start of what
    follows (right for the start of a span); with ``end=True`` the end of what precedes (right for the
    end of a span). So a clean span ``[a, b)`` maps to
    ``[to_raw_offset(art, a), to_raw_offset(art, b, end=True)]``, see :func:`to_raw_span`.

    A replaced character (a space standing for a run of tabs) maps to the edge of the raw run it
    replaced.
    """
    segments = article.segments
    if not segments:
        return 0
    if end and clean_offset > 0:
        i = bisect_right(segments, clean_offset - 1, key=lambda s: s[0]) - 1
        if i >= 0:
            c, r, n = segments[i]
            if clean_offset - 1 < c + n:
                return r + clean_offset - c
        # The character before is a replacement: end where the next run begins.
        if i + 1 < len(segments):
            return segments[i + 1][1]
        c, r, n = segments[-1]
        return len(article.raw_text) if clean_offset >= len(article.text) else r + n
    i = bisect_right(segments, clean_offset, key=lambda s: s[0]) - 1
    if i < 0:
        return segments[0][1]
    c, r, n = segments[i]
    if clean_offset < c + n:
        return r + clean_offset - c
    # In a replacement or past the end: where the previous run ends.
    return r + n


def to_raw_span(article: Article, start: int, end: int) -> tuple[int, int]:
    """Map the clean span ``[start, end)`` to the raw span it came from (see :func:`to_raw_offset`)."""
    raw_start = to_raw_offset(article, start)
    return raw_start, max(raw_start, to_raw_offset(article, end, end=True))


# Typographic variants folded together for comparison only; the stored text keeps them.
_HASH_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
        "\u00bb": '"', "\u2039": '"', "\u203a": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u2212": "-",
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
    }
)  # fmt: skip
# Spaces before closing and after opening punctuation are dropped ("word ." = "word."), after whitespace
# is collapsed, so plain replacements suffice (much faster than a regex on long texts).
_SPACED_PUNCT = tuple((f" {p}", p) for p in ".,;:!?)]}") + tuple((f"{p} ", p) for p in "([{")


def normalise_for_hash(text: str) -> str:
    """The form exact-copy detection hashes: two texts that differ only in case, quote and dash style,
    spacing or tokenisation of punctuation ("word ." vs "word.") normalise to the same string.

    >>> normalise_for_hash("It\u2019s  \u201cFINE\u201d .") == normalise_for_hash("it's \\"fine\\".")
    True
    """
    if text.isascii():
        folded = " ".join(text.replace("`", "'").lower().split())  # the only ASCII variant is the backtick
    else:
        folded = " ".join(unicodedata.normalize("NFKC", text).translate(_HASH_TABLE).casefold().split())
    # ``PTB-style'' quotes: the table made them '' and they mean one double quote.
    folded = folded.replace("''", '"').replace('""', '"')
    for spaced, bare in _SPACED_PUNCT:
        if spaced in folded:
            folded = folded.replace(spaced, bare)
    return folded


def line_key(line: str) -> str:
    """A short stable key for a line: equal for lines that differ only in case, spacing, or quote and dash
    style (a lighter normalisation than :func:`normalise_for_hash`, since it runs on every line).

    Site memory stores these keys, so they must never change between versions for the same line.
    """
    if line.isascii():
        form = " ".join(line.replace("`", "'").lower().split())
    else:
        form = " ".join(unicodedata.normalize("NFKC", line).translate(_HASH_TABLE).casefold().split())
    return hashlib.blake2b(form.encode("utf-8"), digest_size=8).hexdigest()


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():  # else the cut falls between two words already
        space = cut.rfind(" ")
        cut = cut[:space] if space > limit // 2 else cut
    return cut.rstrip(" ,;:-") + "…"
