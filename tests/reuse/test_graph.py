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


def _cleaned_corpus():
    from storyline.clean import clean_article
    from storyline.model import RawArticle

    return [clean_article(RawArticle(id=p.stem[:3], text=p.read_text(encoding="utf-8"), location=str(p)))
            for p in sorted(EXAMPLES.glob("*.txt"))]


def test_example_tree_hangs_the_siblings_under_the_outside_origin():
    arts = _cleaned_corpus()
    graph = copy_graph(arts, _relations(arts))
    assert graph.origin["external"] == "Al Jazeera"
    assert graph.crediting == ["000", "003", "004"]
    evidence = "\n".join(graph.origin["evidence"])
    assert '000: "Original Source: www.aljazeera.com"' in evidence and "Al Jazeera reported" in evidence
    lines = graph.tree().splitlines()
    assert lines[0] == "origin: Al Jazeera (outside the library, credited by 000, 003, 004)"
    assert "Al Jazeera (outside the library)" in lines
    # no direction is known between them: every article is a child of the outlet, none a copy of another
    children = [line for line in lines if line.startswith(("├── ", "└── "))]
    assert sorted(line[4:7] for line in children) == ["000", "001", "002", "003", "004"]
    assert not any(("├──" in line or "└──" in line) and not line.startswith(("├", "└")) for line in lines)
    # the pairs that share text or report are marked under the later of the two
    below_002 = lines[lines.index(next(line for line in lines if line.startswith("├── 002"))) + 1]
    assert below_002.lstrip("│ ").startswith("≈ 004 (edited; the shared passages cover")
    # independent pairs stay in the relations, not in the tree
    assert any(r.relation == "independent" for r in graph.relations)
    assert " ~ " not in graph.tree() and "independent" not in graph.tree()


def test_independent_reports_are_one_summary_line():
    a, b, c = article("a", REPORT), article("b", REPORT + " "), article("c", REPORT)
    rels = [Relation("a", "b", "duplicate", 1.0, direction_confidence=0.9, reused_share=1.0),
            Relation("a", "c", "independent", 0.4), Relation("b", "c", "independent", 0.4)]
    tree = copy_graph([a, b, c], rels).tree()
    assert tree.splitlines()[-1] == "1 article reports it independently: c (2 independent pairs in the relations)"
    assert "~" not in tree


def test_coin_flips_without_an_outside_origin_still_read_from_the_root():
    a = article("a", REPORT, published="2024-05-01")
    b, c = article("b", REPORT), article("c", REPORT)
    rels = [Relation("b", "a", "duplicate", 1.0, direction_confidence=0.5, reused_share=1.0),
            Relation("b", "c", "duplicate", 1.0, direction_confidence=0.5, reused_share=1.0)]
    graph = copy_graph([a, b, c], rels)
    lines = graph.tree().splitlines()
    assert lines[1] == "a" and lines[2].startswith("└── b") and "c" in lines[3]
    assert "≈" not in graph.tree()
