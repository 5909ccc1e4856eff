"""The copy graph as SVG, laid out on the server: who copied whom, drawn left (earlier) to right (later).

A small layered (Sugiyama-style) layout, enough for the tens of articles a story holds:

1. **edges**: the story's derivations (every relation but ``independent``), strongest first, leaving out
   any that would close a cycle, so the graph is a DAG; an outlet outside the library that the articles
   credit (the story's external origin) becomes a node with a "credited" edge to each article crediting it;
2. **layers**: each node goes one layer right of its furthest parent (longest path from the roots);
3. **order**: inside a layer, nodes start in publication order, then a few sweeps sort each layer by the
   mean row of its parents (the barycentre heuristic), which untangles most crossings;
4. **drawing**: boxes linked to the article pages, curved edges linked to the comparison of their two
   articles, labelled with the relation and the share of the target reused.

Every name and title in the drawing is escaped; the SVG carries no script and no inline style (classes
only), so the page's Content-Security-Policy holds. Articles without any derivation are drawn too (as
independent reports, in the first article layer), up to :data:`~storyline.web.settings.GRAPH_MAX_NODES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup, escape

from storyline.web import settings

DERIVATIONS = ("duplicate", "syndicated", "edited", "partial", "rewrite")
EXTERNAL = "\0external"  # the node id of the outside origin: no article id starts with a NUL
# An edge's direction below this confidence is a guess (0.5 = coin flip): drawn dashed.
SURE_DIRECTION = 0.5


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    relation: str  # a derivation, or "credited" for the external origin's edges
    score: float = 0.0
    reused_share: float | None = None
    sure: bool = True


@dataclass(slots=True)
class Layout:
    """Node positions (layer, row), the edges kept, and the nodes left out when the graph was cut."""

    layers: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)

    def layer_sizes(self) -> dict[int, int]:
        sizes: dict[int, int] = defaultdict(int)
        for layer in self.layers.values():
            sizes[layer] += 1
        return dict(sizes)


def graph_edges(
    relations: Sequence[Mapping], nodes: Sequence[str], external: str | None = None,
    credited_by: Sequence[str] = (),
) -> list[Edge]:
    """The drawable edges: derivations among ``nodes`` without cycles (strongest kept), plus "credited"
    edges from the external origin to the articles that credit it."""
    known = set(nodes)
    derived = [
        r for r in relations
        if r.get("relation") in DERIVATIONS and r.get("source") in known and r.get("target") in known
        and r.get("source") != r.get("target")
    ]
    derived.sort(key=lambda r: (_confidence(r) > SURE_DIRECTION, r.get("score") or 0.0), reverse=True)
    children: dict[str, set[str]] = defaultdict(set)
    edges: list[Edge] = []
    for r in derived:
        s, t = r["source"], r["target"]
        if t in children[s] or _reaches(children, t, s):
            continue  # a duplicate pair, or a weaker direction contradicting stronger ones
        children[s].add(t)
        edges.append(Edge(s, t, r["relation"], float(r.get("score") or 0.0), r.get("reused_share"),
                          _confidence(r) > SURE_DIRECTION))
    if external:
        edges += [Edge(EXTERNAL, a, "credited") for a in credited_by if a in known]
    return edges


def _confidence(relation: Mapping) -> float:
    value = relation.get("direction_confidence")
    return float(value) if value is not None else 1.0


def _reaches(children: Mapping[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], set()
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(children.get(node, ()))
    return False


def layered_layout(nodes: Sequence[str], edges: Sequence[Edge], max_nodes: int = settings.GRAPH_MAX_NODES) -> Layout:
    """Layers and rows for ``nodes`` (given in publication order) joined by acyclic ``edges``.

    When there are more than ``max_nodes`` nodes, those on edges are kept first (in the given order) and
    the rest are reported in ``left_out``.
    """
    on_edges = {e.source for e in edges} | {e.target for e in edges}
    ordered = [n for n in nodes if n in on_edges] + [n for n in nodes if n not in on_edges]
    if EXTERNAL in on_edges:
        ordered.insert(0, EXTERNAL)
    kept = ordered[:max_nodes]
    keep = set(kept)
    layout = Layout(left_out=[n for n in ordered[max_nodes:] if n != EXTERNAL])
    layout.edges = [e for e in edges if e.source in keep and e.target in keep]
    parents: dict[str, list[str]] = defaultdict(list)
    for e in layout.edges:
        parents[e.target].append(e.source)
    # Longest path from the roots, in topological order (Kahn); edges are acyclic by construction.
    indegree = {n: 0 for n in kept}
    children: dict[str, list[str]] = defaultdict(list)
    for e in layout.edges:
        indegree[e.target] += 1
        children[e.source].append(e.target)
    queue = [n for n in kept if indegree[n] == 0]
    first_article_layer = 1 if EXTERNAL in keep else 0
    layer = {n: (0 if n == EXTERNAL else first_article_layer) for n in queue}
    done = 0
    while done < len(queue):
        node = queue[done]
        done += 1
        for child in children[node]:
            layer[child] = max(layer.get(child, 0), layer[node] + 1)
            indegree[child] -= 1
            if indegree[child] == 0:
                queue.append(child)
    for n in kept:  # only reached if the edges had a cycle after all: draw the rest in the first layer
        layer.setdefault(n, first_article_layer)
    by_layer: dict[int, list[str]] = defaultdict(list)
    for n in kept:  # publication order inside each layer to begin with
        by_layer[layer[n]].append(n)
    row = {n: i for members in by_layer.values() for i, n in enumerate(members)}
    for _ in range(settings.GRAPH_ORDER_SWEEPS):
        for depth in sorted(by_layer)[1:]:
            members = by_layer[depth]
            members.sort(key=lambda n: (_barycentre(n, parents, row), row[n]))
            row.update({n: i for i, n in enumerate(members)})
    layout.layers, layout.rows = layer, row
    return layout


def _barycentre(node: str, parents: Mapping[str, list[str]], row: Mapping[str, int]) -> float:
    ps = parents.get(node) or []
    return sum(row[p] for p in ps) / len(ps) if ps else float(row[node])


@dataclass(slots=True)
class NodeLabel:
    """What a node shows: a first line (the source, or the article id), a second (date and id), a tooltip."""

    line1: str
    line2: str
    tooltip: str
    href: str | None = None


def copy_graph_svg(
    nodes: Sequence[str],
    labels: Mapping[str, NodeLabel],
    relations: Sequence[Mapping],
    origin: Mapping | None = None,
    credited_by: Sequence[str] = (),
    compare_href: str = "/compare?a={source}&b={target}",
) -> tuple[Markup, Layout]:
    """The SVG drawing (safe to embed in a page) and its layout. ``nodes`` are the story's article ids in
    publication order; ``origin`` is the analysis' origin (``article``, ``external``)."""
    origin = origin or {}
    external = origin.get("external")
    edges = graph_edges(relations, nodes, external, credited_by)
    layout = layered_layout(nodes, edges)
    if not layout.layers:
        return Markup(""), layout
    w, h = settings.GRAPH_NODE_WIDTH, settings.GRAPH_NODE_HEIGHT
    gap_x, gap_y, margin = settings.GRAPH_LAYER_GAP, settings.GRAPH_ROW_GAP, settings.GRAPH_MARGIN
    sizes = layout.layer_sizes()
    tallest = max(sizes.values())
    lanes = _lanes(layout)
    band = (max(lanes.values()) + 1) * settings.GRAPH_LANE_GAP if lanes else 0
    width = margin * 2 + (max(sizes) + 1) * w + max(sizes) * gap_x
    height = margin * 2 + band + tallest * h + (tallest - 1) * gap_y

    def box(n: str) -> tuple[float, float]:
        depth = layout.layers[n]
        offset = (tallest - sizes[depth]) * (h + gap_y) / 2  # centre short layers
        return margin + depth * (w + gap_x), margin + band + offset + layout.rows[n] * (h + gap_y)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="copy-graph" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="copy-graph-title">',
        '<title id="copy-graph-title">Copy graph: who copied whom, earlier on the left</title>',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrow-head"/></marker></defs>',
    ]
    for k, e in enumerate(layout.edges):
        (sx, sy), (tx, ty) = box(e.source), box(e.target)
        x1, y1, x2, y2 = sx + w, sy + h / 2, tx, ty + h / 2
        if k in lanes:
            # Over the layers it skips, along its lane above the drawing, so it never crosses a node.
            yl = margin + (lanes[k] + 0.5) * settings.GRAPH_LANE_GAP
            turn = gap_x / 2
            path = (f"M {x1:.1f} {y1:.1f} C {x1 + turn:.1f} {y1:.1f}, {x1 + turn / 2:.1f} {yl:.1f}, "
                    f"{x1 + turn:.1f} {yl:.1f} L {x2 - turn:.1f} {yl:.1f} C {x2 - turn / 2:.1f} {yl:.1f}, "
                    f"{x2 - turn:.1f} {y2:.1f}, {x2:.1f} {y2:.1f}")
            lx, ly = (x1 + x2) / 2, yl - 3
        else:
            bend = max(30.0, (x2 - x1) / 2)
            path = f"M {x1:.1f} {y1:.1f} C {x1 + bend:.1f} {y1:.1f}, {x2 - bend:.1f} {y2:.1f}, {x2:.1f} {y2:.1f}"
            lx, ly = (x1 + x2) / 2, (y1 + y2) / 2 - 4
        # The reused share says how much was copied word for word; a rewrite's 0% would only distract.
        # Credits carry no label: the legend names them, and there may be many.
        label = "" if e.relation == "credited" else (
            f"{e.relation} {round(100 * e.reused_share)}%" if e.reused_share else e.relation)
        classes = f"edge e-{e.relation}" + ("" if e.sure else " unsure")
        tip = _edge_tooltip(e, labels, external)
        edge_svg = f'<path d="{path}" class="{classes}" marker-end="url(#arrow)"><title>{escape(tip)}</title></path>'
        if label:
            edge_svg += (f'<text x="{lx:.1f}" y="{ly:.1f}" class="edge-label" text-anchor="middle">'
                         f"{escape(label)}</text>")
        if e.source != EXTERNAL:
            href = compare_href.format(source=quote(e.source, safe=""), target=quote(e.target, safe=""))
            edge_svg = f'<a href="{escape(href)}" class="edge-link">{edge_svg}</a>'
        parts.append(edge_svg)
    for n in layout.layers:
        x, y = box(n)
        if n == EXTERNAL:
            line1, line2, tip, href, kind = str(external), "outside the library", f"origin: {external}", None, "external"
        else:
            label = labels.get(n) or NodeLabel(n, "", n)
            line1, line2, tip, href = label.line1, label.line2, label.tooltip, label.href
            kind = "origin" if n == origin.get("article") else "article"
        node_svg = (
            f'<g class="node n-{kind}" data-node="{escape(n if n != EXTERNAL else "external")}">'
            f"<title>{escape(tip)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w}" height="{h}" rx="6"/>'
            f'<text x="{x + 8:.1f}" y="{y + 18:.1f}" class="node-line1">{escape(_clip(line1))}</text>'
            f'<text x="{x + 8:.1f}" y="{y + 35:.1f}" class="node-line2">{escape(_clip(line2))}</text></g>'
        )
        if href:
            node_svg = f'<a href="{escape(href)}">{node_svg}</a>'
        parts.append(node_svg)
    parts.append("</svg>")
    return Markup("".join(parts)), layout


def _lanes(layout: Layout) -> dict[int, int]:
    """Lanes (0 = top) for the edges that skip a layer, by their index in ``layout.edges``: edges whose
    horizontal runs do not overlap share a lane (greedy interval packing), so the band stays low."""
    long = sorted(
        (
            (layout.layers[e.source], layout.layers[e.target], k)
            for k, e in enumerate(layout.edges)
            if layout.layers[e.target] - layout.layers[e.source] > 1
        )
    )
    ends: list[int] = []  # per lane, the layer its last edge ends at
    lanes: dict[int, int] = {}
    for start, end, k in long:
        lane = next((i for i, last in enumerate(ends) if last <= start), len(ends))
        if lane == len(ends):
            ends.append(end)
        else:
            ends[lane] = end
        lanes[k] = lane
    return lanes


def _clip(text: str, limit: int = settings.GRAPH_LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _edge_tooltip(edge: Edge, labels: Mapping[str, NodeLabel], external: str | None) -> str:
    def name(n: str) -> str:
        return str(external) if n == EXTERNAL else (labels[n].line1 if n in labels else n)

    if edge.relation == "credited":
        return f"{name(edge.target)} credits {name(edge.source)}"
    text = f"{name(edge.target)} is {edge.relation} from {name(edge.source)} (score {edge.score:.2f})"
    return text if edge.sure else text + "; which one came first is uncertain"
