"""The copy graph of a story: who derives from whom, and where the report came from.

Nodes are articles; a directed edge ``source -> target`` is a derivation (duplicate, syndicated, edited,
partial, rewrite). Edges are added most confident first and an edge that would close a cycle is left out,
so the graph is a DAG even when some directions were guessed.

The **origin** is

- ``article``: the earliest carrier inside the library, the root of the graph: an article no confident
  edge points to (edges whose direction is a coin flip do not count), the earliest published of them,
  then the one most others derive from;
- ``external``: an outlet outside the library that the articles credit with the report (from
  ``Article.attributed_to`` and from credits found in the texts: "..., Al Jazeera reported",
  "Original Source: www.aljazeera.com"), when there is one: the outlet credited by most articles;
- ``evidence``: the lines behind both.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Article, Passage, Relation
from storyline.reuse import settings
from storyline.reuse.credits import outlet_keys
from storyline.reuse.features import reused_share
from storyline.reuse.sources import declared_sources, own_keys
from storyline.wording import counted, verb

DERIVATIONS = ("duplicate", "syndicated", "edited", "partial", "rewrite")


@dataclass(slots=True)
class CopyGraph:
    """Derivations among a story's articles, with the origin of the report.

    ``edges`` holds the derivations kept (a DAG); ``relations`` every relation given, including
    ``independent`` ones; ``origin`` is ``{"article": id | None, "external": name | None, "evidence": [...]}``.
    """

    articles: dict[str, Article]
    edges: list[Relation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    origin: dict[str, Any] = field(default_factory=lambda: {"article": None, "external": None, "evidence": []})
    # articles crediting the external origin (when there is one), in article order
    crediting: list[str] = field(default_factory=list)

    def parents(self, article_id: str) -> list[Relation]:
        """Edges into ``article_id``, the best-supported first."""
        return sorted((e for e in self.edges if e.target == article_id), key=_strength, reverse=True)

    def children(self, article_id: str) -> list[Relation]:
        """Edges out of ``article_id``, in target order."""
        return sorted((e for e in self.edges if e.source == article_id), key=lambda e: e.target)

    def roots(self) -> list[str]:
        """Articles of the graph without a parent, origin first."""
        nodes = {e.source for e in self.edges} | {e.target for e in self.edges}
        have_parent = {e.target for e in self.edges}
        roots = [n for n in nodes if n not in have_parent]
        first = self.origin.get("article")
        return sorted(roots, key=lambda n: (n != first, n))

    def tree(self) -> str:
        """The graph as an indented text tree for terminals.

        Each article sits under its best-supported source, with the relation, the share of the target
        reused (how far it retells, for a rewrite) and the direction confidence. When the report comes from
        an outside outlet, the articles crediting it, and those sharing text or report with them, hang under
        that outlet; among them, a pair whose direction is a coin flip is not drawn as a copy of one by the
        other but marked ``≈`` on the later of the two: siblings of one report, who took it from whom
        unknown. Independent reports of the same event are not edges: one line names the articles that
        relate to no other by derivation (the pairs stay in :attr:`relations`).
        """
        lines: list[str] = []
        origin = self.origin
        external = origin.get("external")
        if external:
            credited = f", credited by {', '.join(self.crediting)}" if self.crediting else ""
            lines.append(f"origin: {external} (outside the library{credited})")
        if origin.get("article"):
            lines.append(f"first in the library: {origin['article']}")
        under_external = self._under_external()
        unsure = [e for e in self.edges if e.direction_confidence <= settings.ROOT_MIN_CONFIDENCE]
        drawn = [e for e in self.edges if not (e in unsure and e.source in under_external
                                              and e.target in under_external)]
        siblings = [e for e in unsure if e not in drawn]

        def parents(node: str) -> list[Relation]:
            return sorted((e for e in drawn if e.target == node), key=_strength, reverse=True)

        primary: dict[str, list[Relation]] = defaultdict(list)
        for node in {e.target for e in drawn}:
            best = parents(node)[0]
            primary[best.source].append(best)
        seen: set[str] = set()
        shown: list[str] = []

        def walk(node: str, prefix: str, edge: Relation | None, last: bool, top: bool) -> None:
            branch = "" if top else ("└── " if last else "├── ")
            label = node if edge is None else f"{node}  [{_edge_label(edge)}]"
            if node in self.crediting:
                label += f"  [credits {external}]"
            also = [e for e in parents(node) if edge is not None and e.source != edge.source]
            if also:
                label += "  (also from " + ", ".join(f"{e.source} [{e.relation}]" for e in also) + ")"
            near = [e for e in siblings if node in (e.source, e.target)
                    and (e.target if e.source == node else e.source) in shown]
            lines.append(prefix + branch + label)
            shown.append(node)
            child_prefix = prefix + ("" if top else ("    " if last else "│   "))
            kids = sorted(primary.get(node, []), key=lambda e: e.target) if node not in seen else []
            # the siblings it shares a report with, one per line under it (ids are long)
            for e in near:
                lines.append(child_prefix + ("│" if kids else " ") + "   " + _sibling_label(e, node, self.articles))
            if node in seen:
                return
            seen.add(node)
            for k, e in enumerate(kids):
                walk(e.target, child_prefix, e, k == len(kids) - 1, False)

        if under_external:
            lines.append(f"{external} (outside the library)")
            has_parent = {e.target for e in drawn}
            tops = sorted((n for n in under_external if n not in has_parent), key=self._reading_order)
            for k, node in enumerate(tops):
                walk(node, "", None, k == len(tops) - 1, False)
        nodes = {e.source for e in drawn} | {e.target for e in drawn}
        for root in self.roots():
            if root not in under_external and root in nodes:
                walk(root, "", None, True, True)
        if siblings:
            lines.append("≈ same report, no sign of which came first")
        derived = {e.source for e in self.edges} | {e.target for e in self.edges} | under_external
        same_event = [r for r in self.relations if r.relation not in DERIVATIONS]
        reporting = {r.source for r in same_event} | {r.target for r in same_event}
        alone = [a for a in self.articles if a in reporting and a not in derived]
        if alone:
            pairs = len(same_event)
            lines.append(f"{counted(len(alone), 'article')} {verb(len(alone), 'report', 'reports')} it "
                         f"independently: {', '.join(alone)}"
                         + (f" ({counted(pairs, 'independent pair')} in the relations)" if pairs else ""))
        return "\n".join(lines)

    def _under_external(self) -> set[str]:
        """Articles that hang under the external origin: those crediting it and every article linked to one
        of them by derivations (taken either way)."""
        if not self.origin.get("external") or not self.crediting:
            return set()
        near: dict[str, set[str]] = defaultdict(set)
        for e in self.edges:
            near[e.source].add(e.target)
            near[e.target].add(e.source)
        found, stack = set(self.crediting), list(self.crediting)
        while stack:
            for other in near[stack.pop()]:
                if other not in found:
                    found.add(other)
                    stack.append(other)
        return found

    def _reading_order(self, node: str) -> tuple[bool, str, str]:
        published = self.articles[node].published if node in self.articles else None
        return (published is None, published or "", node)

    def to_dict(self) -> dict[str, Any]:
        """The ``origin`` and ``relations`` parts of the JSON contract (``show --json``)."""
        return {
            "origin": dict(self.origin),
            "relations": [
                {"source": r.source, "target": r.target, "relation": r.relation, "score": r.score,
                 "spans": [p.as_list() for p in r.passages]}
                for r in self.relations
            ],
        }


def _edge_label(edge: Relation) -> str:
    """``edited, 46% reused, direction 0.50``; a rewrite says how far it retells instead."""
    if edge.relation == "rewrite":
        return f"rewrite, retold {edge.score:.0%}, direction {edge.direction_confidence:.2f}"
    return f"{edge.relation}, {edge.reused_share:.0%} reused, direction {edge.direction_confidence:.2f}"


def _sibling_label(edge: Relation, node: str, articles: dict[str, Article]) -> str:
    """``≈ 004 (edited; the shared passages cover 70% of it, 46% of this one)``, seen from ``node``: with no
    sign of which is the copy, the share of each side."""
    other = edge.target if edge.source == node else edge.source
    if edge.relation == "rewrite":
        return f"≈ {other} (rewrite, retold {edge.score:.0%})"
    shares = {edge.target: edge.reused_share}
    if edge.source in articles:
        spans = [(p.source_start, p.source_end) for p in edge.passages]
        shares[edge.source] = reused_share(articles[edge.source].text, spans)
    cover = ", ".join(f"{shares[x]:.0%} of {name}" for x, name in ((other, "it"), (node, "this one")) if x in shares)
    return f"≈ {other} ({edge.relation}; the shared passages cover {cover})"


def copy_graph(articles: Sequence[Article], relations: Sequence[Relation],
               library_outlets: Iterable[str] = ()) -> CopyGraph:
    """The copy graph of ``articles`` from their pairwise ``relations`` (see the module docstring).

    ``library_outlets``: names of every outlet in the library, when known beyond these articles: an outlet
    among them is not "outside".
    """
    graph = CopyGraph(articles={a.id: a for a in articles}, relations=list(relations))
    derived = [r for r in relations if r.relation in DERIVATIONS
               and r.source in graph.articles and r.target in graph.articles]
    confident = [r for r in derived if r.direction_confidence > settings.ROOT_MIN_CONFIDENCE]
    unsure = [r for r in derived if r.direction_confidence <= settings.ROOT_MIN_CONFIDENCE]
    children: dict[str, set[str]] = defaultdict(set)
    for rel in sorted(confident, key=_strength, reverse=True):
        if _reaches(children, rel.target, rel.source):
            continue  # would close a cycle: a weaker direction contradicting stronger ones
        children[rel.source].add(rel.target)
        graph.edges.append(rel)
    # Edges whose direction is a coin flip point away from the root, so the tree reads one way.
    root = _root_article(graph, confident_edges=graph.edges, all_edges=graph.edges + unsure)
    distance = _distances(root, graph.edges + unsure)
    for rel in sorted(unsure, key=_strength, reverse=True):
        if distance.get(rel.target, 0) < distance.get(rel.source, 0):
            rel = _flipped(rel, graph.articles[rel.source].text)
        if _reaches(children, rel.target, rel.source):
            continue
        children[rel.source].add(rel.target)
        graph.edges.append(rel)
    graph.origin = _origin(graph, root, library_outlets)
    return graph


def _flipped(rel: Relation, new_target_text: str) -> Relation:
    """The relation read the other way round (only for relations whose direction is a coin flip)."""
    passages = [Passage(p.target_start, p.target_end, p.source_start, p.source_end, p.score) for p in rel.passages]
    share = reused_share(new_target_text, [(p.target_start, p.target_end) for p in passages])
    return Relation(
        source=rel.target, target=rel.source, relation=rel.relation, score=rel.score, passages=passages,
        direction_confidence=rel.direction_confidence, reused_share=round(share, 3), evidence=list(rel.evidence),
    )


def _distances(root: str | None, edges: Sequence[Relation]) -> dict[str, int]:
    """Hops from ``root`` over the edges taken both ways (unreached articles are absent)."""
    if root is None:
        return {}
    near: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        near[e.source].add(e.target)
        near[e.target].add(e.source)
    dist, frontier = {root: 0}, [root]
    while frontier:
        nxt = []
        for node in frontier:
            for other in near[node]:
                if other not in dist:
                    dist[other] = dist[node] + 1
                    nxt.append(other)
        frontier = nxt
    return dist


def _strength(rel: Relation) -> tuple[float, float, str, str]:
    return (rel.direction_confidence, rel.reused_share, rel.source, rel.target)


def _reaches(children: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        stack.extend(children.get(node, ()))
    return False


def _origin(graph: CopyGraph, root: str | None, library_outlets: Iterable[str]) -> dict[str, Any]:
    evidence: list[str] = []
    if root is not None:
        art = graph.articles[root]
        sure = [e for e in graph.edges if e.direction_confidence > settings.ROOT_MIN_CONFIDENCE]
        n_desc = len(_descendants(sure, root))
        n_near = len(_descendants(graph.edges, root)) - n_desc
        evidence.append(f"{root} is the earliest carrier in the library"
                        + (f" (published {art.published})" if art.published else "")
                        + (f"; {counted(n_desc, 'article')} {verb(n_desc, 'derive', 'derives')} from it"
                           if n_desc else "")
                        + (f"; {n_near} more share its text or report, with no sign of which came first"
                           if n_near else ""))
    external, ext_evidence, crediting = _external_outlet(graph, library_outlets)
    graph.crediting = crediting
    return {"article": root, "external": external, "evidence": ext_evidence + evidence}


def _root_article(graph: CopyGraph, confident_edges: Sequence[Relation], all_edges: Sequence[Relation]) -> str | None:
    """The root (see the module docstring): not the target of a confident edge, earliest published, most
    descendants; ``None`` without derivations."""
    if not all_edges:
        return None
    nodes = {e.source for e in all_edges} | {e.target for e in all_edges}
    targets = {e.target for e in confident_edges}
    candidates = [n for n in nodes if n not in targets] or sorted(nodes)

    def key(n: str) -> tuple[int, str, int, str]:
        published = graph.articles[n].published
        return (published is None, published or "", -len(_descendants(all_edges, n)), n)

    return min(candidates, key=key)


def _descendants(edges: Sequence[Relation], node: str) -> set[str]:
    children: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        children[e.source].append(e.target)
    out: set[str] = set()
    stack = [node]
    while stack:
        for child in children[stack.pop()]:
            if child not in out:
                out.add(child)
                stack.append(child)
    return out


def _external_outlet(graph: CopyGraph, library_outlets: Iterable[str]) -> tuple[str | None, list[str], list[str]]:
    """The outside outlet most articles credit, with one evidence line per crediting article (a quote of
    the credit where there is one, in the text or in a credit line the cleaner set apart), and the ids of
    the crediting articles."""
    inside = own_keys(graph.articles.values()) | {k for o in library_outlets for k in outlet_keys(o)}
    votes: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    lines: dict[str, list[str]] = defaultdict(list)
    who: dict[str, list[str]] = defaultdict(list)
    for art in graph.articles.values():
        for key, decl in declared_sources(art, inside).items():
            votes[key] += 1
            lines[key].append(decl.evidence)
            who[key].append(art.id)
            # the cleaner's reading of the name is the preferred spelling
            names[key][decl.name] += 2 if decl.name in art.attributed_to else 1
    if not votes:
        return None, [], []
    key, count = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if count < settings.EXTERNAL_MIN_ARTICLES:
        return None, [], []
    display = max(names[key].items(), key=lambda kv: (kv[1], "." not in kv[0], kv[0]))[0]
    evidence = [f"{counted(count, 'article')} {verb(count, 'credit', 'credits')} {display}, which is not in the "
                "library:"] + sorted(lines[key])
    return display, evidence, who[key]
