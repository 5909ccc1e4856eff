"""What an alignment says about how two articles relate: the measurements behind relation and direction.

Given the passages between a source and a target, :func:`pair_features` measures, for each side, what the
passages cover and what the side has that the other lacks (content sentences, site furniture, credits
naming an outlet, a dateline, misspelt words), and for the pair, how the passages are arranged (how many,
how many moved) and how much was changed inside them (edited words, changed numbers).

Everything here is symmetric in construction: swapping the sides swaps the two :class:`SideFeatures`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from storyline.diff import opcodes
from storyline.model import Passage
from storyline.reuse import settings
from storyline.reuse.credits import (
    COPY_CREDIT_KINDS,
    Credit,
    dateline_at,
    find_credits,
    furniture_strength,
    outlet_key,
)
from storyline.reuse.lexicon import is_known, known_words
from storyline.reuse.text import TextProfile, profile, sentence_spans


@dataclass(slots=True)
class SideFeatures:
    """One article of a pair, seen against the other."""

    words: int  # words in the text
    covered: int  # words inside reused passages
    lead_content: int = 0  # words of content sentences before the first passage, not in the other text
    internal_content: int = 0  # ... between passages
    trail_content: int = 0  # ... after the last passage
    furniture: int = 0  # words of uncovered lines that look like site wrapping, datelines or credits
    chrome: int = 0  # of which, before the first or after the last passage and surely wrapping
    credits_added: list[Credit] = field(default_factory=list)  # credits the other text does not carry
    dateline_added: bool = False  # opens with a dateline the other text lacks
    misspelt: int = 0  # words misspelt here where the other side spells them right

    @property
    def share(self) -> float:
        """Share of this side's words inside passages."""
        return self.covered / self.words if self.words else 0.0

    @property
    def content_left(self) -> int:
        """Content words this side has that the other lacks (what a copy of this side left out)."""
        return self.lead_content + self.internal_content + self.trail_content

    @property
    def added(self) -> int:
        """Content words of its own, not counting short margins: text between passages, and a start or an
        end beyond ``WRAPPER_MAX_WORDS`` (shorter ones pass for wrapping: taglines, promos, notes)."""
        w = settings.WRAPPER_MAX_WORDS
        return (self.internal_content + (self.lead_content if self.lead_content > w else 0)
                + (self.trail_content if self.trail_content > w else 0))

    @property
    def wrapping(self) -> int:
        """Words around the passages that are furniture, credits, datelines or short margins."""
        w = settings.WRAPPER_MAX_WORDS
        return (self.furniture + (self.lead_content if self.lead_content <= w else 0)
                + (self.trail_content if self.trail_content <= w else 0))


@dataclass(slots=True)
class PairFeatures:
    """A source/target pair, seen through its passages."""

    source: SideFeatures
    target: SideFeatures
    passages: int
    moves: int  # passages that appear in the target out of their source order
    aligned_words: int  # words inside passages (the longer side of each)
    changed_words: int  # words substituted, inserted or deleted inside passages
    substituted: int  # words replaced by others inside passages (typos, synonyms, numbers)
    changed_numbers: int  # numbers that differ inside passages
    longest: int  # words of the longest passage (target side)

    @property
    def edit_density(self) -> float:
        """Changed words per aligned word inside the passages."""
        return self.changed_words / self.aligned_words if self.aligned_words else 0.0

    def swapped(self) -> PairFeatures:
        """The same pair seen from the other side."""
        return PairFeatures(self.target, self.source, self.passages, self.moves, self.aligned_words,
                            self.changed_words, self.substituted, self.changed_numbers, self.longest)


def pair_features(source_text: str, target_text: str, passages: Sequence[Passage],
                  source_site: str | None = None, target_site: str | None = None) -> PairFeatures:
    """Measure a source/target pair given its passages (offsets into the two texts).

    ``source_site``/``target_site`` name each article's own outlet: a credit naming it is the site's own
    signature, not a credit to another outlet.
    """
    ps, pt = profile(source_text), profile(target_text)
    s_ranges = [_word_range(ps, p.source_start, p.source_end) for p in passages]
    t_ranges = [_word_range(pt, p.target_start, p.target_end) for p in passages]
    src = _side(ps, s_ranges, _own_keys(source_site))
    tgt = _side(pt, t_ranges, _own_keys(target_site))

    aligned = changed = substituted = numbers = 0
    s_typos = t_typos = 0
    for (s0, s1), (t0, t1) in zip(s_ranges, t_ranges, strict=True):
        a, b = ps.words[s0:s1], pt.words[t0:t1]
        aligned += max(len(a), len(b))
        if a == b:
            continue  # a verbatim passage (most are): nothing changed, no diff needed
        for op, i0, i1, j0, j1 in opcodes(a, b):
            if op == "equal":
                continue
            changed += max(i1 - i0, j1 - j0)
            if op != "replace":
                continue
            substituted += max(i1 - i0, j1 - j0)
            if i1 - i0 != j1 - j0:
                continue
            for k in range(i1 - i0):
                wa, wb = a[i0 + k], b[j0 + k]
                if wa.isdigit() or wb.isdigit():
                    numbers += wa != wb
                    continue
                side = _misspelt_side(ps.text[ps.starts[s0 + i0 + k] : ps.ends[s0 + i0 + k]],
                                      pt.text[pt.starts[t0 + j0 + k] : pt.ends[t0 + j0 + k]])
                s_typos += side == 0
                t_typos += side == 1
    src.misspelt, tgt.misspelt = s_typos, t_typos

    _mark_added_credits(ps, src, source_site, pt, tgt, target_site)
    order = sorted(range(len(passages)), key=lambda k: passages[k].target_start)
    moves = sum(
        1 for a, b in zip(order, order[1:], strict=False) if passages[b].source_start < passages[a].source_start
    )
    longest = max((t1 - t0 for t0, t1 in t_ranges), default=0)
    return PairFeatures(src, tgt, len(passages), moves, aligned, changed, substituted, numbers, longest)


def _word_range(prof: TextProfile, c0: int, c1: int) -> tuple[int, int]:
    """Words lying inside characters ``[c0, c1)``."""
    return bisect_left(prof.starts, c0), bisect_right(prof.ends, c1)


def _own_keys(site: str | None) -> tuple[str, ...]:
    key = outlet_key(site or "")
    return (key,) if key else ()


def _side(prof: TextProfile, ranges: list[tuple[int, int]], own_keys: tuple[str, ...]) -> SideFeatures:
    n = len(prof.words)
    mask = bytearray(n)
    for a, b in ranges:
        mask[a:b] = b"\x01" * (b - a)
    covered = sum(mask)
    side = SideFeatures(words=n, covered=covered)
    if covered == 0:
        return side
    first = mask.index(1)
    last = n - 1 - mask[::-1].index(1)
    text = prof.text
    k = 0
    while k < n:
        if mask[k]:
            k += 1
            continue
        j = k
        while j < n and not mask[j]:
            j += 1
        place = "lead" if j <= first else ("trail" if k > last else "internal")
        content, furniture, chrome = _uncovered_kind(text, prof.starts[k], prof.ends[j - 1], own_keys)
        side.furniture += furniture
        if place != "internal":
            side.chrome += chrome
        if place == "lead":
            side.lead_content += content
        elif place == "trail":
            side.trail_content += content
        else:
            side.internal_content += content
        k = j
    # a dateline counts as added only when it opens the text right before the reused passage
    side.dateline_added = side.lead_content == 0 and first > 0 and dateline_at(text, 0, prof.starts[first]) is not None
    return side


def _uncovered_kind(text: str, c0: int, c1: int, own_keys: tuple[str, ...]) -> tuple[int, int, int]:
    """Words of uncovered text ``[c0, c1)`` in content sentences, in furniture or credits, and in lines that
    are surely wrapping (chrome vocabulary, the site's name, credits, datelines)."""
    content = furniture = chrome = 0
    part = text[c0:c1]
    for a, b in sentence_spans(part):
        piece = part[a:b]
        words = len(piece.split())
        strength = _piece_strength(piece, own_keys)
        if strength:
            furniture += words
            chrome += words if strength == 2 else 0
        elif words >= settings.CONTENT_MIN_WORDS:
            content += words
    return content, furniture, chrome


@lru_cache(maxsize=settings.PIECE_CACHE_SIZE)
def _piece_strength(piece: str, own_keys: tuple[str, ...]) -> int:
    """:func:`furniture_strength` of an uncovered sentence, 2 when it is a credit or a dateline. Cached: in a
    story each article is paired with several others, and its uncovered sentences are judged again each
    time (the regular expressions were a fifth of the relations' time on bench/pipeline.py)."""
    if find_credits(piece) or dateline_at(piece, 0, len(piece)):
        return 2
    return furniture_strength(piece, own_keys)


def _mark_added_credits(ps: TextProfile, src: SideFeatures, s_site: str | None,
                        pt: TextProfile, tgt: SideFeatures, t_site: str | None) -> None:
    """Credits one side carries more often than the other (by outlet): the ones a copy desk added.

    A credit naming the side's own outlet is its signature ("© Harbor Daily"), not a credit to another.
    """
    s_credits = [c for c in find_credits(ps.text) if c.kind in COPY_CREDIT_KINDS]
    t_credits = [c for c in find_credits(pt.text) if c.kind in COPY_CREDIT_KINDS]
    s_count = Counter(outlet_key(c.name) for c in s_credits)
    t_count = Counter(outlet_key(c.name) for c in t_credits)
    for credits, other, side, own in ((s_credits, t_count, src, s_site), (t_credits, s_count, tgt, t_site)):
        own_key = outlet_key(own or "")
        seen: Counter[str] = Counter()
        for c in credits:
            key = outlet_key(c.name)
            seen[key] += 1
            if c.kind == "copyright" and not own_key:
                continue  # "© X" is a credit only when X is known not to be the article's own outlet
            if seen[key] > other.get(key, 0) and key != own_key:
                side.credits_added.append(c)


def _misspelt_side(a: str, b: str) -> int:
    """0 if ``a`` is a misspelling of ``b``, 1 if ``b`` is one of ``a``, -1 if neither or unknown."""
    if not known_words() or min(len(a), len(b)) < settings.TYPO_MIN_CHARS or not (a.isalpha() and b.isalpha()):
        return -1
    if a.lower() == b.lower() or DamerauLevenshtein.distance(a.lower(), b.lower()) > settings.TYPO_MAX_EDITS:
        return -1
    ka, kb = is_known(a), is_known(b)
    if ka == kb:
        return -1
    return 1 if ka else 0


def reused_share(text: str, spans: Sequence[tuple[int, int]]) -> float:
    """Share of the non-space characters of ``text`` inside ``spans`` (overlaps counted once)."""
    body = len("".join(text.split()))
    if not body:
        return 0.0
    reused, end = 0, 0
    for a, b in sorted(spans):
        a = max(a, end)
        if b > a:
            reused += len("".join(text[a:b].split()))
            end = b
    return reused / body
