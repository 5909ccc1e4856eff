"""Reconciliation: which facts the articles of one story agree on, which they dispute, and who is the
odd one out.

The method, per story:

1. **Copied numbers.** Numbers that stand in the same place of an aligned passage (the reuse stage's
   ``Relation.passages``, else sentences this stage aligns itself, see :mod:`storyline.facts.align`) are
   the same statement. If they differ, that is a conflict on the strongest evidence there is: the copy
   changed the number. The copy (the relation's target) is the odd one out.
2. **Same fact, compatible values.** Quantity mentions are grouped into *value clusters*: mentions whose
   allowed intervals all overlap ("nearly 200" 170..200 with "200"; "about 2,000", "over 2,000" and
   "thousands"), that count the same thing (same unit, and the same event or noun, or similar context).
   Exact values cluster first; approximate, open and vague ones then join the compatible cluster with the
   most sources. Dates cluster the same way on their day intervals, by the event they date ("the July 28
   election", "the 2023 elections").
3. **Same subject, other value.** Clusters that count the same thing (same unit, same event, compatible
   nouns) but whose values cannot both be true are compared with the subject's majority cluster:

   - if one article states both values, they are two different facts (the seeds' "103 released" and
     "225 released under precautionary measures" come from the same articles);
   - if the other value comes with update language ("an additional 177", "bringing the total to 910"),
     it is ``updated`` (with an arithmetic check of the running total in the note);
   - the same event word counts different things all the time, so a disagreement is only believed when
     the sentences name the same people or places (or one names none), the values are within
     ``settings.CONFLICT_MAX_RATIO`` of each other, neither is hedged ("could face five years"), small
     counts count the same noun, and the two articles are not copies of each other (a partial copy's
     host article speaks of other things). Dates accuse only when written out next to their event, not
     resolved from a weekday, not a year apart by inference alone, and within a year or so of each other;
   - a value reported only by articles published later than every article of the majority is
     ``updated``; otherwise it is a ``conflict``, with the minority's articles as the odd ones out.

Each cluster not in a conflict is a fact: ``agreed`` with two or more sources (copies count once), else
``unique``. Entities and quotes are facts too (``agreed`` when several sources name or quote them).
Conflicts come first.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.facts import settings
from storyline.facts.align import NumberPair, number_pairs_in_passages, number_pairs_in_sentences
from storyline.facts.dates import parse_iso_day
from storyline.facts.extract import ArticleFacts
from storyline.facts.lexicon import GENERIC_HEADS
from storyline.facts.quantities import Quantity, _parse_digits, _parse_words
from storyline.facts.text import content_stems
from storyline.model import Article, Fact, Mention, Relation
from storyline.reuse.settings import ROOT_MIN_CONFIDENCE
from storyline.wording import counted

_STATUS_ORDER = {"conflict": 0, "updated": 1, "agreed": 2, "unique": 3}
_KIND_ORDER = {"quantity": 0, "date": 1, "entity": 2, "quote": 3}


@dataclass(eq=False)
class _Node:
    """One quantity or date mention, as reconciliation sees it."""

    article: str
    kind: str  # quantity, date
    m: Any  # Quantity | DateMention
    low: float
    high: float
    point: float | None  # the exact value, when the writer claims one
    explicit: bool = True  # for dates: the year is written, not inferred
    scene: frozenset[str] = frozenset()  # the names in its sentence: who and where it is about


@dataclass(eq=False)
class _Cluster:
    nodes: list[_Node] = field(default_factory=list)
    low: float = -math.inf
    high: float = math.inf

    @property
    def articles(self) -> set[str]:
        return {n.article for n in self.nodes}

    def fits(self, node: _Node) -> bool:
        return node.low <= self.high and self.low <= node.high

    def add(self, node: _Node) -> None:
        self.nodes.append(node)
        self.low, self.high = max(self.low, node.low), min(self.high, node.high)


@dataclass
class _Context:
    """What reconciliation knows about the story's articles beyond their mentions."""

    published: dict[str, date | None]
    family: dict[str, str]  # article -> the article it was copied from (itself when original)
    # pairs of articles that share aligned passages: their shared numbers are compared by alignment, and
    # a number one of them states elsewhere is not taken as contradicting the other (a partial copy's
    # host article speaks of other things)
    related: set[frozenset[str]] = field(default_factory=set)
    in_aligned_conflict: set[int] = field(default_factory=set)

    def independent(self, a: str, b: str) -> bool:
        return frozenset((a, b)) not in self.related


def reconcile(
    articles: Sequence[Article],
    extracted: Sequence[ArticleFacts],
    relations: Sequence[Relation] | None = None,
) -> list[Fact]:
    """The facts of one story, conflicts first, each with its status and every mention.

    ``extracted`` is :func:`storyline.facts.extract` over the same articles. ``relations`` (provenance,
    with aligned passages) are used when given: a number that differs inside an aligned passage of a copy
    is a conflict with the copy as the odd one out, and copies do not count as independent sources; the
    pairs of articles no relation covers have their sentences aligned here.

    >>> from storyline.facts import extract
    >>> a = Article("a", "The rig exploded on 20 April, killing 11 workers, officials said.", "")
    >>> b = Article("b", "The rig exploded on 20 April, killing 12 workers, officials said.", "")
    >>> [(f.status, [m.text for m in f.mentions]) for f in reconcile([a, b], extract([a, b], use_ner=False))
    ...  if f.status == "conflict"]
    [('conflict', ['11', '12'])]
    """
    by_id = {a.id: a for a in articles}
    facts_of = {f.article: f for f in extracted if f.article in by_id}
    published = {a.id: parse_iso_day(a.published) for a in articles}
    family = _families(by_id, relations or [])
    nodes = _nodes(facts_of)
    facts: list[Fact] = []
    ctx = _Context(published, family)
    facts += _aligned_conflicts(by_id, facts_of, nodes, relations, ctx)
    quantity_nodes = [n for n in nodes if n.kind == "quantity"]
    facts += _reconcile_clusters(_quantity_clusters(quantity_nodes), "quantity", ctx)
    date_nodes = [n for n in nodes if n.kind == "date" and n.m.low is not None]
    facts += _reconcile_clusters(_date_clusters(date_nodes), "date", ctx)
    facts += _entity_facts(facts_of)
    facts += _quote_facts(facts_of)
    facts.sort(key=lambda f: (_STATUS_ORDER[f.status], -len({m.article for m in f.mentions}),
                              _KIND_ORDER.get(f.kind, 9)))
    return facts


# --- mentions as nodes -----------------------------------------------------------------------------------


def _nodes(facts_of: dict[str, ArticleFacts]) -> list[_Node]:
    nodes: list[_Node] = []
    for article, f in facts_of.items():
        scenes: dict[tuple[int, int], set[str]] = defaultdict(set)
        for e in f.entities:
            scenes[e.sentence].add(e.key)
        for q in f.quantities:
            exact = q.qualifier in (None, "exactly") and not q.vague and q.low == q.high
            nodes.append(_Node(article, "quantity", q, q.low, q.high, float(q.value) if exact else None,
                               scene=frozenset(scenes.get(q.sentence, ()))))
        for d in f.dates:
            scene = frozenset(scenes.get(d.sentence, ()))
            if d.low is None:
                nodes.append(_Node(article, "date", d, math.nan, math.nan, None, scene=scene))
                continue
            lo, hi = d.low.toordinal(), d.high.toordinal()
            nodes.append(_Node(article, "date", d, lo, hi, float(lo) if lo == hi else None,
                               explicit=d.explicit_year, scene=scene))
    return nodes


def _families(by_id: dict[str, Article], relations: Sequence[Relation]) -> dict[str, str]:
    """Article -> the article it was copied from, transitively: copies are not independent sources."""
    parent = {a: a for a in by_id}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in relations:
        if r.relation != "independent" and r.source in parent and r.target in parent:
            parent[find(r.target)] = find(r.source)
    return {a: find(a) for a in by_id}


# --- 1. copied numbers -----------------------------------------------------------------------------------


def _aligned_conflicts(
    by_id: dict[str, Article],
    facts_of: dict[str, ArticleFacts],
    nodes: list[_Node],
    relations: Sequence[Relation] | None,
    ctx: _Context,
) -> list[Fact]:
    pairs: list[NumberPair] = []
    copies: set[tuple[str, str]] = set()  # (source, target) of a copy whose direction is known
    published = ctx.published
    for r in relations or ():
        if r.source in facts_of and r.target in facts_of and r.passages and r.relation != "independent":
            if r.direction_confidence > ROOT_MIN_CONFIDENCE:  # else a coin flip: it names no odd one out
                copies.add((r.source, r.target))
            ctx.related.add(frozenset((r.source, r.target)))
            pairs += number_pairs_in_passages(r.source, by_id[r.source].text, r.target,
                                              by_id[r.target].text, r.passages)
    # pairs of articles provenance says nothing about: align their sentences here
    covered = set(ctx.related)
    if len(facts_of) > 1 and len(covered) < len(facts_of) * (len(facts_of) - 1) // 2:
        texts = {a: by_id[a].text for a in facts_of}
        sentences = {a: f.sentences for a, f in facts_of.items()}
        with_numbers = {a: {q.sentence for q in f.quantities} | {d.sentence for d in f.dates}
                        for a, f in facts_of.items()}
        found = [p for p in number_pairs_in_sentences(texts, sentences, with_numbers)
                 if frozenset((p.a, p.b)) not in covered]
        pairs += found
        ctx.related.update(frozenset((p.a, p.b)) for p in found)
    index: dict[str, list[tuple[int, int, _Node]]] = defaultdict(list)
    for n in nodes:
        # a quantity's numbers run from its first digit to its end ("60-70%": both 60 and 70)
        span = (n.m.number_span[0], n.m.end) if n.kind == "quantity" else (n.m.start, n.m.end)
        index[n.article].append((span[0], span[1], n))
    # one edge per pair of mentions; a mention with several numbers ("June 17-21") differs if any does
    edge_of: dict[tuple[int, int], tuple[_Node, _Node, bool]] = {}
    covering: dict[tuple[str, tuple[int, int]], _Node | None] = {}

    def covering_of(article: str, span: tuple[int, int]) -> _Node | None:
        key = (article, span)
        if key not in covering:
            covering[key] = _covering(index[article], span)
        return covering[key]

    for p in pairs:
        na, nb = covering_of(p.a, p.a_span), covering_of(p.b, p.b_span)
        if na is None or nb is None:
            continue
        if na.kind == "quantity" and na.m.vague or nb.kind == "quantity" and nb.m.vague:
            continue  # "hundreds" for "200" is a rewording, not a changed number
        if na.kind == nb.kind == "quantity" and na.m.unit != nb.m.unit:
            continue  # "100 kilometers (60 miles)" against "60 miles (100 kilometers)": a conversion
        same = _same_number(p.a_text, p.b_text)
        previous = edge_of.get((id(na), id(nb)))
        edge_of[(id(na), id(nb))] = (na, nb, same and (previous is None or previous[2]))
    edges = list(edge_of.values())
    # components of mentions joined by alignment; a component with two values is a conflict
    parent: dict[int, int] = {}
    node_of: dict[int, _Node] = {}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    differs: dict[int, list[tuple[_Node, _Node]]] = defaultdict(list)
    for na, nb, same in edges:
        for n in (na, nb):
            parent.setdefault(id(n), id(n))
            node_of[id(n)] = n
        parent[find(id(na))] = find(id(nb))
        if not same:
            differs[id(na)].append((na, nb))
    if not differs:
        return []
    components: dict[int, list[_Node]] = defaultdict(list)
    for key, n in node_of.items():
        components[find(key)].append(n)
    conflicted_roots = {find(k) for k in differs}
    facts: list[Fact] = []
    for root in conflicted_roots:
        members = components[root]
        values: dict[str, list[_Node]] = defaultdict(list)
        for n in members:
            values[_value_key(n)].append(n)
        if len(values) < 2:
            continue
        odd = _odd_in_copies(members, values, copies, published, ctx.family)
        majority = max(values.values(), key=lambda ns: (len({n.article for n in ns} - odd), -len(ns)))
        ref = majority[0]
        for n in members:
            ctx.in_aligned_conflict.add(id(n))
        mentions = sorted((_mention(n) for n in members), key=lambda m: (m.article, m.start))
        others = sorted({f"{n.m.text!r} in {n.article}" for n in members if _value_key(n) != _value_key(ref)})
        facts.append(Fact(
            kind=ref.kind, subject=_subject(members), value=_value(ref), unit=_unit(ref), status="conflict",
            mentions=mentions, odd_ones_out=sorted(odd),
            note=f"copied passage changes the number: {ref.m.text!r} in {ref.article} vs " + ", ".join(others),
        ))
    return _merge_same_conflicts(facts)


def _merge_same_conflicts(facts: list[Fact]) -> list[Fact]:
    """One conflict per subject, value and odd ones out: a headline restated in the body ("releases 103",
    "103 released") aligns apart from it, and would otherwise show the same conflict twice."""
    merged: dict[tuple[Any, ...], Fact] = {}
    for fact in facts:
        # The note names the values set against each other: two different changes stay two rows.
        key = (fact.kind, fact.subject, str(fact.value), fact.unit, tuple(fact.odd_ones_out), fact.note)
        if key in merged:
            kept = merged[key]
            seen = {(m.article, m.start, m.end) for m in kept.mentions}
            kept.mentions = sorted(kept.mentions + [m for m in fact.mentions if (m.article, m.start, m.end) not in seen],
                                   key=lambda m: (m.article, m.start))
        else:
            merged[key] = fact
    return list(merged.values())


def _covering(spans: list[tuple[int, int, _Node]], span: tuple[int, int]) -> _Node | None:
    """The mention that covers most of a number token ("8:114" holds "8" and "114": the latter)."""
    best, best_overlap = None, 0
    for s, e, n in spans:
        overlap = min(e, span[1]) - max(s, span[0])
        if overlap > best_overlap:
            best, best_overlap = n, overlap
    return best


def _same_number(a: str, b: str) -> bool:
    """Two written numbers say the same: "2,000" = "2000", "three" = "3"; "2:59" != "2:65"."""
    if a == b:
        return True
    va = _parse_digits(a) if a[0].isdigit() else _parse_words(a)
    vb = _parse_digits(b) if b[0].isdigit() else _parse_words(b)
    if va is None or vb is None:
        # clock times: "4:00" says what "4" says; "2:59" and "2:65" differ
        da, db = a.removesuffix(":00"), b.removesuffix(":00")
        return "".join(c for c in da if c.isdigit()) == "".join(c for c in db if c.isdigit()) != ""
    return va == vb


def _value_key(n: _Node) -> str:
    """What two aligned mentions compare: the number as stated (not the qualifier around it)."""
    if n.kind == "quantity":
        return f"{n.m.value}|{n.m.range_end}|{n.m.number_text if n.m.vague else ''}|{n.m.unit}"
    return f"{n.m.value}|{''.join(c for c in n.m.text if c.isdigit())}"


def _odd_in_copies(
    members: list[_Node], values: dict[str, list[_Node]], copies: set[tuple[str, str]],
    published: dict[str, date | None], family: dict[str, str] | None = None,
) -> set[str]:
    """The articles whose value departs from their source's: a copy whose every known source (provenance
    sure of the direction) states another value -- one that agrees with any of its sources copied that one
    faithfully; else the articles of the rarer value (counted in articles where copies of one report
    disagree, in independent sources, ``family``, where only independent sources do), else the
    later-published side."""
    values_of: dict[str, set[str]] = defaultdict(set)
    for n in members:
        values_of[n.article].add(_value_key(n))
    sources: dict[str, list[str]] = defaultdict(list)
    for s, t in copies:
        if s in values_of and t in values_of:
            sources[t].append(s)
    odd = {t for t, ss in sources.items() if all(not values_of[s] & values_of[t] for s in ss)}
    if odd:
        return odd
    # Copies of one report disagreeing among themselves: the copies stating the rarer value changed it.
    # Independent sources disagreeing: only more independent sources on one side outvote the other.
    family = family or {}
    families = {key: {family.get(n.article, n.article) for n in ns} for key, ns in values.items()}
    within = max(Counter(f for fs in families.values() for f in fs).values()) > 1
    sizes = sorted(((len({n.article for n in ns}) if within else len(families[key]), key)
                    for key, ns in values.items()), reverse=True)
    if sizes[0][0] > sizes[1][0]:
        top = sizes[0][1]
        return {n.article for key, ns in values.items() if key != top for n in ns}
    dated = [(published.get(n.article), n.article) for n in members]
    if all(d for d, _ in dated):
        latest = max(d for d, _ in dated)
        late = {a for d, a in dated if d == latest}
        if len(late) < len(dated):
            return late
    return {n.article for n in members}


# --- 2. value clusters -----------------------------------------------------------------------------------


def _same_subject(a: Quantity, b: Quantity) -> bool:
    """Strict: two counts of the same thing (same event, compatible nouns)."""
    if a.unit != b.unit or a.event is None or a.event != b.event:
        return False
    return a.head == b.head or a.head is None and b.head is None or _generic(a) and _generic(b)


def _generic(q: Quantity) -> bool:
    return q.head is None or q.head in GENERIC_HEADS


def _similar_subject(a: Quantity, b: Quantity) -> bool:
    """Loose: what two mentions of one value need to be the same fact."""
    if a.unit != b.unit:
        return False
    if a.event and a.event == b.event:
        return True
    if a.head and a.head == b.head:
        return True
    if not a.context or not b.context:
        return False
    return len(a.context & b.context) / len(a.context | b.context) >= settings.SAME_VALUE_MIN_JACCARD


def _quantity_clusters(nodes: list[_Node]) -> list[_Cluster]:
    """Exact values first (same value, similar subject), then the rest join the compatible cluster of the
    same subject with the most sources, else start their own."""
    clusters: list[_Cluster] = []
    by_value: dict[tuple[float, str | None], list[_Node]] = defaultdict(list)
    for n in nodes:
        if n.point is not None:
            by_value[(n.point, n.m.unit)].append(n)
    for same_value in by_value.values():
        # mentions of one value: linked when any two are similar (single linkage). Similarity depends only
        # on a mention's event, head and context, which copies of one sentence share: the pairs are
        # checked between distinct (event, head, context) signatures, not between every two mentions
        # (a figure repeated by 300 reprints would cost 45,000 checks).
        signatures: dict[tuple, list[int]] = {}
        for x, n in enumerate(same_value):
            signatures.setdefault((n.m.event, n.m.head, n.m.context), []).append(x)
        kinds = list(signatures)
        parent = list(range(len(same_value)))

        def find(x: int, parent: list[int] = parent) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for members in signatures.values():
            first = same_value[members[0]].m
            if len(members) > 1 and _similar_subject(first, first):
                for x in members[1:]:
                    parent[find(x)] = find(members[0])
        for k in range(len(kinds)):
            x = signatures[kinds[k]][0]
            for h in range(k):
                y = signatures[kinds[h]][0]
                if find(x) != find(y) and _similar_subject(same_value[x].m, same_value[y].m):
                    parent[find(x)] = find(y)
        groups: dict[int, _Cluster] = {}
        for x, n in enumerate(same_value):
            c = groups.get(find(x))
            if c is None:
                c = groups[find(x)] = _Cluster()
                clusters.append(c)
            c.add(n)
    by_subject: dict[tuple[str | None, str | None], list[_Cluster]] = defaultdict(list)
    for c in clusters:
        for key in {(o.m.unit, o.m.event) for o in c.nodes}:
            by_subject[key].append(c)
    rest = sorted((n for n in nodes if n.point is None), key=lambda n: n.high - n.low)
    for n in rest:
        fitting = [c for c in by_subject[(n.m.unit, n.m.event)] if c.fits(n)
                   and any(_same_subject(n.m, o.m) for o in c.nodes)]
        if fitting:
            best = max(fitting, key=lambda c: (len(c.articles), len(c.nodes)))
            best.add(n)
            continue
        c = _Cluster()
        c.add(n)
        clusters.append(c)
        by_subject[(n.m.unit, n.m.event)].append(c)
    return clusters


def _date_clusters(nodes: list[_Node]) -> list[_Cluster]:
    """Dates by the event they date, precise dates first; dates of no named event cluster by value."""
    clusters: list[_Cluster] = []
    by_event: dict[str | None, list[_Cluster]] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: n.high - n.low):
        event = n.m.event
        fitting = [c for c in by_event[event] if c.fits(n) and (event is not None or c.low == n.low and c.high == n.high)]
        if fitting:
            max(fitting, key=lambda c: (len(c.articles), len(c.nodes))).add(n)
            continue
        c = _Cluster()
        c.add(n)
        clusters.append(c)
        by_event[event].append(c)
    # a date of no named event joins the one event dated exactly so ("on Thursday" / "the release on Thursday")
    exact: dict[tuple[float, float], list[_Cluster]] = defaultdict(list)
    for c in clusters:
        events = {n.m.event for n in c.nodes}
        if events != {None}:
            exact[(c.low, c.high)].append(c)
    kept: list[_Cluster] = []
    for c in clusters:
        targets = exact.get((c.low, c.high), []) if {n.m.event for n in c.nodes} == {None} else []
        if len(targets) == 1:
            for n in c.nodes:
                targets[0].add(n)
        else:
            kept.append(c)
    return kept


# --- 3. statuses -----------------------------------------------------------------------------------------


def _reconcile_clusters(clusters: list[_Cluster], kind: str, ctx: _Context) -> list[Fact]:
    published, family = ctx.published, ctx.family
    groups = _subject_groups(clusters, kind)
    facts: list[Fact] = []
    for group in groups:
        group.sort(key=lambda c: (-len({family.get(a, a) for a in c.articles}), -len(c.nodes)))
        majority = group[0]
        odd_articles: set[str] = set()
        statuses: dict[int, str] = {}
        for c in group[1:]:
            status = _status_against(c, majority, kind, ctx)
            if status == "conflict":
                odd = c.articles
                others = majority.articles - c.articles
                sources_c = {family.get(a, a) for a in c.articles}
                sources_m = {family.get(a, a) for a in others}
                # Independent sources decide, then articles: a copy that changed a figure of the report it
                # copies (the same source as the others) is the odd one out, not a tie with its source.
                tie = (len(sources_c), len(c.articles)) >= (len(sources_m), len(others))
                note = (f"{_describe(c)} in {', '.join(sorted(c.articles))} vs {_describe(majority)} in "
                        f"{counted(len(others), 'article')} from {counted(len(sources_m), 'independent source')}"
                        + ("; no majority" if tie else ""))
                if tie:
                    odd = c.articles | others
                odd_articles |= c.articles
                mentions = [_mention(n) for n in c.nodes + majority.nodes]
                ref = _most_precise(majority.nodes)
                facts.append(Fact(kind=kind, subject=_subject(majority.nodes + c.nodes), value=_value(ref),
                                  unit=_unit(ref), status="conflict",
                                  mentions=sorted(mentions, key=lambda m: (m.article, m.start)),
                                  odd_ones_out=sorted(odd), note=note))
                statuses[id(c)] = "conflict"
            else:
                statuses[id(c)] = status
        for c in group:
            if statuses.get(id(c)) == "conflict":
                continue
            nodes = [n for n in c.nodes if c is not majority or n.article not in odd_articles]
            if not nodes:
                continue
            sources = {family.get(n.article, n.article) for n in nodes}
            # Agreement is counted over articles: outlets that reprint a report do stand behind its
            # figures, and a reader asks "does anyone say otherwise?". How many of them are independent
            # is told in the note, so a fact carried only by copies of one report is visibly so.
            stated_by = len({n.article for n in nodes})
            status = statuses.get(id(c)) or ("agreed" if stated_by >= 2 else "unique")
            if status == "separate":
                status = "agreed" if stated_by >= 2 else "unique"
            note = None
            if len({n.article for n in nodes}) > len(sources):
                note = (f"{counted(len({n.article for n in nodes}), 'article')}, "
                        f"{counted(len(sources), 'independent source')}")
            if status == "updated":
                note = _update_note(c, group, published) or note
            ref = _most_precise(nodes)
            facts.append(Fact(kind=kind, subject=_subject(nodes), value=_value(ref), unit=_unit(ref),
                              status=status, mentions=sorted((_mention(n) for n in nodes),
                                                            key=lambda m: (m.article, m.start)), note=note))
    return facts


def _subject_groups(clusters: list[_Cluster], kind: str) -> list[list[_Cluster]]:
    """Clusters that speak of the same subject (strictly), as groups; a cluster can be in one group only."""
    parent = list(range(len(clusters)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    buckets: dict[Any, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        keys = {(_event_of(n), n.m.unit if kind == "quantity" else None) for n in c.nodes}
        for key in keys:
            if key[0] is not None:
                buckets[key].append(i)
    for members in buckets.values():
        for x in members[1:]:
            a, b = clusters[members[0]], clusters[x]
            if kind == "date" or any(_same_subject(n.m, o.m) for n in a.nodes for o in b.nodes):
                parent[find(x)] = find(members[0])
            else:
                # compare with every earlier member: nouns may differ from the first cluster's
                for y in members[1:]:
                    if y == x:
                        break
                    if any(_same_subject(n.m, o.m) for n in clusters[y].nodes for o in b.nodes):
                        parent[find(x)] = find(y)
                        break
    groups: dict[int, list[_Cluster]] = defaultdict(list)
    for i, c in enumerate(clusters):
        groups[find(i)].append(c)
    return list(groups.values())


def _event_of(n: _Node) -> str | None:
    return n.m.event


def _status_against(c: _Cluster, majority: _Cluster, kind: str, ctx: _Context) -> str:
    """How a minority cluster stands to its subject's majority: separate (a different fact), updated,
    or conflict."""
    if _compatible(c, majority):
        return "separate"
    # one article stating both values makes them two facts
    for n in c.nodes:
        for o in majority.nodes:
            if n.article == o.article and (kind == "quantity" or n.explicit == o.explicit):
                return "updated" if _has_update(c) else "separate"
    if kind == "quantity" and _has_update(c):
        return "updated"
    # the same event word can count different things: the sentences must speak of the same people and
    # places, and two counts of one thing are not orders of magnitude apart
    if not _same_scene(c, majority):
        return "separate"
    if kind == "quantity":
        if _magnitude_gap(c, majority) > settings.CONFLICT_MAX_RATIO:
            return "separate"
        if all(n.m.hedged for n in c.nodes) or all(o.m.hedged for o in majority.nodes):
            return "separate"  # "could face five years": a possibility, not a reported figure
        if max(c.high, majority.low) < settings.SMALL_COUNT and not (
            c.nodes[0].m.head and {n.m.head for n in c.nodes} & {o.m.head for o in majority.nodes}
        ):
            return "separate"  # "two" and "six" of unnamed things are everywhere; the noun must match
    else:
        # Only dates written out next to the event they date can accuse: a weekday or "this week" depends
        # on when the article appeared (often unknown or late), and a date that joined the event's cluster
        # by value alone may date something else.
        c_strong = _Cluster()
        m_strong = _Cluster()
        for n in c.nodes:
            if n.m.event and not n.m.relative:
                c_strong.add(n)
        for o in majority.nodes:
            if o.m.event and not o.m.relative:
                m_strong.add(o)
        if not c_strong.nodes or not m_strong.nodes or _compatible(c_strong, m_strong):
            return "separate"
        if _day_gap(c_strong, m_strong) > settings.DATE_CONFLICT_MAX_GAP_DAYS:
            return "separate"  # "the 1993 elections" and "July's elections" are two elections
        if not any(n.m.explicit_year for n in c_strong.nodes) and _same_month_day(c_strong, m_strong):
            return "separate"  # "25 June" put in another year by a later publication date: no disagreement
    if kind == "quantity" and _later(c, majority, ctx.published):
        return "updated"
    if all(id(n) in ctx.in_aligned_conflict for n in c.nodes):
        return "separate"  # already reported on stronger evidence
    others = majority.articles - c.articles
    if not any(ctx.independent(a, b) for a in c.articles for b in others):
        return "separate"  # only copies of each other disagree here, outside what they share
    if kind == "date" and (
        max(n.m.confidence for n in c.nodes) < settings.DATE_CONFLICT_MIN_CONFIDENCE
        or max(n.m.confidence for n in majority.nodes) < settings.DATE_CONFLICT_MIN_CONFIDENCE
    ):
        return "separate"
    return "conflict"


def _same_scene(a: _Cluster, b: _Cluster) -> bool:
    """Two clusters may speak of one thing unless both name people or places in their sentences and
    share none of them (a sentence naming "Aness" is not about "Anwar", nor "Nairobi" about
    "Afghanistan")."""
    names_a = frozenset().union(*(n.scene for n in a.nodes))
    names_b = frozenset().union(*(n.scene for n in b.nodes))
    return not (names_a and names_b and names_a.isdisjoint(names_b))


def _same_month_day(a: _Cluster, b: _Cluster) -> bool:
    days_a = {(n.m.low.month, n.m.low.day) for n in a.nodes if n.m.granularity == "day" and n.m.low == n.m.high}
    days_b = {(n.m.low.month, n.m.low.day) for n in b.nodes if n.m.granularity == "day" and n.m.low == n.m.high}
    return bool(days_a & days_b)


def _day_gap(a: _Cluster, b: _Cluster) -> float:
    return max(a.low - b.high, b.low - a.high, 0.0)


def _magnitude_gap(a: _Cluster, b: _Cluster) -> float:
    """How many times larger the larger cluster's smallest allowed value is than the smaller's largest."""
    small, large = (a, b) if a.high <= b.high else (b, a)
    if small.high <= 0:
        return math.inf
    return max(large.low / small.high, 1.0)


def _compatible(a: _Cluster, b: _Cluster) -> bool:
    return a.low <= b.high and b.low <= a.high


def _has_update(c: _Cluster) -> bool:
    return sum(1 for n in c.nodes if n.kind == "quantity" and n.m.update) * 2 > len(c.nodes)


def _later(c: _Cluster, majority: _Cluster, published: dict[str, date | None]) -> bool:
    """Every article of ``c`` was published after every article of the majority."""
    mine = [published.get(a) for a in c.articles]
    theirs = [published.get(a) for a in majority.articles - c.articles]
    if not mine or not theirs or not all(mine) or not all(theirs):
        return False
    return min(mine) > max(theirs)  # type: ignore[type-var]


def _update_note(c: _Cluster, group: list[_Cluster], published: dict[str, date | None]) -> str | None:
    """Arithmetic check of a running total: "an additional A, bringing the total to T" implies an earlier
    total of T - A; say whether any source states it."""
    updates = [n for n in c.nodes if n.kind == "quantity" and n.m.update]
    if not updates:
        return None
    n = updates[0]
    same_sentence = [o for cl in group for o in cl.nodes
                     if o.kind == "quantity" and o.article == n.article and o.m.sentence == n.m.sentence
                     and o is not n and o.m.update and o.point is not None]
    if n.point is None or not same_sentence:
        return "reported as an update"
    other = same_sentence[0]
    total, step = max(n.point, other.point), min(n.point, other.point)  # type: ignore[type-var]
    previous = total - step
    stated = any(o.point == previous for cl in group for o in cl.nodes)
    return (f"{_fmt(step)} more bring the total to {_fmt(total)}: an earlier total of {_fmt(previous)}"
            + (" is stated too" if stated else ", which no source states"))


# --- fact construction ------------------------------------------------------------------------------------


def _mention(n: _Node) -> Mention:
    m = n.m
    if n.kind == "quantity":
        return Mention(n.article, m.start, m.end, m.text, m.value, m.qualifier)
    return Mention(n.article, m.start, m.end, m.text, m.value, None)


def _most_precise(nodes: list[_Node]) -> _Node:
    return min(nodes, key=lambda n: (n.point is None, n.high - n.low if n.high != n.low else 0))


def _value(n: _Node) -> Any:
    if n.kind == "quantity":
        return n.m.qualifier if n.m.vague else n.m.value
    return n.m.value


def _unit(n: _Node) -> str | None:
    return n.m.unit if n.kind == "quantity" else None


def _subject(nodes: list[_Node]) -> str:
    counts: Counter[str] = Counter()
    for n in nodes:
        if n.kind == "quantity":
            q = n.m
            words = [w for w in ((q.head_text or "").lower(), q.event or "") if w]
            if words and words[0] and q.event and words[0].startswith(q.event[:4]):
                words = [q.event]
            counts[" ".join(words) or "number"] += 1
        else:
            counts[n.m.event or "date"] += 1
    return counts.most_common(1)[0][0]


def _describe(c: _Cluster) -> str:
    n = _most_precise(c.nodes)
    return repr(n.m.text)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# --- entities and quotes ---------------------------------------------------------------------------------


def _entity_facts(facts_of: dict[str, ArticleFacts]) -> list[Fact]:
    by_key: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for article, f in facts_of.items():
        for e in f.entities:
            by_key[e.key].append((article, e))
    facts: list[Fact] = []
    for _key, items in by_key.items():
        articles = {a for a, _ in items}
        roles = sorted({e.role for _, e in items if e.role})
        if len(articles) < 2 and not roles:
            continue
        names = Counter(e.text for _, e in items if " " in e.text) or Counter(e.text for _, e in items)
        # an accented spelling is the original one: unaccented copies are ASCII-fied, never the reverse
        name = max(names.items(), key=lambda kv: (_accented(kv[0]) > 0, kv[1]))[0]
        kinds = Counter(e.kind for _, e in items if e.kind)
        kind = kinds.most_common(1)[0][0] if kinds else "name"
        facts.append(Fact(
            kind="entity", subject=kind, value=name, status="agreed" if len(articles) >= 2 else "unique",
            mentions=[Mention(a, e.start, e.end, e.text, e.key, None) for a, e in items],
            note=("roles: " + "; ".join(roles)) if roles else None,
        ))
    return facts


def _accented(name: str) -> int:
    return sum(1 for c in name if ord(c) > 127)


def _quote_facts(facts_of: dict[str, ArticleFacts]) -> list[Fact]:
    groups: list[list[tuple[str, Any, set[str]]]] = []
    by_word: dict[str, list[int]] = defaultdict(list)  # stem -> groups whose first quote has it
    for article, f in facts_of.items():
        for q in f.quotes:
            words = content_stems(q.text)
            shared: Counter[int] = Counter(g for w in words for g in by_word.get(w, ()))
            for g, _ in shared.most_common():
                ref = groups[g][0][2]
                if len(ref & words) / len(ref | words) >= settings.QUOTE_SAME_JACCARD:
                    groups[g].append((article, q, words))
                    break
            else:
                for w in words:
                    by_word[w].append(len(groups))
                groups.append([(article, q, words)])
    facts: list[Fact] = []
    for g in groups:
        articles = {a for a, _, _ in g}
        speakers = Counter(q.speaker for _, q, _ in g if q.speaker)
        keys = {q.speaker_key for _, q, _ in g if q.speaker_key}
        texts = {q.text for _, q, _ in g}
        notes = []
        if len(texts) > 1:
            notes.append("wording differs between sources")
        if len(keys) > 1:
            notes.append("attributed to different speakers: " + ", ".join(sorted(keys)))
        facts.append(Fact(
            kind="quote", subject=speakers.most_common(1)[0][0] if speakers else "unattributed",
            value=g[0][1].text, status="agreed" if len(articles) >= 2 else "unique",
            mentions=[Mention(a, q.start, q.end, q.text, q.speaker, None) for a, q, _ in g],
            note="; ".join(notes) or None,
        ))
    return facts

