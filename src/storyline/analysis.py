"""Per-story analysis: provenance, facts, brief and timeline of one story's articles.

    per story: reuse (passages, relations, copy graph, origin) -> facts (extract, reconcile) -> brief, timeline

A pure function over the story's :class:`Article` objects; the pipeline stores what it returns with the
story, so pages and ``storyline show`` read it instead of recomputing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import Any

from storyline.model import Article, Fact, Relation

# Stories up to this size align every pair of articles (rewrites share few n-grams, so an index would
# miss them); larger ones align only the pairs the n-gram index proposes. 12 articles = 66 pairs, about
# half a second with storyline.reuse.relate on this machine (bench/reuse.py gives the per-pair cost).
ALL_PAIRS_MAX_ARTICLES = 12

# In larger stories each article is aligned with this many partners sharing most text with it, and
# checked for a rewrite against this many closest in topic. On the 10,000-article pipeline bench
# (bench/pipeline.py) every candidate pair of its largest story (418 articles, 2,852 + 1,654 pairs) took
# 107 s to relate; a copy's source is almost always among the few articles sharing most text with it.
RELATION_PARTNERS = 6
RETELLING_PARTNERS = 2
# Each pair is related in the context of the articles sharing most text with either side, this many per
# side (direction cues from siblings); more made large stories cost quadratically more for little gain.
RELATION_CONTEXT_NEIGHBOURS = 4

# Brief length in words when none is asked for (the default; DUC's length too).
BRIEF_WORDS = 100


def story_relations(articles: Sequence[Article]) -> list[Relation]:
    """Pairwise derivations inside one story (source -> target), from aligned passages."""
    from storyline.reuse import relate, retelling_pairs
    from storyline.reuse.candidates import NgramIndex

    by_id = {a.id: a for a in articles}
    if len(articles) <= ALL_PAIRS_MAX_ARTICLES:
        pairs: Iterable[tuple[str, str]] = combinations([a.id for a in articles], 2)
        contexts = None
    else:
        # Copies share word n-grams: each article is aligned with the few articles sharing most text
        # with it (its likely sources and copies), not with every article that shares a phrase, so the
        # cost grows with the story's size, not its square. Rewrites share few n-grams and come from
        # their own proposer.
        index = NgramIndex()
        index.add(articles)
        near = {a.id: index.neighbours(a.id, RELATION_PARTNERS) for a in articles}
        proposed = [(a, b) for a, partners in near.items() for b in partners]
        proposed += retelling_pairs(articles, per_article=RETELLING_PARTNERS)
        pairs = list(dict.fromkeys(tuple(sorted(p)) for p in proposed))
        # The context that tells a direction is the articles sharing most text with either side; the
        # whole story would make each pair cost as much as the story is long.
        contexts = {a: partners[:RELATION_CONTEXT_NEIGHBOURS] for a, partners in near.items()}
    relations = []
    for a, b in pairs:
        context = articles if contexts is None else [
            by_id[i] for i in dict.fromkeys([*contexts[a], *contexts[b]]) if i not in (a, b)]
        relation = relate(by_id[a], by_id[b], context=context)
        if relation is not None:
            relations.append(relation)
    return relations


def fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "subject": fact.subject,
        "value": fact.value,
        "unit": fact.unit,
        "status": fact.status,
        "odd_ones_out": fact.odd_ones_out,
        "note": fact.note,
        "mentions": [
            {"article": m.article, "span": [m.start, m.end], "text": m.text, "qualifier": m.qualifier}
            for m in fact.mentions
        ],
    }


def disputed_spans(facts: Sequence[Fact]) -> dict[str, list[tuple[int, int]]]:
    """Where the story's conflicting facts are stated by the sources that disagree with the rest
    (every mention of the fact when no single odd source is known)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for fact in facts:
        if fact.status != "conflict":
            continue
        odd = set(fact.odd_ones_out)
        for m in fact.mentions:
            if not odd or m.article in odd:
                spans.setdefault(m.article, []).append((m.start, m.end))
    return spans


def analyse_story(articles: Sequence[Article], words: int = BRIEF_WORDS) -> dict[str, Any]:
    """Everything ``storyline show`` adds to a story's articles: origin, relations (with passages),
    facts, brief and timeline, in the JSON contract's shapes."""
    from storyline import facts as facts_stage
    from storyline import reuse

    try:
        return _analysed(articles, words)
    finally:
        # the stages' per-text caches serve one story; a worker analysing thousands would only grow
        reuse.forget_texts()
        facts_stage.forget_texts()


def _analysed(articles: Sequence[Article], words: int) -> dict[str, Any]:
    from storyline.brief import brief
    from storyline.brief.timeline import timeline
    from storyline.facts import extract, reconcile
    from storyline.reuse import copy_graph

    relations = story_relations(articles)
    graph = copy_graph(articles, relations)
    facts = reconcile(articles, extract(articles), relations)
    disputed = disputed_spans(facts)
    sentences = brief(articles, words=words, disputed_spans=disputed)
    entries = timeline(articles)
    provenance = graph.to_dict()
    for rel_json, rel in zip(provenance["relations"], graph.relations, strict=True):
        rel_json["reused_share"] = round(rel.reused_share, 4)
        rel_json["direction_confidence"] = round(rel.direction_confidence, 4)
        rel_json["evidence"] = list(rel.evidence)
    return {
        "origin": provenance["origin"],
        "relations": provenance["relations"],
        "copy_tree": graph.tree(),
        "facts": [fact_json(f) for f in facts],
        "brief": [
            {"text": s.text, "citations": s.citations, "disputed": s.disputed, "article": s.article,
             "span": [s.start, s.end]}
            for s in sentences
        ],
        "timeline": [
            {"date": e.date, "text": e.text, "citations": e.citations, "article": e.article,
             "span": [e.start, e.end]}
            for e in entries
        ],
    }
