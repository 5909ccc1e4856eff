import doctest
import importlib
from pathlib import Path

import pytest
from reuse_texts import (
    DUPLICATE,
    EDITED,
    INDEPENDENT,
    PARTIAL,
    REPORT,
    REWRITE,
    SYNDICATED,
    UNRELATED,
    article,
)

import storyline
from storyline.model import Article
from storyline.reuse import relate, settings

EXAMPLES = Path(storyline.__file__).parent / "examples"


def _example(prefix: str, **meta) -> Article:
    [path] = EXAMPLES.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return Article(id=path.stem, text=text, raw_text=text, **meta)


@pytest.mark.parametrize(
    ("text", "expected"),
    [(DUPLICATE, "duplicate"), (SYNDICATED, "syndicated"), (EDITED, "edited"), (PARTIAL, "partial"),
     (REWRITE, "rewrite"), (INDEPENDENT, "independent")],
)
def test_relation_does_not_depend_on_the_order_given(text, expected):
    report = article("report", REPORT, published="2024-05-01", source="Valley Times")
    copy = article("copy", text, published="2024-05-02", source="Valley Courier")
    for a, b in ((report, copy), (copy, report)):
        rel = relate(a, b)
        assert rel is not None and rel.relation == expected
        assert (rel.source, rel.target) == ("report", "copy")
        assert rel.direction_confidence >= 0.95


def test_passages_come_source_side_first_after_reorienting():
    rel = relate(article("wire", SYNDICATED), article("report", REPORT))
    assert rel.source == "report"
    assert rel.passages
    for p in rel.passages:
        assert REPORT[p.source_start : p.source_start + 40] == SYNDICATED[p.target_start : p.target_start + 40]


def test_unrelated_articles_give_none():
    assert relate(article("a", REPORT), article("b", UNRELATED)) is None


def test_independent_and_rewrite_relations_carry_no_spans():
    assert relate(article("a", REPORT), article("b", INDEPENDENT)).passages == []
    assert relate(article("a", REPORT), article("b", REWRITE)).passages == []


def test_docstring_example():
    assert doctest.testmod(importlib.import_module("storyline.reuse.relate")).failed == 0


# --- the example corpus -----------------------------------------------------------------------------------


def _longest_words(a: Article, b: Article) -> int:
    from storyline.reuse import align

    return max((len(b.text[p.target_start : p.target_end].split()) for p in align(a, b)), default=0)


def test_example_002_and_004_share_long_aligned_passages():
    a, b = _example("002"), _example("004")
    assert _longest_words(a, b) >= 3 * settings.REUSE_MIN_WORDS
    rel = relate(a, b)
    assert rel.relation in ("edited", "partial") and rel.passages


@pytest.mark.parametrize("rewrite", ["000", "001"])
def test_example_rewrites_share_no_long_passage_with_002(rewrite):
    assert _longest_words(_example(rewrite), _example("002")) < settings.REUSE_MIN_WORDS
    rel = relate(_example(rewrite), _example("002"))
    assert rel is not None and rel.relation in ("rewrite", "independent") and rel.passages == []


def test_example_001_retells_002_in_order():
    assert relate(_example("001"), _example("002")).relation == "rewrite"


# --- the example corpus as the pipeline sees it (cleaned: 004 dated and credited, set-apart credit lines) ---


def _cleaned_corpus() -> dict[str, Article]:
    from storyline.clean import clean_article
    from storyline.model import RawArticle

    out = {}
    for path in sorted(EXAMPLES.glob("*.txt")):
        raw = RawArticle(id=path.stem, text=path.read_text(encoding="utf-8"), location=str(path))
        out[path.stem[:3]] = clean_article(raw)
    return out


def test_cleaned_example_000_is_a_rewrite_of_the_report_002_and_004_carry():
    arts = _cleaned_corpus()
    story = list(arts.values())
    for other in ("002", "004"):
        rel = relate(arts["000"], arts[other], context=story)
        assert rel is not None and rel.relation == "rewrite", other
        assert rel.passages == []
        assert any("Al Jazeera" in line for line in rel.evidence)


def test_cleaned_example_001_is_a_rewrite_and_003_another_event():
    arts = _cleaned_corpus()
    story = list(arts.values())
    assert relate(arts["001"], arts["002"], context=story).relation == "rewrite"
    # two rewrites of the same report: 004, which 001 retells, credits the outlet 000 credits
    assert relate(arts["000"], arts["001"], context=story).relation == "rewrite"
    # 003 credits the same outlet but tells a later event: nothing retold in order
    for other in ("000", "002", "004"):
        rel = relate(arts["003"], arts[other], context=story)
        assert rel is None or rel.relation == "independent"
