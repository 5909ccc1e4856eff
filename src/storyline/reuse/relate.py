"""One call for a pair of articles: align, orient, classify."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article, Passage, Relation
from storyline.reuse import settings
from storyline.reuse.align import align
from storyline.reuse.classify import is_reuse, judge
from storyline.reuse.direction import direction
from storyline.reuse.features import pair_features, reused_share
from storyline.reuse.similarity import retold, topic_similarity
from storyline.reuse.sources import shared_report


def relate(a: Article, b: Article, context: Sequence[Article] = ()) -> Relation | None:
    """How two articles relate, source first, or ``None`` when they are unrelated.

    The order of ``a`` and ``b`` does not matter: the direction is inferred (:mod:`.direction`), and the
    returned :class:`~storyline.model.Relation` names the source and the target, with the passages
    (source offsets first), ``direction_confidence`` and the evidence for both the relation and the
    direction. Unrelated means: no long shared passage, not a rewrite, and not about the same event.
    ``context`` (other articles of the same story) helps the direction when nothing else tells it, and
    tells a rewrite through the copies it holds: two articles crediting the same outside outlet, one
    retelling the other (or a copy of it) in order, retell that outlet's report
    (:func:`~storyline.reuse.sources.shared_report`).

    >>> from storyline.model import Article
    >>> text = "The river burst its banks on Sunday, flooding two villages and cutting the main road. " * 3
    >>> a = Article("a", text, text, published="2024-05-01")
    >>> b = Article("b", "Home | News\\n" + text, "", published="2024-05-02")
    >>> r = relate(b, a)
    >>> (r.source, r.target, r.relation)
    ('a', 'b', 'duplicate')
    """
    passages = align(a, b)
    feats = pair_features(a.text, b.text, passages, a.site, b.site)
    same_report = None
    if not is_reuse(feats):
        told = retold(a.text, b.text)
        if told < settings.REWRITE_MIN_RETOLD:
            if topic_similarity(a.text, b.text) < settings.SAME_EVENT_MIN_TOPIC:
                return None
            if told >= settings.REWRITE_SHARED_SOURCE_MIN_RETOLD or context:
                same_report = shared_report(a, b, context, told)
        passages = []  # short shared phrases are not reuse: keep them out of the relation's spans
    # Without shared passages, nothing in the texts marks a copy: only publication times can orient the pair.
    d = direction(a, b, passages, context, feats, use_text=bool(passages))
    if d.source != a.id:
        a, b = b, a
        passages = [_swap(p) for p in passages]
        feats = feats.swapped()
    relation, score, evidence = judge(a, b, feats, same_report)
    return Relation(
        source=a.id,
        target=b.id,
        relation=relation,
        score=round(score, 3),
        passages=list(passages),
        direction_confidence=d.confidence,
        reused_share=round(reused_share(b.text, [(p.target_start, p.target_end) for p in passages]), 3),
        evidence=evidence + [f"direction: {r}" for r in d.reasons],
    )


def _swap(p: Passage) -> Passage:
    return Passage(p.target_start, p.target_end, p.source_start, p.source_end, p.score)
