"""Which numbers of two articles stand in the same place of the same sentence.

A copy that changes a number keeps the words around it: the strongest evidence of a conflict is a number
that differs inside an aligned passage. This module finds those number pairs, either inside passages the
reuse stage aligned (``Relation.passages``) or, without them, inside sentences it aligns itself:

1. sentences are compared with their numbers masked (``#``): identical masked sentences align; else
   sentences sharing word 3-grams align when their word sets overlap by ``settings.ALIGN_MIN_JACCARD``;
2. the tokens of an aligned pair are diffed (``difflib``) with numbers masked, so a changed number sits
   in an equal block (or an equal-length replacement, when a typo sits next to it) and pairs with the
   number it replaced.

Only sentences that contain a number are looked at, so two articles cost little.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.diff import opcodes
from storyline.facts import settings
from storyline.facts.lexicon import SMALL_NUMBERS, TENS
from storyline.facts.text import Token, mask_numbers, token_matches, tokens
from storyline.model import Passage

_NUMBER_WORDS = frozenset([*SMALL_NUMBERS, *TENS, "dozen", "dozens", "hundreds", "thousands", "millions"])
# Page furniture whose numbers are timestamps of the page, not facts: "PUBLISHED: ... 2:29 PM",
# "Last updated 13:26", "Posted on January 5, 2011 at 3:39 PM".
_METADATA = re.compile(r"\b(?:published|updated|posted|last modified)\b", re.IGNORECASE)
_WORDS = re.compile(r"[\w#]+")
# A clock time or a full date (with its year): what a dateline or a page's timestamp holds.
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATEISH = re.compile(rf"\d{{1,2}}:\s?\d\d|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
                      rf"|\d{{1,2}}\s+{_MON},?\s+(?:19|20)\d\d", re.IGNORECASE)
_HAS_NUMBER = re.compile(r"\d|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


@dataclass(slots=True)
class NumberPair:
    """A number of article ``a`` and the number standing in its place in article ``b``."""

    a: str
    a_span: tuple[int, int]
    a_text: str
    b: str
    b_span: tuple[int, int]
    b_text: str


@dataclass(slots=True)
class _Sentence:
    article: str
    start: int
    end: int
    masked: list[str]
    toks: list[Token]


def _is_number(t: Token) -> bool:
    return t.is_number or t.lower in _NUMBER_WORDS


def _masked(toks: list[Token]) -> list[str]:
    return ["#" if _is_number(t) else t.lower for t in toks]


def number_pairs_in_passages(
    a: str, a_text: str, b: str, b_text: str, passages: Sequence[Passage]
) -> list[NumberPair]:
    """Number pairs inside aligned passages (``a`` is the passages' source side, ``b`` the target)."""
    pairs: list[NumberPair] = []
    for p in passages:
        if not (_HAS_NUMBER.search(a_text, p.source_start, p.source_end)
                and _HAS_NUMBER.search(b_text, p.target_start, p.target_end)):
            continue  # a number pairs only with a number
        va = _article_view(a_text).within(p.source_start, p.source_end)
        if a_text[p.source_start:p.source_end] == b_text[p.target_start:p.target_end]:
            # a verbatim passage (most of them): every number stands against itself, no diff needed
            pairs.extend(_same_numbers(a, va, b, p.target_start - p.source_start))
            continue
        pairs.extend(_diff_numbers(a, va, b, _article_view(b_text).within(p.target_start, p.target_end)))
    return pairs


@dataclass(slots=True)
class _View:
    """A stretch of text as the number diff sees it: its tokens with numbers masked (``#``), which are
    numbers, and where each token is. Plain lists: long passages have thousands of tokens."""

    masked: list[str]
    numeric: list[bool]
    starts: list[int]
    ends: list[int]
    texts: list[str]

    def within(self, start: int, end: int) -> _View:
        """The tokens lying wholly inside characters ``[start, end)``."""
        i, j = bisect_left(self.starts, start), bisect_right(self.ends, end)
        j = max(i, j)
        return _View(self.masked[i:j], self.numeric[i:j], self.starts[i:j], self.ends[i:j], self.texts[i:j])


@lru_cache(maxsize=settings.ARTICLE_VIEW_CACHE)
def _article_view(text: str) -> _View:
    """The :class:`_View` of a whole article, made once: a story's copy relations cover each article
    several times over, in passages that are slices of it."""
    matches = token_matches(text)
    texts = [m.group() for m in matches]
    lowers = [w.lower() for w in texts]
    numeric = [w[0].isdigit() or lower in _NUMBER_WORDS for w, lower in zip(texts, lowers, strict=True)]
    masked = ["#" if number else lower for number, lower in zip(numeric, lowers, strict=True)]
    return _View(masked, numeric, [m.start() for m in matches], [m.end() for m in matches], texts)


def _same_numbers(a: str, va: _View, b: str, shift: int) -> list[NumberPair]:
    """:func:`_diff_numbers` of a stretch against an identical copy of it ``shift`` characters on."""
    n = len(va.masked)
    return [NumberPair(a, (va.starts[k], va.ends[k]), va.texts[k], b, (va.starts[k] + shift, va.ends[k] + shift),
                       va.texts[k])
            for k in range(n) if va.numeric[k] and _word_beside(va.masked, 0, n, k)]


def number_pairs_in_sentences(
    texts: dict[str, str],
    sentences: dict[str, list[tuple[int, int]]],
    with_numbers: dict[str, set[tuple[int, int]]] | None = None,
) -> list[NumberPair]:
    """Number pairs inside the sentences that align between any two articles of ``texts``.

    ``with_numbers`` (article -> the sentences holding a number, when the caller knows them from
    extraction) saves looking for numbers again.
    """
    units: list[_Sentence] = []
    furniture: set[int] = set()
    for article, text in texts.items():
        known = with_numbers.get(article) if with_numbers is not None else None
        for s0, s1 in sentences[article]:
            if (s0, s1) not in known if known is not None else not _HAS_NUMBER.search(text, s0, s1):
                continue
            # page furniture: a timestamp line, or a date at the head of the page (headline and dateline)
            if _METADATA.search(text, s0, s1) or (s0 < settings.ALIGN_HEADER_CHARS and _DATEISH.search(text, s0, s1)):
                furniture.add(len(units))
            toks = tokens(text, s0, s1)
            units.append(_Sentence(article, s0, s1, _masked(toks), toks))
    aligned = _aligned(units)
    # Between copies (articles sharing whole sentences) every aligned number is compared. Between other
    # articles of a story, only near-identical sentences outside the page furniture are: two pages of
    # one site line up on their headers and timestamps, and two reporters can write alike sentences.
    copies = _copies(texts, sentences) if aligned else set()
    pairs: list[NumberPair] = []
    for (i, j), score in aligned.items():
        if frozenset((units[i].article, units[j].article)) not in copies and (
                i in furniture or j in furniture or score < settings.ALIGN_NONCOPY_MIN_JACCARD):
            continue
        ui, uj = units[i], units[j]
        pairs.extend(_diff_numbers(ui.article, _article_view(texts[ui.article]).within(ui.start, ui.end),
                                   uj.article, _article_view(texts[uj.article]).within(uj.start, uj.end)))
    return pairs


def _copies(texts: dict[str, str], sentences: dict[str, list[tuple[int, int]]]) -> set[frozenset[str]]:
    """Pairs of articles sharing at least ``settings.ALIGN_COPY_MIN_SENTENCES`` identical sentences (of at
    least ``settings.ALIGN_MIN_WORDS`` words, numbers masked), or, for short articles, at least
    ``settings.ALIGN_COPY_MIN_SHARE`` of the shorter one's sentences."""
    holders: dict[str, set[str]] = defaultdict(set)
    sizes: dict[str, int] = defaultdict(int)
    for article, text in texts.items():
        for s0, s1 in sentences[article]:
            if s0 < settings.ALIGN_HEADER_CHARS and _DATEISH.search(text, s0, s1):
                continue  # a page header ("Headline May 2, 2013 1:12 PM") is the same on many pages
            key = " ".join(_WORDS.findall(mask_numbers(text[s0:s1])))
            if key.count(" ") + 1 >= settings.ALIGN_MIN_WORDS and not _METADATA.search(key):
                holders[key].add(article)
                sizes[article] += 1
    counts: dict[frozenset[str], int] = defaultdict(int)
    for articles in holders.values():
        if 1 < len(articles) <= settings.ALIGN_MAX_HOLDERS:
            ordered = sorted(articles)
            for x in range(len(ordered)):
                for y in range(x):
                    counts[frozenset((ordered[x], ordered[y]))] += 1
    return {
        pair for pair, n in counts.items()
        if n >= min(settings.ALIGN_COPY_MIN_SENTENCES, settings.ALIGN_COPY_MIN_SHARE * min(sizes[a] for a in pair))
    }


def _aligned(units: list[_Sentence]) -> dict[tuple[int, int], float]:
    """Pairs of sentence indices (of different articles) that are the same sentence up to numbers and a
    few edited words, one to one between two articles: identical sentences first, then identical up to
    numbers, then by word overlap (Jaccard, or containment when one side was cut short). Each pair maps to
    its score: 3 identical, 2 identical but for numbers, else the overlap."""
    exact: dict[tuple[str, ...], list[int]] = defaultdict(list)
    shingles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    n = settings.ALIGN_SHINGLE
    word_lists: list[list[str]] = []
    for idx, u in enumerate(units):
        words = [w for w in u.masked if w.isalnum() or w == "#"]
        word_lists.append(words)
        exact[tuple(words)].append(idx)
        for k in range(len(words) - n + 1):
            shingles[tuple(words[k:k + n])].append(idx)
    word_sets = [frozenset(w) for w in word_lists]
    raw = [" ".join(t.text for t in u.toks) for u in units]
    candidates: dict[tuple[int, int], float] = {}
    group_of: dict[int, int] = {}
    for g, group in enumerate(exact.values()):
        group_of.update((i, g) for i in group)
        _chain_identical(group, units, raw, candidates)
    for i, words in enumerate(word_lists):
        if len(word_sets[i]) < settings.ALIGN_MIN_WORDS:
            continue
        counts: Counter[int] = Counter()
        for k in range(len(words) - n + 1):
            holders = shingles[tuple(words[k:k + n])]
            if len(holders) <= settings.ALIGN_MAX_HOLDERS:  # "in the #" is shared by everything
                counts.update(holders)
        for j, shared_shingles in counts.items():
            if j <= i or shared_shingles < settings.ALIGN_MIN_SHARED_SHINGLES or group_of[i] == group_of[j]:
                continue
            if units[j].article == units[i].article:
                continue
            a, b = word_sets[i], word_sets[j]
            if len(b) < settings.ALIGN_MIN_WORDS:
                continue
            shared = len(a & b)
            score = shared / len(a | b)
            if score < settings.ALIGN_MIN_JACCARD:
                if min(len(a), len(b)) < settings.ALIGN_CONTAINED_MIN_WORDS:
                    continue
                if shared / min(len(a), len(b)) < settings.ALIGN_MIN_CONTAINMENT:
                    continue
            candidates[(i, j)] = score
    pairs: dict[tuple[int, int], float] = {}
    used: set[tuple[int, str]] = set()
    for (i, j), score in sorted(candidates.items(), key=lambda kv: -kv[1]):
        if (i, units[j].article) in used or (j, units[i].article) in used:
            continue
        used.add((i, units[j].article))
        used.add((j, units[i].article))
        pairs[(i, j)] = score
    return dict(sorted(pairs.items()))


def _chain_identical(group: list[int], units: list[_Sentence], raw: list[str],
                     candidates: dict[tuple[int, int], float]) -> None:
    """Align sentences identical up to their numbers (``group``): every pair of them in a small group, as a
    chain in a large one (more than ``ALIGN_CLIQUE_MAX`` sentences). A sentence a wire story and its fifty
    reprints share would otherwise cost 1,225 diffs, and the chain joins the same mentions into one fact:
    identical texts (score 3) are chained first, one sentence per article, then each variant to the next
    (score 2), where a changed number shows. Small groups keep every pair, so that an article repeating
    a sentence still has its second copy aligned once the first is taken."""
    if len(group) <= settings.ALIGN_CLIQUE_MAX:
        for i in group:
            for j in group:
                if i < j and units[i].article != units[j].article:
                    candidates[(i, j)] = 3.0 if raw[i] == raw[j] else 2.0
        return
    variants: dict[str, list[int]] = {}
    holders: dict[str, set[str]] = defaultdict(set)
    for i in group:
        if units[i].article not in holders[raw[i]]:
            holders[raw[i]].add(units[i].article)
            variants.setdefault(raw[i], []).append(i)
    chains = list(variants.values())
    for members in chains:
        for i, j in zip(members, members[1:], strict=False):
            candidates[(min(i, j), max(i, j))] = 3.0
    for x, y in zip(chains, chains[1:], strict=False):
        link = next(((i, j) for i in x for j in y if units[i].article != units[j].article), None)
        if link is not None:
            candidates[(min(link), max(link))] = 2.0


def _diff_numbers(a: str, va: _View, b: str, vb: _View) -> list[NumberPair]:
    ma, mb = va.masked, vb.masked
    pairs: list[NumberPair] = []
    for op, i1, i2, j1, j2 in opcodes(ma, mb):
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                x, y = i1 + k, j1 + k
                if not (va.numeric[x] and vb.numeric[y]):
                    continue
                # a number pairs only where a word next to it matches too: ", 2000" in one list of years
                # against ", 1998" in another is chance, "killing 11" against "killing 12" is not
                if op == "equal" and not _word_beside(ma, i1, i2, x):
                    continue
                pairs.append(NumberPair(a, (va.starts[x], va.ends[x]), va.texts[x],
                                        b, (vb.starts[y], vb.ends[y]), vb.texts[y]))
    return pairs


def _word_beside(masked: list[str], block_start: int, block_end: int, i: int) -> bool:
    """Whether a word (not a number, not punctuation) stands within ``settings.ALIGN_WORD_REACH`` tokens
    of position ``i`` inside the equal block ``[block_start, block_end)``."""
    reach = settings.ALIGN_WORD_REACH
    lo, hi = max(block_start, i - reach), min(block_end, i + reach + 1)
    return any(masked[j][0].isalpha() for j in range(lo, hi) if j != i)
