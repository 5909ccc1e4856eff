"""Passage alignment: which stretches of one article reappear in another, as character offsets on both sides.

The method is the seed-and-extend of BLAST, as passim applies it to text reuse:

1. **Seeds.** Every word n-gram (``settings.SEED_NGRAM`` normalised words) the two texts share is a seed
   ``(i, j)``: it starts at word ``i`` of the source and word ``j`` of the target.
2. **Runs.** Seeds on one diagonal (``j - i``) at consecutive positions are one run of identical words.
   A typo, a changed number or a swapped word ends a run; the text goes on, on (nearly) the same diagonal.
3. **Chains.** Runs are chained (a longest-path over runs, as in minimap2's chaining) when the words between
   them are few on both sides and about as many on each: that bridges typos and substitutions, and follows
   an inserted word or two. A cut sentence or an inserted line (a gap on one side only) ends the chain, so
   reordered paragraphs come out as separate passages with their own offsets.
4. **Extension.** Each chain is extended word by word past its ends over up to
   ``settings.EXTEND_MAX_MISSES`` mismatches (X-drop style), then to the punctuation both sides share, and
   turned into character offsets.

Only shared n-grams cost work: two unrelated articles cost one set intersection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storyline.model import Article, Passage
from storyline.reuse import settings
from storyline.reuse.text import TextProfile, profile


@dataclass(slots=True)
class _Run:
    """Identical words: source words ``[s0, s1)`` equal target words ``[t0, t1)`` (same length)."""

    s0: int
    s1: int
    t0: int
    t1: int

    @property
    def size(self) -> int:
        return self.s1 - self.s0


def align(source: Article, target: Article) -> list[Passage]:
    """The passages of ``source`` reused in ``target``, ordered by their place in the target.

    Offsets are character offsets into ``source.text`` and ``target.text``; ``Passage.score`` is the share
    of the passage's words that match exactly (1.0 for a verbatim copy, lower with typos and substitutions).
    Symmetric up to swapping the sides: ``align(b, a)`` finds the same passages as ``align(a, b)``.

    >>> from storyline.model import Article
    >>> text = "Officials said the dam failed after three days of heavy rain and ordered 2,000 people to leave."
    >>> [p.as_list() for p in align(Article("a", text, ""), Article("b", "LIMA (Wire) - " + text, ""))]
    [[0, 95, 14, 109]]
    """
    return align_texts(source.text, target.text)


def align_texts(source_text: str, target_text: str) -> list[Passage]:
    """:func:`align` on two plain texts."""
    return list(_aligned_texts(source_text, target_text))


@lru_cache(maxsize=settings.PAIR_CACHE_SIZE)
def _aligned_texts(source_text: str, target_text: str) -> tuple[Passage, ...]:
    # Cached: inside a story the same two articles are aligned again as context of other pairs (to find
    # copies of either side, or the third article one of them was assembled from).
    return tuple(_align(source_text, target_text))


def _align(source_text: str, target_text: str) -> list[Passage]:
    ps, pt = profile(source_text), profile(target_text)
    runs = _runs(ps, pt)
    if not runs:
        return []
    passages: list[Passage] = []
    taken_s: list[tuple[int, int]] = []
    taken_t: list[tuple[int, int]] = []
    short: list[list[_Run]] = []
    for chain in _chains(runs):
        # Words a better passage already claimed are cut out; what is left may fall apart in pieces.
        for piece in _split(_clip(chain, taken_s, taken_t)):
            matched = sum(r.size for r in piece)
            if matched < settings.MIN_PASSAGE_WORDS:
                if matched >= settings.MIN_PASSAGE_WORDS_IN_COPY:
                    short.append(piece)
                continue
            s0, s1, t0, t1 = piece[0].s0, piece[-1].s1, piece[0].t0, piece[-1].t1
            es1, et1, m_after = _extend_forward(ps, pt, s1, t1)
            es0, et0, m_before = _extend_backward(ps, pt, s0, t0)
            if not (_overlaps(es0, es1, taken_s) or _overlaps(et0, et1, taken_t)):
                s0, s1, t0, t1, matched = es0, es1, et0, et1, matched + m_after + m_before
            s0, s1, t0, t1 = _snap(ps, pt, s0, s1, t0, t1)
            taken_s.append((s0, s1))
            taken_t.append((t0, t1))
            passages.append(_to_chars(ps, pt, s0, s1, t0, t1, matched))
    # Once most of one text is found in the other, it is a copy, and its short reused sentences are
    # reuse too (a stock phrase shared by two separate articles is not).
    covered_s = sum(b - a for a, b in taken_s) / max(1, len(ps.words))
    covered_t = sum(b - a for a, b in taken_t) / max(1, len(pt.words))
    if max(covered_s, covered_t) >= settings.COPY_MIN_SHARE:
        for piece in short:
            for part in _split(_clip(piece, taken_s, taken_t)):
                matched = sum(r.size for r in part)
                if matched < settings.MIN_PASSAGE_WORDS_IN_COPY:
                    continue
                s0, s1, t0, t1 = _snap(ps, pt, part[0].s0, part[-1].s1, part[0].t0, part[-1].t1)
                taken_s.append((s0, s1))
                taken_t.append((t0, t1))
                passages.append(_to_chars(ps, pt, s0, s1, t0, t1, matched))
    passages.sort(key=lambda p: (p.target_start, p.source_start))
    return passages


def _runs(ps: TextProfile, pt: TextProfile) -> list[_Run]:
    """Maximal runs of identical words, found from the shared n-grams (n-grams repeated more than
    ``MAX_SEED_REPEAT`` times on either side are no seeds). Array work: long articles share thousands of
    n-grams, and a seed-by-seed loop was the aligner's main cost."""
    hs, ht = ps.gram_hashes, pt.gram_hashes
    if not len(hs) or not len(ht):
        return []
    limit = settings.MAX_SEED_REPEAT
    us, cs = np.unique(hs, return_counts=True)
    ut, ct = np.unique(ht, return_counts=True)
    common, ia, it = np.intersect1d(us, ut, assume_unique=True, return_indices=True)
    allowed = common[(cs[ia] <= limit) & (ct[it] <= limit)]
    if not len(allowed):
        return []
    si = np.flatnonzero(np.isin(hs, allowed))
    tj = np.flatnonzero(np.isin(ht, allowed))
    order = np.argsort(ht[tj], kind="stable")
    t_hashes, t_positions = ht[tj][order], tj[order]
    lo = np.searchsorted(t_hashes, hs[si], "left")
    counts = np.searchsorted(t_hashes, hs[si], "right") - lo
    # every (i, j) with equal n-grams: i repeated once per occurrence of its n-gram in the target
    i = np.repeat(si, counts)
    offsets = np.arange(len(i)) - np.repeat(np.cumsum(counts) - counts, counts)
    j = t_positions[np.repeat(lo, counts) + offsets]
    d = j - i
    seeds = np.lexsort((i, d))  # by diagonal, then position
    d, i = d[seeds], i[seeds]
    # a run ends where the diagonal changes or the next seed does not follow on
    breaks = np.flatnonzero((np.diff(d) != 0) | (np.diff(i) != 1)) + 1
    firsts = np.concatenate(([0], breaks))
    lasts = np.concatenate((breaks - 1, [len(i) - 1]))
    n = settings.SEED_NGRAM
    s0, s1, dd = i[firsts], i[lasts] + n, d[firsts]
    ordered = np.lexsort((s0 + dd, s0))
    return [_Run(int(s0[k]), int(s1[k]), int(s0[k] + dd[k]), int(s1[k] + dd[k])) for k in ordered]


def _chains(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped into chains, best chain first.

    ``best[b]`` is the number of words of the best chain ending in run ``b``; runs join when the gaps
    between them are small on both sides (``MAX_GAP``) and nearly equal (``MAX_INDEL``).
    """
    n = settings.SEED_NGRAM
    max_gap, max_indel = settings.MAX_GAP, settings.MAX_INDEL
    count = len(runs)
    best = [r.size for r in runs]
    pred = [-1] * count
    longest = max(r.size for r in runs)
    for b in range(count):
        rb = runs[b]
        for a in range(b - 1, -1, -1):
            ra = runs[a]
            if rb.s0 - ra.s0 > max_gap + longest:
                break
            gs, gt = rb.s0 - ra.s1, rb.t0 - ra.t1
            if gs > max_gap or gt > max_gap or gs <= -n or gt <= -n or abs(gs - gt) > max_indel:
                continue
            if rb.s1 <= ra.s1 or rb.t1 <= ra.t1 or rb.t0 <= ra.t0:
                continue
            gain = rb.size - max(0, -min(gs, gt))
            if best[a] + gain > best[b]:
                best[b] = best[a] + gain
                pred[b] = a
    chains: list[list[_Run]] = []
    used = [False] * count
    for b in sorted(range(count), key=lambda k: -best[k]):
        if used[b]:
            continue
        chain: list[_Run] = []
        x = b
        while x != -1 and not used[x]:
            used[x] = True
            chain.append(runs[x])
            x = pred[x]
        chain.reverse()
        chains.append(chain)
    return chains


def _clip(chain: list[_Run], taken_s: list[tuple[int, int]], taken_t: list[tuple[int, int]]) -> list[_Run]:
    """The parts of a chain's runs that no better passage already claimed, on either side, in order.

    A run is diagonal, so cutting ``k`` words off its target side cuts the same ``k`` off its source side.
    """
    kept: list[_Run] = []
    for run in chain:
        pieces = [run]
        for lo, hi in taken_s:
            pieces = [q for p in pieces for q in _cut(p, lo, hi, on_source=True)]
        for lo, hi in taken_t:
            pieces = [q for p in pieces for q in _cut(p, lo, hi, on_source=False)]
        kept.extend(pieces)
    kept.sort(key=lambda r: (r.s0, r.t0))
    return kept


def _split(runs: list[_Run]) -> list[list[_Run]]:
    """Runs in order, grouped where they still join by the chaining rule (see :func:`_chains`)."""
    groups: list[list[_Run]] = []
    for run in runs:
        if groups:
            last = groups[-1][-1]
            gs, gt = run.s0 - last.s1, run.t0 - last.t1
            n = settings.SEED_NGRAM
            if (-n < gs <= settings.MAX_GAP and -n < gt <= settings.MAX_GAP and abs(gs - gt) <= settings.MAX_INDEL
                    and run.t1 > last.t1):
                groups[-1].append(run)
                continue
        groups.append([run])
    return groups


def _snap(ps: TextProfile, pt: TextProfile, s0: int, s1: int, t0: int, t1: int) -> tuple[int, int, int, int]:
    """Drop a word or two hanging past a sentence end that both texts share at a passage's edge.

    ``...close to full. The`` matches ``...close to full. The`` even when the two sentences after the full
    stop differ (a moved paragraph): the stray ``The`` belongs to the passage that follows.
    """
    for k in range(1, settings.SNAP_WORDS + 1):
        if s1 - k <= s0 + k:
            break
        if _boundary(ps, s1 - k) and _boundary(pt, t1 - k):
            s1, t1 = s1 - k, t1 - k
            break
    for k in range(1, settings.SNAP_WORDS + 1):
        if s0 + k >= s1 - k:
            break
        if _boundary(ps, s0 + k) and _boundary(pt, t0 + k):
            s0, t0 = s0 + k, t0 + k
            break
    return s0, s1, t0, t1


def _boundary(prof: TextProfile, k: int) -> bool:
    """Whether a sentence ends right before word ``k``."""
    between = prof.text[prof.ends[k - 1] : prof.starts[k]]
    return "\n" in between or any(c in between for c in ".!?")


def _overlaps(a: int, b: int, taken: list[tuple[int, int]]) -> bool:
    return any(a < hi and lo < b for lo, hi in taken)


def _cut(run: _Run, lo: int, hi: int, on_source: bool) -> list[_Run]:
    a, b = (run.s0, run.s1) if on_source else (run.t0, run.t1)
    if hi <= a or lo >= b:
        return [run]
    out = []
    if lo > a:
        k = lo - a
        out.append(_Run(run.s0, run.s0 + k, run.t0, run.t0 + k))
    if hi < b:
        k = hi - a
        out.append(_Run(run.s0 + k, run.s1, run.t0 + k, run.t1))
    return out


def _extend_forward(ps: TextProfile, pt: TextProfile, s1: int, t1: int) -> tuple[int, int, int]:
    """Extend a passage ending before words ``s1``/``t1`` over a few mismatches; returns the new ends and
    the number of matching words gained."""
    sw, tw = ps.words, pt.words
    ns, nt = len(sw), len(tw)
    confirm = settings.EXTEND_CONFIRM
    best = (s1, t1, 0)
    i, j, gained, misses = s1, t1, 0, 0
    while i < ns and j < nt:
        if sw[i] == tw[j]:
            i, j, gained = i + 1, j + 1, gained + 1
            best = (i, j, gained)
            continue
        if misses >= settings.EXTEND_MAX_MISSES:
            break
        for di, dj in ((1, 1), (1, 0), (0, 1), (2, 2), (2, 1), (1, 2)):
            if all(
                i + di + k < ns and j + dj + k < nt and sw[i + di + k] == tw[j + dj + k] for k in range(confirm)
            ):
                i, j, misses = i + di, j + dj, misses + 1
                break
        else:
            break
    return best


def _extend_backward(ps: TextProfile, pt: TextProfile, s0: int, t0: int) -> tuple[int, int, int]:
    """Like :func:`_extend_forward`, towards the start: returns the new starts and the words gained."""
    sw, tw = ps.words, pt.words
    confirm = settings.EXTEND_CONFIRM
    best = (s0, t0, 0)
    i, j, gained, misses = s0 - 1, t0 - 1, 0, 0  # the word before the passage
    while i >= 0 and j >= 0:
        if sw[i] == tw[j]:
            gained += 1
            best = (i, j, gained)
            i, j = i - 1, j - 1
            continue
        if misses >= settings.EXTEND_MAX_MISSES:
            break
        for di, dj in ((1, 1), (1, 0), (0, 1), (2, 2), (2, 1), (1, 2)):
            if all(i - di - k >= 0 and j - dj - k >= 0 and sw[i - di - k] == tw[j - dj - k] for k in range(confirm)):
                i, j, misses = i - di, j - dj, misses + 1
                break
        else:
            break
    return best


def _to_chars(ps: TextProfile, pt: TextProfile, s0: int, s1: int, t0: int, t1: int, matched: int) -> Passage:
    """Word bounds to character offsets, widened to the punctuation both sides share at each end."""
    st, tt = ps.text, pt.text
    cs0, cs1, ct0, ct1 = ps.starts[s0], ps.ends[s1 - 1], pt.starts[t0], pt.ends[t1 - 1]
    while cs1 < len(st) and ct1 < len(tt) and st[cs1] == tt[ct1] and _is_mark(st[cs1]):
        cs1, ct1 = cs1 + 1, ct1 + 1
    while cs0 > 0 and ct0 > 0 and st[cs0 - 1] == tt[ct0 - 1] and _is_mark(st[cs0 - 1]):
        cs0, ct0 = cs0 - 1, ct0 - 1
    score = matched / max(s1 - s0, t1 - t0)
    return Passage(cs0, cs1, ct0, ct1, round(min(1.0, score), 3))


def _is_mark(c: str) -> bool:
    return not c.isspace() and not c.isalnum()
