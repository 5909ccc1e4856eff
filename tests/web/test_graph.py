"""The copy graph's layout and SVG: layers follow derivations, cycles are cut, names are escaped."""

from __future__ import annotations

import re

from storyline.web.graph import EXTERNAL, NodeLabel, copy_graph_svg, graph_edges, layered_layout


def rel(source: str, target: str, relation: str = "edited", score: float = 0.8, confidence: float = 0.9) -> dict:
    return {"source": source, "target": target, "relation": relation, "score": score,
            "direction_confidence": confidence, "reused_share": 0.5, "spans": []}


def test_layers_follow_the_longest_derivation_path() -> None:
    edges = graph_edges([rel("a", "b"), rel("b", "c"), rel("a", "c"), rel("a", "d", "independent")], "abcd")
    layout = layered_layout(list("abcd"), edges)
    assert layout.layers == {"a": 0, "b": 1, "c": 2, "d": 0}
    assert {(e.source, e.target) for e in layout.edges} == {("a", "b"), ("b", "c"), ("a", "c")}


def test_a_weaker_edge_closing_a_cycle_is_left_out() -> None:
    edges = graph_edges([rel("a", "b", score=0.9), rel("b", "c", score=0.8), rel("c", "a", score=0.3)], "abc")
    assert ("c", "a") not in {(e.source, e.target) for e in edges}
    assert layered_layout(list("abc"), edges).layers == {"a": 0, "b": 1, "c": 2}


def test_external_origin_comes_first_and_points_to_its_crediting_articles() -> None:
    edges = graph_edges([rel("a", "b")], ["a", "b", "c"], external="Wire", credited_by=["a", "c"])
    layout = layered_layout(["a", "b", "c"], edges)
    assert layout.layers[EXTERNAL] == 0 and layout.layers["a"] == 1 and layout.layers["c"] == 1
    assert layout.layers["b"] == 2


def test_barycentre_ordering_keeps_children_next_to_their_parents() -> None:
    # x's child and y's child start in the opposite order of their parents.
    edges = graph_edges([rel("x", "cy_child"), rel("y", "cx_child")], ["x", "y", "cx_child", "cy_child"])
    layout = layered_layout(["x", "y", "cx_child", "cy_child"], edges)
    assert layout.rows["cy_child"] < layout.rows["cx_child"]  # under x, which is above y


def test_big_graphs_are_cut_keeping_derivations(monkeypatch) -> None:
    nodes = [f"n{i}" for i in range(10)]
    edges = graph_edges([rel("n8", "n9")], nodes)
    layout = layered_layout(nodes, edges, max_nodes=4)
    assert {"n8", "n9"} <= set(layout.layers) and len(layout.layers) == 4
    assert len(layout.left_out) == 6


def test_svg_escapes_names_and_links_edges_to_comparisons() -> None:
    labels = {
        "a": NodeLabel('<script>alert(1)</script>', "2024", 'tip "quoted"', href="/articles/a"),
        "b<x>": NodeLabel("B", "2024", "b", href="/articles/b%3Cx%3E"),
    }
    svg, _ = copy_graph_svg(["a", "b<x>"], labels, [rel("a", "b<x>")],
                            {"article": "a", "external": "<img src=x onerror=alert(2)>"}, ["a"])
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;" in svg and "&lt;img src=x onerror=alert(2)&gt;" in svg
    assert 'href="/compare?a=a&amp;b=b%3Cx%3E"' in svg
    assert "style=" not in svg  # the CSP forbids inline styles: classes only


def test_no_analysis_no_graph() -> None:
    svg, layout = copy_graph_svg([], {}, [], {})
    assert str(svg) == "" and layout.layers == {}


def test_edges_skipping_a_layer_run_in_lanes_above_the_nodes() -> None:
    from storyline.web.graph import _lanes

    edges = graph_edges([rel("a", "b"), rel("b", "c"), rel("c", "d"), rel("a", "c"), rel("b", "d")], "abcd")
    layout = layered_layout(list("abcd"), edges)
    long = {(layout.edges[k].source, layout.edges[k].target): lane for k, lane in _lanes(layout).items()}
    assert long == {("a", "c"): 0, ("b", "d"): 1}  # their runs overlap (layer 1 to 2): two lanes
    svg, _ = copy_graph_svg(list("abcd"), {}, [rel("a", "b"), rel("b", "c"), rel("a", "c")], {})
    runs = re.findall(r'<path d="M [^"]* L [^"]*" class="edge', svg)
    assert len(runs) == 1  # the one long edge has a straight run along its lane
