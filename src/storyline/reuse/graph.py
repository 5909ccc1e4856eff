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
from storyline.reuse.credits import COPY_CREDIT_KINDS, find_credits, outlet_key
from storyline.reuse.features import reused_share

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
        """The graph as an indented text tree for terminals: each article under its best-supported source,
        with the relation, the share of the target reused and the direction confidence."""
        lines: list[str] = []
        origin = self.origin
        if origin.get("external"):
            lines.append(f"origin: {origin['external']} (outside the library)")
        if origin.get("article"):
            lines.append(f"first in the library: {origin['article']}")
        primary: dict[str, list[Relation]] = defaultdict(list)
        placed_under: dict[str, str] = {}
        for node in {e.target for e in self.edges}:
            best = self.parents(node)[0]
            primary[best.source].append(best)
            placed_under[node] = best.source
        seen: set[str] = set()

        def walk(node: str, prefix: str, edge: Relation | None, last: bool) -> None:
            branch = "" if edge is None else ("└── " if last else "├── ")
            label = node if edge is None else (
                f"{node}  [{edge.relation}, {edge.reused_share:.0%} reused, direction {edge.direction_confidence:.2f}]"
            )
            also = [e for e in self.parents(node) if edge is not None and e.source != edge.source]
            if also:
                label += "  (also from " + ", ".join(f"{e.source} [{e.relation}]" for e in also) + ")"
            lines.append(prefix + branch + label)
            if node in seen:
                return
            seen.add(node)
            kids = sorted(primary.get(node, []), key=lambda e: e.target)
            child_prefix = prefix + ("" if edge is None else ("    " if last else "│   "))
            for k, e in enumerate(kids):
                walk(e.target, child_prefix, e, k == len(kids) - 1)

        for root in self.roots():
            walk(root, "", None, True)
        others = [r for r in self.relations if r.relation not in DERIVATIONS]
        for r in sorted(others, key=lambda r: (r.source, r.target)):
            lines.append(f"{r.source} ~ {r.target}  [{r.relation}, {r.score:.2f}]")
        return "\n".join(lines)

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
        n_desc = len(_descendants(graph, root))
        evidence.append(f"{root} is the earliest carrier in the library"
                        + (f" (published {art.published})" if art.published else "")
                        + (f"; {n_desc} article(s) derive from it" if n_desc else ""))
    external, ext_evidence = _external_outlet(graph, library_outlets)
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
        return (published is None, published or "", -len(_descendants(graph, n)), n)

    return min(candidates, key=key)


def _descendants(graph: CopyGraph, node: str) -> set[str]:
    out: set[str] = set()
    stack = [node]
    while stack:
        for e in graph.edges:
            if e.source == stack[-1] and e.target not in out:
                out.add(e.target)
                stack.append(e.target)
                break
        else:
            stack.pop()
    return out


def _external_outlet(graph: CopyGraph, library_outlets: Iterable[str]) -> tuple[str | None, list[str]]:
    """The outside outlet most articles credit, with one evidence line per crediting article."""
    inside = {outlet_key(a.site or "") for a in graph.articles.values()} | {outlet_key(o) for o in library_outlets}
    inside.discard("")
    votes: Counter[str] = Counter()
    names: dict[str, Counter[str]] = defaultdict(Counter)
    lines: dict[str, list[str]] = defaultdict(list)
    for art in graph.articles.values():
        own = outlet_key(art.site or "")
        credited: dict[str, str] = {}
        for name in art.attributed_to:
            key = outlet_key(name)
            if key and key != own and key not in inside:
                credited.setdefault(key, f'{art.id}: attributed to {name}')
                names[key][name] += 2  # the cleaner's reading of the name is the preferred spelling
        for c in find_credits(art.text):
            key = outlet_key(c.name)
            if c.kind not in COPY_CREDIT_KINDS or not key or key == own or key in inside:
                continue
            if c.kind == "copyright" and not own:
                continue  # "© X" may be the article's own outlet when that is unknown
            credited[key] = f'{art.id}: "{c.snippet(art.text)}"'  # a quote beats "attributed to"
            names[key][c.name] += 1
        for key, line in credited.items():
            votes[key] += 1
            lines[key].append(line)
    if not votes:
        return None, []
    key, count = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    if count < settings.EXTERNAL_MIN_ARTICLES:
        return None, []
    display = max(names[key].items(), key=lambda kv: (kv[1], "." not in kv[0], kv[0]))[0]
    return display, [f"{count} article(s) credit {display}, which is not in the library:"] + sorted(lines[key])
