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

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.facts import settings
from storyline.facts.lexicon import SMALL_NUMBERS, TENS
from storyline.facts.text import Token, tokens
from storyline.model import Passage

_NUMBER_WORDS = frozenset([*SMALL_NUMBERS, *TENS, "dozen", "dozens", "hundreds", "thousands", "millions"])
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
        ta = tokens(a_text, p.source_start, p.source_end)
        tb = tokens(b_text, p.target_start, p.target_end)
        pairs.extend(_diff_numbers(a, ta, b, tb))
    return pairs


def number_pairs_in_sentences(
    texts: dict[str, str], sentences: dict[str, list[tuple[int, int]]]
) -> list[NumberPair]:
    """Number pairs inside the sentences that align between any two articles of ``texts``."""
    units: list[_Sentence] = []
    for article, text in texts.items():
        for s0, s1 in sentences[article]:
            if not _HAS_NUMBER.search(text, s0, s1):
                continue
            toks = tokens(text, s0, s1)
            units.append(_Sentence(article, s0, s1, _masked(toks), toks))
    pairs: list[NumberPair] = []
    for i, j in _aligned(units):
        pairs.extend(_diff_numbers(units[i].article, units[i].toks, units[j].article, units[j].toks))
    return pairs


def _aligned(units: list[_Sentence]) -> list[tuple[int, int]]:
    """Pairs of sentence indices (of different articles) that are the same sentence up to numbers and a
    few edited words, one to one between two articles: identical sentences first, then identical up to
    numbers, then by word overlap (Jaccard, or containment when one side was cut short)."""
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
    for group in exact.values():
        for i in group:
            for j in group:
                if i < j and units[i].article != units[j].article:
                    candidates[(i, j)] = 3.0 if raw[i] == raw[j] else 2.0
    for i, words in enumerate(word_lists):
        if len(word_sets[i]) < settings.ALIGN_MIN_WORDS:
            continue
        seen: set[int] = set()
        for k in range(len(words) - n + 1):
            for j in shingles[tuple(words[k:k + n])]:
                if j <= i or j in seen or units[j].article == units[i].article or (i, j) in candidates:
                    continue
                seen.add(j)
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
    pairs: list[tuple[int, int]] = []
    used: set[tuple[int, str]] = set()
    for (i, j), _score in sorted(candidates.items(), key=lambda kv: -kv[1]):
        if (i, units[j].article) in used or (j, units[i].article) in used:
            continue
        used.add((i, units[j].article))
        used.add((j, units[i].article))
        pairs.append((i, j))
    return sorted(pairs)


def _diff_numbers(a: str, ta: list[Token], b: str, tb: list[Token]) -> list[NumberPair]:
    ma, mb = _masked(ta), _masked(tb)
    pairs: list[NumberPair] = []
    matcher = difflib.SequenceMatcher(None, ma, mb, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                x, y = ta[i1 + k], tb[j1 + k]
                if _is_number(x) and _is_number(y):
                    pairs.append(NumberPair(a, (x.start, x.end), x.text, b, (y.start, y.end), y.text))
    return pairs
