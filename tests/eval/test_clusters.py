"""The clusters evaluation on a tiny labelled JSONL written here."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.eval import clusters
from storyline.eval.bcubed import bcubed_precision_recall_f1

ROWS = [
    ("q1", "A magnitude 8.2 earthquake struck northern Chile near Iquique, killing six people.", "2014-04-02", "e1", "t1"),
    ("q2", "Chile's 8.2 earthquake near Iquique killed six people, President Bachelet said.", "2014-04-02", "e1", "t1"),
    ("q3", "A 7.8 earthquake struck Nepal near Kathmandu, killing 1,800 people.", "2015-04-25", "e2", "t1"),
    ("q4", "Nepal's 7.8 earthquake killed 1,800 people in Kathmandu, Koirala said.", "2015-04-26", "e2", "t1"),
    ("r1", "Lindsay Lohan checked into the Betty Ford Center for 90 days of rehab.", "2013-05-03", "e3", "t2"),
    ("r2", "Lohan entered the Betty Ford Center rehab clinic for a 90-day stay.", "2013-05-03", "e3", "t2"),
]


def write(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for aid, text, pub, event, topic in ROWS:
            f.write(json.dumps({"id": aid, "title": None, "text": text, "published": pub, "source": "x",
                                "labels": {"event": event, "topic": topic}}) + "\n")
    return path


def test_bcubed_definition() -> None:
    p, r, f = bcubed_precision_recall_f1(["a", "a", "b"], [1, 1, 1])
    assert (p, round(r, 6), round(f, 6)) == (1.0, round(5 / 9, 6), round(2 * 5 / 9 / (1 + 5 / 9), 6))
    assert bcubed_precision_recall_f1({"x": 1, "y": 1}, {"x": "g", "y": "h"})[0] == 0.5


def test_evaluate_clusters_returns_the_contract(tmp_path: Path) -> None:
    path = write(tmp_path)
    result = clusters.evaluate_clusters(str(path), "event")
    assert result["task"] == "clusters" and result["label"] == "event" and result["dataset"] == "tiny"
    assert set(result["systems"]) == {"storyline", "tfidf_agglomerative", "wordllama_agglomerative"}
    for scores in result["systems"].values():
        assert set(scores) == {"bcubed_precision", "bcubed_recall", "bcubed_f1", "ari", "clusters"}
        assert 0.0 <= scores["bcubed_f1"] <= 1.0
    assert result["systems"]["storyline"]["bcubed_f1"] >= 0.8
    topic = clusters.evaluate_clusters(str(path), "topic", tune_path=str(path))
    assert topic["label"] == "topic"


def test_cli_prints_json(tmp_path: Path, capsys) -> None:  # noqa: ANN001 - pytest fixture
    path = write(tmp_path)
    assert clusters.main([str(path), "--label", "event", "--batches", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["batching"]["batches"] == 3


def test_missing_file_is_skipped(tmp_path: Path, capsys) -> None:  # noqa: ANN001 - pytest fixture
    assert clusters.main([str(tmp_path / "absent.jsonl")]) == 0
    assert "not found" in capsys.readouterr().err


def test_tune_weights_runs_on_tiny_files(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001 - pytest fixture
    write(tmp_path)
    monkeypatch.setattr(clusters, "TUNING_FILES", {"event": (("tiny", "event"),), "storyline": (("tiny", "topic"),)})
    for level in ("event", "storyline"):
        weights = clusters.tune_weights(level, tmp_path, rounds=1, log=None)
        assert {"words", "entities", "threshold"} <= set(weights)
        assert all(weights[k] <= 0 for k in ("date_presence", "number_presence", "head_presence", "dated"))
        searched = clusters.search_weights(level, tmp_path, trials=5, log=None)
        assert set(searched) == set(weights)
        assert all(searched[k] <= 0 for k in ("date_presence", "number_presence", "head_presence", "dated"))


def test_storyline_cli_reports_batching_in_shuffled_orders(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app

    path = write(tmp_path)
    result = CliRunner().invoke(app, ["eval", "clusters", str(path), "--batches", "3", "--shuffles", "2", "--json"])
    assert result.exit_code == 0, result.output
    batching = json.loads(result.output)["batching"]
    assert batching["batches"] == 3 and [o["seed"] for o in batching["orders"]] == [1, 2]
    for row in [batching, *batching["orders"]]:
        assert 0.0 <= row["event_bcubed_f1"] <= 1.0 and 0.0 <= row["storyline_bcubed_f1"] <= 1.0
    table = CliRunner().invoke(app, ["eval", "clusters", str(path), "--batches", "3", "--shuffles", "1"])
    assert "3 batches against one" in table.output and "shuffled (seed 1)" in table.output


def test_storyline_tuning_cuts_the_storylines_the_clusterer_cuts(tmp_path: Path) -> None:
    # The tuner scores storyline weights by mean-of-max linkage over the settled events of a one-batch run;
    # at the current weights that must be the clusterer's own one-batch result, or tuning optimises
    # something else.
    from storyline.cluster import settings as S

    path = write(tmp_path)
    data = clusters._tuning_set(path, "topic", "storyline")
    threshold = S.STORYLINE_WEIGHTS.threshold
    [proxy] = clusters._storyline_f1s(data, S.STORYLINE_WEIGHTS, [threshold])
    articles, labels = clusters.load_articles(path)
    online = clusters.storyline_clustering(articles, 1)[1]
    gold = [str(lab["topic"]) for lab in labels]
    assert proxy == bcubed_precision_recall_f1([online[a.id] for a in articles], gold)[2]
