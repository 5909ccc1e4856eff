"""Is it the same report, the same event, or neither? Measures for pairs that share little verbatim text.

When two articles share no long passage, what remains to compare is what they say:

- **topic overlap**: the cosine of their content-word vectors (stop words dropped, counts dampened), which
  tells two reports of one event from two reports of different events;
- **fact order**: the numbers and names each article mentions, in the order it first mentions them. A
  rewrite retells one report sentence by sentence, so its facts come in the source's order; an independent
  report of the same event picks its own facts and order. The longest common subsequence of the two fact
  sequences, over the shorter sequence, measures it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from storyline.reuse import settings
from storyline.reuse.credits import COPY_CREDIT_KINDS, find_credits
from storyline.reuse.text import normalise_word, profile, sentence_spans

# Function words and reporting verbs: they say nothing about which event an article reports.
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each even ever few for from further had has
    have having he her here hers him his how i if in into is it its itself just last like made make many may
    me might more most much must my new no nor not now of off on once one only or other our out over own per
    said same say says she should since so some such than that the their them then there these they this
    those through to too two under until up upon us very was we were what when where which while who whom
    why will with would year years you your told according week day days time monday tuesday wednesday
    thursday friday saturday sunday mr mrs ms people percent report reported news""".split()
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Gist:
    """What an article talks about: content-word counts and its facts in order of first mention."""

    terms: dict[str, float]  # content word -> dampened weight
    norm: float
    facts: tuple[str, ...]  # numbers and names, first mentions in text order


@lru_cache(maxsize=settings.PROFILE_CACHE_SIZE)
def gist(text: str) -> Gist:
    """The :class:`Gist` of ``text`` (cached per distinct text)."""
    prof = profile(text)
    counts: Counter[str] = Counter(
        w for w in prof.words if len(w) >= settings.TERM_MIN_CHARS and w not in STOP_WORDS and not w.isdigit()
    )
    terms = {w: 1.0 + math.log(c) for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in terms.values()))
    facts: list[str] = []
    seen: set[str] = set()
    for k, w in enumerate(prof.words):
        surface = text[prof.starts[k] : prof.ends[k]]
        if _NUMBER.fullmatch(surface):
            key = surface.replace(",", "")
        elif surface[:1].isupper() and w not in STOP_WORDS and len(w) >= settings.TERM_MIN_CHARS:
            key = normalise_word(w)
        else:
            continue
        if key not in seen:
            seen.add(key)
            facts.append(key)
    return Gist(terms, norm, tuple(facts))


def topic_similarity(a: str, b: str) -> float:
    """Cosine of the content-word vectors of two texts, in [0, 1]."""
    ga, gb = gist(a), gist(b)
    if not ga.norm or not gb.norm:
        return 0.0
    small, large = (ga.terms, gb.terms) if len(ga.terms) <= len(gb.terms) else (gb.terms, ga.terms)
    dot = sum(v * large[w] for w, v in small.items() if w in large)
    return dot / (ga.norm * gb.norm)


def fact_order(a: str, b: str) -> tuple[float, int]:
    """How far two texts mention the same facts in the same order.

    Returns the longest common subsequence of their fact sequences (restricted to the facts both mention)
    over the number of shared facts, and that number of shared facts. 1.0 means every shared fact comes
    in the same order.
    """
    fa, fb = gist(a).facts, gist(b).facts
    shared = set(fa) & set(fb)
    if not shared:
        return 0.0, 0
    xa = [f for f in fa if f in shared]
    xb = [f for f in fb if f in shared]
    return _lcs(xa, xb) / len(shared), len(shared)


def shared_facts(a: str, b: str) -> float:
    """Share of the facts (numbers, names) of the text with fewer facts that the other mentions too."""
    fa, fb = set(gist(a).facts), set(gist(b).facts)
    if not fa or not fb:
        return 0.0
    return len(fa & fb) / min(len(fa), len(fb))


def _lcs(xa: list[str], xb: list[str]) -> int:
    """Length of the longest common subsequence of two sequences of distinct items.

    Both hold the same distinct items, so the LCS is the longest increasing subsequence of the positions in
    ``xb`` of ``xa``'s items (patience sorting, O(n log n)).
    """
    where = {f: k for k, f in enumerate(xb)}
    return _longest_increasing([where[f] for f in xa])


@lru_cache(maxsize=settings.PROFILE_CACHE_SIZE)
def _sentence_terms(text: str) -> tuple[frozenset[str], ...]:
    """Content words (and numbers) of each sentence with enough of them to carry a fact.

    Credits (``"…, Northern Wire reported"``) are left out: two retellings of one outlet's reports both
    name it, and that is no sign of telling the same facts.
    """
    credits = [(c.start, c.end) for c in find_credits(text) if c.kind in COPY_CREDIT_KINDS]
    if credits:
        chars = list(text)
        for c0, c1 in credits:
            chars[c0:c1] = " " * (c1 - c0)
        text = "".join(chars)
    out = []
    for a, b in sentence_spans(text):
        words = {normalise_word(w) for w in _WORDS.findall(text[a:b])}
        terms = frozenset(w for w in words if w.isdigit() or (len(w) >= settings.TERM_MIN_CHARS and w not in STOP_WORDS))
        if len(terms) >= settings.RETOLD_MIN_SENTENCE_TERMS:
            out.append(terms)
    return tuple(out)


@lru_cache(maxsize=settings.PAIR_CACHE_SIZE)
def retold(a: str, b: str) -> float:
    """How far ``b`` retells ``a`` sentence by sentence, in order (symmetric), in [0, 1].

    Each sentence of one text is matched to the sentence of the other sharing most of its content words
    (at least ``RETOLD_MIN_SHARED`` of them, and ``RETOLD_MIN_OVERLAP`` of the smaller sentence); the
    longest run of matches in the same order on both sides, over the sentences of the shorter text, is the
    measure. A rewrite of one report scores high; two reporters covering one event share words but not a
    sentence-by-sentence order.
    """
    sa, sb = _sentence_terms(a), _sentence_terms(b)
    if not sa or not sb:
        return 0.0
    # Shared words are counted through the postings of a's sentences: only sentences sharing a word cost
    # anything, instead of one set intersection per pair of sentences.
    postings = _sentence_postings(a)
    matched: list[int] = []
    for y in sb:
        shared: dict[int, int] = {}
        for term in y:
            for i in postings.get(term, ()):
                shared[i] = shared.get(i, 0) + 1
        best, best_score = -1, 0.0
        for i in sorted(shared):  # in sentence order, so that ties go to the earliest sentence
            if shared[i] < settings.RETOLD_MIN_SHARED:
                continue
            score = shared[i] / min(len(sa[i]), len(y))
            if score > best_score:
                best, best_score = i, score
        if best >= 0 and best_score >= settings.RETOLD_MIN_OVERLAP:
            matched.append(best)
    return _longest_increasing(matched) / min(len(sa), len(sb))


@lru_cache(maxsize=settings.PROFILE_CACHE_SIZE)
def _sentence_postings(text: str) -> dict[str, tuple[int, ...]]:
    """Each content word of :func:`_sentence_terms` -> the sentences holding it."""
    postings: dict[str, list[int]] = {}
    for i, terms in enumerate(_sentence_terms(text)):
        for term in terms:
            postings.setdefault(term, []).append(i)
    return {term: tuple(at) for term, at in postings.items()}


def _longest_increasing(seq: list[int]) -> int:
    from bisect import bisect_left

    tails: list[int] = []
    for x in seq:
        k = bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)
