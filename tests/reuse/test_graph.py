from pathlib import Path

from reuse_texts import DUPLICATE, EDITED, REPORT, SYNDICATED, UNRELATED, article

import storyline
from storyline.model import Article, Relation
from storyline.reuse import copy_graph, relate

EXAMPLES = Path(storyline.__file__).parent / "examples"


def _relations(articles):
    out = []
    for i, a in enumerate(articles):
        for b in articles[i + 1 :]:
            rel = relate(a, b, context=articles)
            if rel is not None:
                out.append(rel)
    return out


def _story():
    return [
        article("dup", DUPLICATE, source="Valley Courier", published="2024-05-02"),
        article("report", REPORT, source="Northern Wire", published="2024-05-01"),
        article("wire", SYNDICATED, source="Daily Gazette"),
        article("edited", EDITED, published="2024-05-03"),
        article("concert", UNRELATED),
    ]


def test_the_root_is_the_original_and_every_copy_hangs_under_it():
    arts = _story()
    graph = copy_graph(arts, _relations(arts))
    assert graph.origin["article"] == "report"
    assert graph.origin["external"] is None
    assert set(graph.roots()) == {"report"}
    assert {e.target for e in graph.children("report")} == {"dup", "wire", "edited"}
    assert graph.origin["evidence"] and "report" in graph.origin["evidence"][-1]


def test_tree_shows_relation_share_and_confidence():
    arts = _story()
    tree = copy_graph(arts, _relations(arts)).tree()
    lines = tree.splitlines()
    assert lines[0].startswith("first in the library: report")
    assert any("dup" in line and "[duplicate," in line and "reused" in line and "direction" in line for line in lines)
    assert "concert" not in tree


def test_edges_never_form_a_cycle():
    a, b = article("a", REPORT), article("b", DUPLICATE)
    forward = Relation("a", "b", "duplicate", 0.9, direction_confidence=0.9)
    backward = Relation("b", "a", "duplicate", 0.9, direction_confidence=0.6)
    graph = copy_graph([a, b], [forward, backward])
    assert [(e.source, e.target) for e in graph.edges] == [("a", "b")]


def test_origin_is_an_outside_outlet_the_articles_credit():
    arts = [
        article("wire", SYNDICATED, source="Daily Gazette"),
        article("edited", EDITED, attributed_to=["Northern Wire"]),
    ]
    graph = copy_graph(arts, _relations(arts))
    assert graph.origin["external"] == "Northern Wire"
    evidence = " ".join(graph.origin["evidence"])
    assert "wire:" in evidence and "edited: attributed to Northern Wire" in evidence


def test_an_outlet_in_the_library_is_not_outside():
    arts = [article("wire", SYNDICATED), article("nw", REPORT, source="Northern Wire")]
    assert copy_graph(arts, _relations(arts)).origin["external"] is None


def test_to_dict_follows_the_json_contract():
    arts = _story()
    data = copy_graph(arts, _relations(arts)).to_dict()
    assert set(data) == {"origin", "relations"}
    assert set(data["origin"]) == {"article", "external", "evidence"}
    rel = data["relations"][0]
    assert set(rel) == {"source", "target", "relation", "score", "spans"}
    assert all(len(span) == 4 for r in data["relations"] for span in r["spans"])


def test_example_corpus_origin_is_al_jazeera_with_the_attributions_as_evidence():
    arts = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        credited = path.stem[:3] in ("000", "003", "004")
        arts.append(Article(id=path.stem, text=text, raw_text=text,
                            published="2024-12-13" if path.stem.startswith("004") else None,
                            attributed_to=["Al Jazeera"] if credited else []))
    graph = copy_graph(arts, _relations(arts))
    assert graph.origin["external"] == "Al Jazeera"
    evidence = "\n".join(graph.origin["evidence"])
    for prefix in ("000", "003", "004"):
        assert prefix + "_" in evidence
    assert "Al Jazeera reported" in evidence or "aljazeera.com" in evidence
