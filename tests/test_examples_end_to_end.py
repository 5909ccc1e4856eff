"""The example corpus through the whole pipeline and the CLI, checked against ../shared/corpus/seeds.gold.json
(restated here: unit tests don't read shared data)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "storyline" / "examples"
A000, A001, A002, A003, A004 = sorted(p.stem for p in EXAMPLES.glob("*.txt"))
EVENTS = [{A000, A001, A002, A004}, {A003}]

runner = CliRunner()


def _json(*args: str) -> object:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("examples") / "examples.db")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", path, "--quiet"])
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture(scope="module")
def storyline_view(db: str) -> dict:
    lines = _json("stories", "--storylines", "--json", "--db", db)
    assert len(lines) == 1, "the five articles tell one storyline"
    assert set(lines[0]["articles"]) == {A000, A001, A002, A003, A004}
    return _json("show", lines[0]["id"], "--json", "--db", db)


def test_events_are_the_gold_events(db: str) -> None:
    events = _json("stories", "--json", "--db", db)
    assert sorted(map(set, (e["articles"] for e in events)), key=len, reverse=True) == EVENTS


def test_origin_is_the_outside_outlet_with_its_credits(storyline_view: dict) -> None:
    origin = storyline_view["origin"]
    assert origin["external"] == "Al Jazeera"
    assert any("Al Jazeera reported" in line for line in origin["evidence"])


def test_the_two_copies_share_long_passages_and_the_rewrites_do_not(storyline_view: dict) -> None:
    def longest(a: str, b: str) -> int:
        spans = [
            s for r in storyline_view["relations"] if {r["source"], r["target"]} == {a, b} for s in r["spans"]
        ]
        return max((s[1] - s[0] for s in spans), default=0)

    assert longest(A002, A004) >= 200
    assert longest(A000, A002) < 200 and longest(A001, A002) < 200

    def relation(a: str, b: str) -> str | None:
        found = [r["relation"] for r in storyline_view["relations"] if {r["source"], r["target"]} == {a, b}]
        return found[0] if found else None

    assert relation(A000, A002) == "rewrite" and relation(A001, A002) == "rewrite"


def test_facts_agree_and_the_wrong_year_is_the_conflict(storyline_view: dict) -> None:
    facts = storyline_view["facts"]

    def sources(fact: dict) -> int:
        return len({m["article"] for m in fact["mentions"]})

    def agreed(value: object, at_least: int) -> bool:
        return any(f["status"] == "agreed" and f["value"] == value and sources(f) >= at_least for f in facts)

    assert agreed(103, 4)
    assert agreed(225, 3)
    assert agreed(28, 3)
    assert any(f["status"] == "agreed" and str(f["value"]).startswith("72") and sources(f) >= 4 for f in facts)
    assert agreed("2024-07-28", 2)
    conflicts = [f for f in facts if f["status"] == "conflict"]
    wrong_year = [f for f in conflicts if any(m["text"] == "2023" for m in f["mentions"])]
    assert wrong_year and wrong_year[0]["odd_ones_out"] == [A000]
    for value in (177, 910):
        assert all(f["status"] in ("updated", "unique") for f in facts if f["value"] == value)


def test_relative_date_resolves_against_the_publication_date(storyline_view: dict) -> None:
    thursday = [
        f for f in storyline_view["facts"] if f["kind"] == "date"
        for m in f["mentions"] if m["article"] == A004 and m["text"] == "on Thursday"
    ]
    assert thursday and thursday[0]["value"] == "2024-12-12"


def test_every_brief_sentence_is_cited_and_the_wrong_year_is_marked(db: str, storyline_view: dict) -> None:
    texts = {a: _json("article", a, "--json", "--db", db)["text"] for a in (A000, A001, A002, A003, A004)}
    brief = storyline_view["brief"]
    assert brief
    for sentence in brief:
        assert sentence["citations"], sentence
        holders = {a for a, text in texts.items() if sentence["text"] in text}
        assert holders <= set(sentence["citations"]), "a sentence found in several sources cites them all"
        if re.search(r"\b2023\b", sentence["text"]):
            assert sentence["disputed"]


def test_timeline_has_the_storys_dates_oldest_first(storyline_view: dict) -> None:
    dates = [e["date"] for e in storyline_view["timeline"]]
    assert dates == sorted(dates)
    for expected in ("2024-07-28", "2024-09", "2024-11-26"):
        assert any(d.startswith(expected) for d in dates), expected
    assert any(d.startswith("2024-12-1") for d in dates)
    assert all(e["citations"] for e in storyline_view["timeline"])
