"""The dedup evaluation on a tiny hand-made reuse set: its report shape, its figures and its baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval import dedup
from storyline.eval.dedup import evaluate_dedup, optimal_param, textdedup_minhash_families
from storyline.eval.metrics import adjusted_rand, pair_precision_recall

SOURCE = (
    "The city council approved a plan on Monday to replace every gas street lamp in the old quarter with "
    "low energy lights before the winter, ending more than a century of lamplighting in the district. "
    "Councillors voted by twenty votes to nine after a long debate in which residents argued that the lamps "
    "were part of the character of the streets and drew visitors to the cafes around the cathedral square. "
    "The works will start in September and cost about four million euros, paid from the climate fund. "
    "Engineers say the new lights will cut the street lighting bill by two thirds and reduce light spill "
    "into homes, while a few historic lamp posts will be kept and converted as a reminder of the past."
)
OTHER = (
    "A regional airline cancelled all its morning flights on Thursday after a computer fault stopped it "
    "from checking in passengers at four airports, leaving thousands of travellers waiting in long queues. "
    "The company said engineers had traced the problem to a failed update of its booking system overnight "
    "and that services would return to normal by the evening, although some delays were still expected. "
    "Passengers whose flights were cancelled can rebook without charge or claim a full refund online."
)
INDEPENDENT = (
    "Gas lamps that have lit the old quarter since the nineteenth century are to be switched off for good. "
    "After a heated meeting, the council backed a scheme to fit modern lighting across the district this "
    "year, despite protests from shopkeepers near the cathedral who fear that tourists will stay away. "
    "The project, funded from climate money, is expected to cost around four million euros in total."
)


def _write_dataset(tmp_path: Path) -> tuple[str, str]:
    framed = "Home | News | Sport\nSubscribe today\n" + SOURCE + "\nAll rights reserved. Share this article."
    trimmed = "BRUGES, May 2 (Wire) - " + SOURCE[: int(len(SOURCE) * 0.7)].rsplit(".", 1)[0] + ". (Wire)"
    rows = [
        {"id": "src", "text": SOURCE, "labels": {"family": "src"}},
        {"id": "src~duplicate", "text": framed, "labels": {"family": "src"}},
        {"id": "src~syndicated", "text": trimmed, "labels": {"family": "src"}},
        {"id": "other", "text": OTHER, "labels": {"family": "other"}},
        {"id": "independent", "text": INDEPENDENT, "labels": {"family": "independent"}},
        {"id": "unlabelled", "text": OTHER[:60]},
    ]
    pairs = [
        {"source": "src", "target": "src~duplicate", "relation": "duplicate"},
        {"source": "src", "target": "src~syndicated", "relation": "syndicated"},
        {"source": "src", "target": "independent", "relation": "independent"},
        {"source": "src", "target": "other", "relation": "unrelated"},
    ]
    articles_path, pairs_path = tmp_path / "tiny.articles.jsonl", tmp_path / "tiny.pairs.jsonl"
    articles_path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pairs_path.write_text("".join(json.dumps(p) + "\n" for p in pairs), encoding="utf-8")
    return str(articles_path), str(pairs_path)


def test_report_has_the_agreed_shape_and_storyline_gets_the_tiny_set_right(tmp_path: Path) -> None:
    articles, pairs = _write_dataset(tmp_path)
    report = evaluate_dedup(articles, pairs)
    assert report["task"] == "dedup" and report["dataset"] == articles
    assert set(report["systems"]) == {"storyline", "minhash_baseline"}
    keys = {"family_ari", "pair_precision", "pair_recall", "articles_per_second"}
    assert all(set(scores) == keys for scores in report["systems"].values())
    storyline = report["systems"]["storyline"]
    assert (storyline["family_ari"], storyline["pair_precision"], storyline["pair_recall"]) == (1.0, 1.0, 1.0)
    assert storyline["articles_per_second"] > 0
    # The Jaccard-0.7 baseline joins the framed copy but misses the trimmed one.
    baseline = report["systems"]["minhash_baseline"]
    assert (baseline["pair_precision"], baseline["pair_recall"]) == (1.0, 0.5)


def test_a_given_system_is_scored_in_place_of_the_family_index(tmp_path: Path) -> None:
    articles, pairs = _write_dataset(tmp_path)
    calls: list[int] = []

    def singletons(batch: list) -> dict[str, str]:
        calls.append(len(batch))
        return {a.id: a.id for a in batch}

    scores = evaluate_dedup(articles, pairs, system=singletons)["systems"]["storyline"]
    assert calls == [6] * dedup.TIMING_REPEATS
    assert (scores["family_ari"], scores["pair_precision"], scores["pair_recall"]) == (0.0, 0.0, 0.0)


def test_command_line_prints_the_report_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    articles, pairs = _write_dataset(tmp_path)
    assert dedup.main([articles, pairs]) == 0
    assert json.loads(capsys.readouterr().out)["task"] == "dedup"


def test_baseline_uses_text_dedups_bands_and_rows_for_threshold_07() -> None:
    assert optimal_param(0.7, 256) == (25, 10)


def test_baseline_replica_agrees_with_text_dedups_own_hashing(tmp_path: Path) -> None:
    loaded, _ = dedup.load_articles(_write_dataset(tmp_path)[0])
    assert textdedup_minhash_families(loaded) == textdedup_minhash_families(loaded, hashing="text-dedup")


def test_pair_metrics_and_ari_treat_missing_articles_as_singletons() -> None:
    pairs = [("a", "b", True), ("a", "c", False), ("c", "d", True)]
    assert pair_precision_recall({"a": "1", "b": "1", "c": "1"}, pairs) == (0.5, 0.5)
    assert pair_precision_recall({}, pairs) == (0.0, 0.0)
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert adjusted_rand(gold, {"a": "1", "b": "1", "c": "2", "d": "2"}) == 1.0
    assert adjusted_rand(gold, {"a": "1", "b": "1"}) < 1.0
