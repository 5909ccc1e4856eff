"""Cutting a text into highlight runs."""

from __future__ import annotations

from storyline.web.highlight import parse_spans, segments


def test_runs_cover_the_text_exactly_once() -> None:
    text = "The river burst its banks."
    runs = segments(text, [(4, 9, 0), (10, 15, 1)])
    assert "".join(r.text for r in runs) == text
    assert [(r.text, r.key) for r in runs] == [("The ", None), ("river", 0), (" ", None), ("burst", 1),
                                               (" its banks.", None)]
    assert runs[1].starts == (0,) and runs[3].starts == (1,)


def test_overlapping_and_nested_spans_keep_every_anchor() -> None:
    runs = segments("abcdefgh", [(0, 6, "outer"), (2, 4, "inner"), (5, 8, "tail")])
    assert [r.text for r in runs] == ["ab", "cd", "e", "f", "gh"]
    assert runs[1].keys == ("outer", "inner") and runs[1].key == "outer"
    assert runs[1].starts == ("inner",) and runs[3].starts == ("tail",)


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    runs = segments("short", [(3, 99, "a"), (50, 60, "b"), (2, 2, "c"), (-5, 1, "d")])
    assert [(r.text, r.keys) for r in runs] == [("s", ("d",)), ("ho", ()), ("rt", ("a",))]


def test_spans_from_query_parameters() -> None:
    assert parse_spans(["10-20", "5-3", "x-9", "7", "30-40"]) == [(10, 20), (30, 40)]
    assert len(parse_spans([f"{i}-{i + 1}" for i in range(100)], limit=5)) == 5
