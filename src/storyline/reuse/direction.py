"""Which of two articles sharing passages is the copy.

Publication times decide when both are known and differ. Otherwise the texts themselves are read for the
marks copying leaves, each a vote weighted in ``settings`` (positive: the second article is the copy):

- **credits and datelines**: the copy names the outlet it took the text from or opens with a wire
  dateline the other lacks (only on a side with no content of its own: an article quoting one passage
  keeps its own credits);
- **typos**: where the passages differ by a misspelling, the side with the misspelt word is the copy;
- **wrapping**: when both hold the same text, the one with site furniture around it is the re-publication;
- **trimming and cuts**: a copy drops the end of a story, or sentences from its middle;
- **compilation** (given other articles of the story as ``context``): an article whose own text beyond
  the shared passages comes from a third article, which does not carry those passages, was assembled
  from both, so it is the copy.

The votes add up to a score whose size gives the confidence (a logistic curve); no vote means 0.5.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from storyline.model import Article, Passage
from storyline.reuse import settings
from storyline.reuse.align import align_texts
from storyline.reuse.features import PairFeatures, pair_features
from storyline.reuse.text import TextProfile, profile


@dataclass(slots=True)
class Direction:
    """The verdict on a pair: who is the source, who the copy, how sure, and why."""

    source: str
    target: str
    confidence: float
    reasons: list[str] = field(default_factory=list)


def orient(a: Article, b: Article, passages: Sequence[Passage], context: Sequence[Article] = ()) -> tuple[str, str, float]:
    """``(source_id, target_id, confidence)`` for two articles whose ``passages`` have ``a`` on the
    source side and ``b`` on the target side. ``context``: other articles of the story, used only when
    dates and the two texts leave the direction open."""
    d = direction(a, b, passages, context)
    return d.source, d.target, d.confidence


def direction(a: Article, b: Article, passages: Sequence[Passage], context: Sequence[Article] = (),
              feats: PairFeatures | None = None, use_text: bool = True) -> Direction:
    """:func:`orient` with its reasons (``use_text=False``: publication times only)."""
    score, reasons = 0.0, []
    if use_text:
        feats = feats or pair_features(a.text, b.text, passages, a.site, b.site)
        score, reasons = text_votes(a, b, feats)
    by_date = _date_order(a.published, b.published)
    if by_date:
        later = b if by_date > 0 else a
        reasons.insert(0, f"published later: {later.id} ({later.published})")
        agrees = score * by_date > 0
        confidence = settings.DATE_CONFIDENCE
        if agrees:
            confidence = max(confidence, _confidence(score))
        return _verdict(a, b, by_date, confidence, reasons)
    if use_text and abs(score) < settings.CONTEXT_NEEDED_BELOW and context:
        vote, why = _compilation_vote(a, b, passages, context)
        score += vote
        reasons += why
    if score == 0:
        return Direction(a.id, b.id, 0.5, reasons + ["no sign of which came first: kept in the given order"])
    return _verdict(a, b, 1 if score > 0 else -1, _confidence(score), reasons)


def text_votes(a: Article, b: Article, feats: PairFeatures) -> tuple[float, list[str]]:
    """The votes read from the two texts alone: (score, reasons); positive means ``b`` is the copy."""
    score = 0.0
    reasons: list[str] = []
    for sign, me, other, art in ((1, feats.target, feats.source, b), (-1, feats.source, feats.target, a)):
        if me.added == 0 and (me.credits_added or me.dateline_added):
            score += sign * settings.VOTE_CREDIT
            what = ", ".join(sorted({c.name for c in me.credits_added})) or "a dateline"
            reasons.append(f"{art.id} credits another outlet ({what})")
        if me.added == 0 and other.trail_content > 0 and other.internal_content == 0:
            score += sign * settings.VOTE_TRIM
            reasons.append(f"{art.id} ends where the other goes on ({other.trail_content} words trimmed)")
        if me.added == 0 and other.internal_content > 0:
            score += sign * settings.VOTE_CUT
            reasons.append(f"{art.id} lacks {other.internal_content} words from the middle of the other")
    typos = max(-settings.VOTE_TYPO_CAP, min(settings.VOTE_TYPO_CAP, feats.target.misspelt - feats.source.misspelt))
    if typos:
        score += settings.VOTE_TYPO * typos
        who = b if typos > 0 else a
        reasons.append(f"{who.id} misspells words the other spells right ({abs(typos)}+)")
    s, t = feats.source, feats.target
    if s.added == 0 and t.added == 0 and min(s.chrome, t.chrome) == 0 and s.chrome != t.chrome:
        sign = 1 if t.chrome > s.chrome else -1
        score += sign * settings.VOTE_WRAPPING
        reasons.append(f"{(b if sign > 0 else a).id} wraps the same text in site furniture")
    return score, reasons


def _compilation_vote(a: Article, b: Article, passages: Sequence[Passage],
                      context: Sequence[Article]) -> tuple[float, list[str]]:
    """Votes for "assembled from a third article": see the module docstring."""
    score = 0.0
    reasons: list[str] = []
    for sign, me, other, side in ((1, b, a, "target"), (-1, a, b, "source")):
        spans = [(p.target_start, p.target_end) if side == "target" else (p.source_start, p.source_end) for p in passages]
        helper = _compiled_from(me, other, spans, context)
        if helper is not None:
            score += sign * settings.VOTE_COMPILATION
            reasons.append(f"{me.id} is assembled from {other.id} and {helper}")
    return score, reasons


def _compiled_from(me: Article, other: Article, shared: list[tuple[int, int]],
                   context: Sequence[Article]) -> str | None:
    """The id of a third article supplying ``me``'s text beyond the ``shared`` spans, if there is one."""
    prof = profile(me.text)
    n = len(prof.words)
    in_shared = _mask(prof, shared)
    extra = [k for k in range(n) if not in_shared[k]]
    shared_count = n - len(extra)
    if len(extra) < settings.REUSE_MIN_WORDS or not shared_count:
        return None
    first, last = in_shared.index(1), n - 1 - in_shared[::-1].index(1)
    if len(extra) <= settings.WRAPPER_MAX_WORDS and all(k < first or k > last for k in extra):
        return None  # a short start or end is wrapping (or a trim of the other), not text from elsewhere
    # Only articles sharing many of the extra part's n-grams can explain it: a set intersection rules out
    # the rest before any alignment.
    extra_set = set(extra)
    extra_grams = {h for h, at in prof.grams.items() if any(k in extra_set for k in at)}
    need = settings.COMPILATION_MIN_COVER * len(extra_grams)
    for c in context:
        if c.id in (me.id, other.id) or c.text == me.text:
            continue
        if len(extra_grams.intersection(profile(c.text).grams)) < need * settings.COMPILATION_PREFILTER:
            continue
        found = align_texts(c.text, me.text)
        if not found:
            continue
        by_c = _mask(prof, [(p.target_start, p.target_end) for p in found])
        extra_cov = sum(by_c[k] for k in extra) / len(extra)
        shared_cov = sum(1 for k in range(n) if by_c[k] and in_shared[k]) / shared_count
        if (extra_cov >= settings.COMPILATION_MIN_COVER and shared_cov <= settings.COMPILATION_MAX_OVERLAP
                and _could_be_source(c, me, found)):
            return c.id
    return None


def _could_be_source(c: Article, me: Article, passages: Sequence[Passage]) -> bool:
    """Whether ``c`` may have supplied text to ``me``: not published after it, and not itself a clear copy of
    ``me`` by the marks copying leaves (an excerpt or a trimmed copy of ``me`` covers ``me``'s text too)."""
    if _date_order(c.published, me.published) < 0:
        return False
    score, _ = text_votes(c, me, pair_features(c.text, me.text, passages, c.site, me.site))
    return score > -settings.CONTEXT_NEEDED_BELOW


def _mask(prof: TextProfile, spans: list[tuple[int, int]]) -> bytearray:
    """Which words of ``prof`` lie inside the character ``spans``."""
    mask = bytearray(len(prof.words))
    for c0, c1 in spans:
        a, b = bisect_left(prof.starts, c0), bisect_right(prof.ends, c1)
        mask[a:b] = b"\x01" * (b - a)
    return mask


def _verdict(a: Article, b: Article, sign: int, confidence: float, reasons: list[str]) -> Direction:
    src, tgt = (a, b) if sign > 0 else (b, a)
    return Direction(src.id, tgt.id, round(confidence, 3), reasons)


def _confidence(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-abs(score)))


def _date_order(pa: str | None, pb: str | None) -> int:
    """+1 if ``pa`` is before ``pb``, -1 if after, 0 if unknown or the same (day, when one is a date)."""
    da, db = _parse(pa), _parse(pb)
    if da is None or db is None:
        return 0
    (ta, a_has_time), (tb, b_has_time) = da, db
    if not (a_has_time and b_has_time):
        ta, tb = ta.replace(hour=0, minute=0, second=0, microsecond=0), tb.replace(hour=0, minute=0, second=0, microsecond=0)
    if ta == tb:
        return 0
    return 1 if ta < tb else -1


def _parse(value: str | None) -> tuple[datetime, bool] | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        from datetime import UTC

        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment, "T" in text or " " in text.strip()

