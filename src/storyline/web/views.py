"""What each page shows, as plain data for its template: built from stored stories, articles and analyses.

Pure functions (no database, no HTTP), so what a page shows is tested without a server. Templates only
lay this data out; they escape every string (Jinja2 autoescaping), and the one piece of markup built here,
the copy graph's SVG, escapes its own text (:mod:`storyline.web.graph`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from storyline.model import Article, Relation, url_host
from storyline.web import settings
from storyline.web.graph import DERIVATIONS, NodeLabel, copy_graph_svg
from storyline.web.highlight import Segment, segments
from storyline.wording import value_text

FACT_ORDER = {"conflict": 0, "updated": 1, "agreed": 2, "unique": 3}
UNNAMED_SOURCE = "source not named"


def q(value: object) -> str:
    """A value quoted for one URL path segment or query value (``/`` included)."""
    return quote(str(value), safe="")


def article_href(article_id: str, spans: Sequence[Sequence[int]] = ()) -> str:
    """The article page, with ``spans`` highlighted and the first one scrolled to."""
    href = f"/articles/{q(article_id)}"
    if spans:
        href += "?" + "&".join(f"hl={int(s)}-{int(e)}" for s, e in spans) + "#hl-0"
    return href


def compare_href(first: str, second: str) -> str:
    return f"/compare?a={q(first)}&b={q(second)}"


def source_name(member: Mapping[str, Any]) -> str | None:
    """An article's outlet as shown: its source, else its URL's host."""
    if member.get("source"):
        return str(member["source"])
    return url_host(member.get("url"))


def time_span(first: str | None, last: str | None) -> str:
    first, last = (first or "")[:10], (last or "")[:10]
    if not first and not last:
        return "undated"
    return first if first == last or not last else f"{first} – {last}" if first else last


def safe_url(url: str | None) -> str | None:
    """``url`` when it is a web address a link may point to (http or https), else None: a stored
    ``javascript:`` or ``data:`` URL is shown as text, never made a link."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


# -- stories page -------------------------------------------------------------------------------------


@dataclass(slots=True)
class StoryRow:
    id: str
    href: str
    title: str
    level: str
    articles: int
    sources: list[str]
    span: str
    conflicts: int
    rewrites: int
    analysed: bool
    events: int | None = None


def story_row(row: Mapping[str, Any], members: Sequence[Mapping[str, Any]], events: int | None = None) -> StoryRow:
    """One row of the stories page from a :func:`storyline.store.search.find_stories` row and its members."""
    names: dict[str, None] = {}
    for m in members:
        name = source_name(m)
        if name:
            names.setdefault(name, None)
    return StoryRow(
        id=row["id"], href=f"/stories/{q(row['id'])}", title=row["title"], level=row["level"],
        articles=row["size"], sources=list(names),
        span=time_span(row["first_published"], row["last_published"]),
        conflicts=row.get("conflicts") or 0, rewrites=row.get("rewrites") or 0,
        analysed=row.get("analysed_at") is not None, events=events,
    )


# -- story page ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Ref:
    """A cited article: its number on the page, its id, a short label and a link."""

    n: int
    id: str
    label: str
    href: str


@dataclass(slots=True)
class FactRow:
    status: str
    kind: str
    subject: str
    value: str
    sources: int
    mentions: list[dict]
    more: int
    odd_ones_out: list[Ref]
    note: str | None


@dataclass(slots=True)
class StoryView:
    story: Mapping[str, Any]
    span: str
    refs: dict[str, Ref]
    by_source: list[tuple[str, list[dict]]]
    brief: list[dict]
    timeline: list[dict]
    origin_external: str | None
    origin_article: Ref | None
    origin_evidence: list[str]
    graph_svg: Markup
    graph_left_out: list[Ref]
    derivations: list[dict]
    independent_pairs: int
    facts: list[FactRow]
    facts_total: int
    conflicts: int
    analysed: bool
    stale: bool
    events: list[dict] = field(default_factory=list)


def story_view(
    story: Mapping[str, Any],
    members: Sequence[Mapping[str, Any]],
    events: Sequence[Mapping[str, Any]] = (),
    attributions: Mapping[str, Sequence[str]] | None = None,
    facts_limit: int | None = settings.FACTS_SHOWN,
) -> StoryView:
    """Everything the story page shows, from the stored story (with its ``analysis``), its members
    (:meth:`Library.story_members`), a storyline's events and the members' ``attributed_to``."""
    analysis: Mapping[str, Any] = story.get("analysis") or {}
    refs = {
        m["id"]: Ref(i, m["id"], source_name(m) or m.get("title") or m["id"], article_href(m["id"]))
        for i, m in enumerate(members, 1)
    }
    groups: dict[str, list[dict]] = {}
    for m in members:
        groups.setdefault(source_name(m) or UNNAMED_SOURCE, []).append({**m, "ref": refs[m["id"]]})
    by_source = sorted(groups.items(), key=lambda kv: (kv[0] == UNNAMED_SOURCE, kv[0].lower()))

    def cite(ids: Sequence[str]) -> list[Ref]:
        return [refs[i] if i in refs else Ref(0, i, i, article_href(i)) for i in ids]

    brief = [{**s, "refs": cite(s.get("citations") or [])} for s in analysis.get("brief") or []]
    timeline = [{**e, "refs": cite(e.get("citations") or [])} for e in analysis.get("timeline") or []]
    origin = analysis.get("origin") or {}
    relations = analysis.get("relations") or []
    credited = _credited_by(origin, members, attributions or {})
    labels = {
        m["id"]: NodeLabel(
            line1=source_name(m) or m.get("title") or m["id"],
            line2=f"[{refs[m['id']].n}] {(m.get('published') or 'undated')[:10]}",
            tooltip=f"[{refs[m['id']].n}] {m.get('title') or m['id']} ({source_name(m) or UNNAMED_SOURCE})",
            href=refs[m["id"]].href,
        )
        for m in members
    }
    svg, layout = (
        copy_graph_svg([m["id"] for m in members], labels, relations, origin, credited, compare_href="/compare?a={source}&b={target}")
        if analysis else (Markup(""), None)
    )
    derivations = sorted(
        (
            {**r, "source_ref": cite([r["source"]])[0], "target_ref": cite([r["target"]])[0],
             "compare": compare_href(r["source"], r["target"])}
            for r in relations if r.get("relation") in DERIVATIONS
        ),
        key=lambda r: -(r.get("score") or 0.0),
    )
    facts = ranked_facts(analysis.get("facts") or [])
    shown = facts if facts_limit is None else facts[:facts_limit]
    analysed_at, changed_at = story.get("analysed_at"), story.get("changed_at")
    return StoryView(
        story=story,
        span=time_span(story.get("first_published"), story.get("last_published")),
        refs=refs,
        by_source=by_source,
        brief=brief,
        timeline=timeline,
        origin_external=origin.get("external"),
        origin_article=cite([origin["article"]])[0] if origin.get("article") else None,
        origin_evidence=list(origin.get("evidence") or []),
        graph_svg=svg,
        graph_left_out=cite(layout.left_out) if layout else [],
        derivations=derivations,
        independent_pairs=sum(1 for r in relations if r.get("relation") == "independent"),
        facts=[_fact_row(f, refs) for f in shown],
        facts_total=len(facts),
        conflicts=sum(1 for f in facts if f.get("status") == "conflict"),
        analysed=bool(analysis),
        stale=bool(analysis) and bool(analysed_at and changed_at and analysed_at < changed_at),
        events=[{**e, "href": f"/stories/{q(e['id'])}", "span": time_span(e.get("first_published"),
                                                                         e.get("last_published"))}
                for e in events],
    )


def ranked_facts(facts: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Conflicts first, then updates, agreements and single-source facts; most sources first in each."""
    return sorted(
        facts, key=lambda f: (FACT_ORDER.get(f.get("status", ""), 9), -len({m["article"] for m in f.get("mentions", [])}))
    )


def _fact_row(fact: Mapping[str, Any], refs: Mapping[str, Ref]) -> FactRow:
    mentions = list(fact.get("mentions") or [])
    shown = []
    for m in mentions[: settings.MENTIONS_SHOWN]:
        ref = refs.get(m["article"]) or Ref(0, m["article"], m["article"], article_href(m["article"]))
        span = m.get("span") or [0, 0]
        shown.append({"text": m.get("text", ""), "ref": ref, "href": article_href(m["article"], [span]),
                      "qualifier": m.get("qualifier")})
    return FactRow(
        status=fact.get("status", ""),
        kind=fact.get("kind", ""),
        subject=str(fact.get("subject", "")),
        value=value_text(fact.get("value"), fact.get("unit")),
        sources=len({m["article"] for m in mentions}),
        mentions=shown,
        more=max(0, len(mentions) - settings.MENTIONS_SHOWN),
        odd_ones_out=[refs.get(a) or Ref(0, a, a, article_href(a)) for a in fact.get("odd_ones_out") or []],
        note=fact.get("note"),
    )


def _credited_by(
    origin: Mapping[str, Any], members: Sequence[Mapping[str, Any]], attributions: Mapping[str, Sequence[str]]
) -> list[str]:
    """The members that credit the story's external origin: by their ``attributed_to`` (same outlet key),
    or named in the origin's evidence lines (credits found in their texts)."""
    external = origin.get("external")
    if not external:
        return []
    from storyline.reuse.credits import outlet_key

    key = outlet_key(str(external))
    evidence = origin.get("evidence") or []
    out = []
    for m in members:
        by_attribution = any(outlet_key(name) == key for name in attributions.get(m["id"], ()))
        # graph.py's evidence lines for the external origin start with "<article id>: "
        by_evidence = any(str(line).startswith(f"{m['id']}: ") for line in evidence)
        if by_attribution or by_evidence:
            out.append(m["id"])
    return out


def article_relations(
    article_id: str, story: Mapping[str, Any] | None, members: Sequence[Mapping[str, Any]]
) -> list[dict]:
    """The stored relations of one article inside its story: what it was copied from and what copies it,
    derivations first (strongest first), each with the other article and a comparison link."""
    if not story:
        return []
    analysis = story.get("analysis") or {}
    by_id = {m["id"]: m for m in members}
    out = []
    for r in analysis.get("relations") or []:
        if article_id not in (r.get("source"), r.get("target")):
            continue
        other = r["target"] if r["source"] == article_id else r["source"]
        m = by_id.get(other, {"id": other})
        out.append({
            **r, "other": other, "other_title": m.get("title") or other, "other_source": source_name(m),
            "direction": "copied by" if r["source"] == article_id else "copied from",
            "compare": compare_href(r["source"], r["target"]),
        })
    out.sort(key=lambda r: (r["relation"] == "independent", -(r.get("score") or 0.0)))
    return out


# -- compare page -------------------------------------------------------------------------------------


@dataclass(slots=True)
class Side:
    article: Article
    role: str  # source | target
    segments: list[Segment]
    prefix: str  # anchor prefix of this side's passages ("s" or "t")
    other: str  # anchor prefix of the other side's


@dataclass(slots=True)
class CompareView:
    relation: Relation | None
    left: Side
    right: Side
    passages: int


def compare_view(first: Article, second: Article, relation: Relation | None) -> CompareView:
    """Two articles side by side: the source on the left, its copy on the right, each reused passage
    cut out as a segment keyed by its number (the same number on both sides, for anchors and colour)."""
    if relation is None:
        return CompareView(None, Side(first, "", segments(first.text, []), "s", "t"),
                           Side(second, "", segments(second.text, []), "t", "s"), 0)
    by_id = {first.id: first, second.id: second}
    source, target = by_id[relation.source], by_id[relation.target]
    left = [(p.source_start, p.source_end, k) for k, p in enumerate(relation.passages)]
    right = [(p.target_start, p.target_end, k) for k, p in enumerate(relation.passages)]
    return CompareView(
        relation,
        Side(source, "source", segments(source.text, left), "s", "t"),
        Side(target, "target", segments(target.text, right), "t", "s"),
        len(relation.passages),
    )
