"""How a target derives from a source: one of :data:`storyline.model.RELATIONS`, with its evidence.

The decision is a short list of readable rules over :mod:`storyline.reuse.features`, in this order:

1. **No long shared passage** (the longest under ``REUSE_MIN_WORDS``): the texts were written apart.
   ``rewrite`` when one retells the other sentence by sentence in the same order
   (:func:`~storyline.reuse.similarity.retold`), or less far but both retell one report of an outside
   outlet they credit (:mod:`storyline.reuse.sources`); else ``independent`` (same event told separately).
2. **Little of either side reused** (both shares under ``PARTIAL_MAX_SHARE``), or little of the source
   inside a target with text of its own: ``partial``, a passage of the source inside an otherwise
   different article, unless the target is mostly the source's text reworded throughout (then edited).
3. A copy: ``edited`` when words were changed inside the passages, passages moved, sentences cut from the
   middle or content added; else ``syndicated`` when the copy adds a credit, a dateline or a new headline;
   else ``duplicate`` when nothing of the source is missing; else (only trimmed at the start or end, the
   way syndication cuts a story to fit) ``syndicated``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.model import Article, Passage, Relation
from storyline.reuse import settings
from storyline.reuse.features import PairFeatures, pair_features, reused_share
from storyline.reuse.similarity import retold, topic_similarity
from storyline.wording import counted, verb

if TYPE_CHECKING:  # sources.py builds on this module
    from storyline.reuse.sources import SharedReport


def classify(source: Article, target: Article, passages: Sequence[Passage]) -> Relation:
    """The relation of ``target`` to ``source`` given their passages (source offsets first).

    Always answers one of the relations: a pair with neither shared passages nor a shared topic comes out
    ``independent`` with a score near 0 (use :func:`storyline.reuse.relate` to have such pairs dropped).
    ``score`` says how strongly the evidence supports the relation, in [0, 1]: the reused share for copies,
    the retelling measure for rewrites, the topic similarity for independent reports.
    """
    feats = pair_features(source.text, target.text, passages, source.site, target.site)
    relation, score, evidence = judge(source, target, feats)
    return Relation(
        source=source.id,
        target=target.id,
        relation=relation,
        score=round(score, 3),
        passages=list(passages),
        reused_share=round(reused_share(target.text, [(p.target_start, p.target_end) for p in passages]), 3),
        evidence=evidence,
    )


def is_reuse(feats: PairFeatures) -> bool:
    """Whether the pair shares a passage long enough to be copying rather than a stock phrase or quote."""
    return feats.longest >= settings.REUSE_MIN_WORDS


def judge(source: Article, target: Article, feats: PairFeatures,
          same_report: SharedReport | None = None) -> tuple[str, float, list[str]]:
    """The rules of this module: (relation, score, evidence lines).

    ``same_report``: evidence that the two retell one report of an outside outlet they credit
    (:func:`storyline.reuse.sources.shared_report`), which makes a pair without long shared passages a
    rewrite even when it retells too little of the other for the text alone to say so.
    """
    s, t = feats.source, feats.target
    if not is_reuse(feats):
        told = retold(source.text, target.text)
        topic = topic_similarity(source.text, target.text)
        no_passage = f"no shared passage of {settings.REUSE_MIN_WORDS}+ words (longest {feats.longest})"
        if told >= settings.REWRITE_MIN_RETOLD:
            return "rewrite", told, [f"retells {told:.0%} of the shorter text's sentences in the same order", no_passage]
        if same_report:
            return "rewrite", same_report.retold, same_report.evidence + [no_passage]
        return "independent", topic, [f"topic similarity {topic:.2f}, retold in order {told:.0%}", no_passage]

    evidence = [
        # In words: the relation's reused_share, shown beside this, counts characters.
        f"{counted(feats.passages, 'passage')} {verb(feats.passages, 'cover', 'covers')} {t.share:.0%} of the "
        f"target's words and {s.share:.0%} of the source's"
        + (f" (longest {feats.longest} words)" if feats.passages > 1 else "")
    ]
    reworded = t.share >= settings.REWORDED_MIN_TARGET_SHARE and feats.edit_density >= settings.REWORDED_MIN_DENSITY
    if not reworded and (max(s.share, t.share) < settings.PARTIAL_MAX_SHARE or (
        s.share < settings.PARTIAL_MAX_SOURCE_SHARE and t.added >= settings.REUSE_MIN_WORDS
    )):
        evidence.append(f"an excerpt: the target adds {t.added} words of its own, "
                        f"{s.content_left} words of the source are not reused")
        return "partial", max(s.share, t.share), evidence

    edits = _edit_evidence(feats)
    credits = t.credits_added if t.added == 0 else []
    wrapping = []
    if credits:
        wrapping.append("adds a credit: " + "; ".join(sorted({repr(c.snippet(target.text)) for c in credits})))
    if t.dateline_added:
        wrapping.append("adds a dateline")
    if bool(target.title) and bool(source.title) and _norm(target.title) != _norm(source.title):
        wrapping.append("runs under a new headline")
    share = t.share
    if edits:
        return "edited", share, evidence + edits + wrapping
    if wrapping:
        return "syndicated", share, evidence + wrapping + _trim_evidence(feats)
    if s.content_left <= settings.DUPLICATE_MAX_MISSING_WORDS:
        if t.wrapping:
            evidence.append(f"only the wrapping differs ({t.wrapping} words around the copy)")
        return "duplicate", share, evidence
    # Cut only at the start or the end, nothing else changed: the way syndication trims a story to fit.
    return "syndicated", share, evidence + _trim_evidence(feats)


def _edit_evidence(feats: PairFeatures) -> list[str]:
    s, t = feats.source, feats.target
    out = []
    if feats.substituted >= settings.EDITED_MIN_SUBSTITUTED:
        detail = []
        if t.misspelt:
            detail.append(f"{t.misspelt} misspelt")
        if feats.changed_numbers:
            detail.append(f"{counted(feats.changed_numbers, 'number')} changed")
        out.append(f"{counted(feats.substituted, 'word')} replaced inside passages"
                   + (f" ({', '.join(detail)})" if detail else ""))
    if feats.moves:
        out.append(f"{counted(feats.moves, 'passage')} moved out of the source's order")
    if s.internal_content:
        out.append(f"{s.internal_content} words of source sentences cut from the middle")
    if t.added:
        out.append(f"{t.added} words of content added")
    return out


def _trim_evidence(feats: PairFeatures) -> list[str]:
    s = feats.source
    if s.trail_content or s.lead_content:
        return [f"trimmed: {s.lead_content + s.trail_content} words of the source's start or end left out"]
    return []


def _norm(title: str | None) -> str:
    return " ".join((title or "").casefold().split())
