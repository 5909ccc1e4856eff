import json

import pytest

from storyline.eval.reuse import evaluate_reuse, main

REPORT = (
    "Flood waters forced the evacuation of more than 4,000 residents from the river town of Maple Falls on "
    "Tuesday, after the old levee gave way during the third night of heavy rain.\n"
    "Mayor Ellen Ward said emergency crews had rescued 37 people from rooftops and that two shelters at the "
    "high school and the community hall were already close to full.\n"
    "The regional weather office expects another 80 millimetres of rain before Friday, and engineers warned "
    "that a second embankment north of the town was showing signs of strain."
)
WRAPPED = "Home | News | Sport\nSubscribe to the Valley Courier today\n\n" + REPORT + "\n\nShare this article: Email"
CONCERT = (
    "The city orchestra opened its autumn season with a programme of Brahms and Sibelius, drawing a full house "
    "to the restored concert hall, where critics praised the new conductor's brisk tempos."
)


@pytest.fixture()
def dataset(tmp_path):
    articles = [
        {"id": "report", "text": REPORT, "published": "2024-05-01", "source": "Valley Times", "title": None},
        {"id": "copy", "text": WRAPPED, "published": None, "source": "Valley Courier", "title": None},
        {"id": "concert", "text": CONCERT, "published": "2024-05-01", "source": "Arts Daily", "title": None},
    ]
    start = WRAPPED.index(REPORT)
    pairs = [
        {"source": "report", "target": "copy", "relation": "duplicate",
         "spans": [[0, len(REPORT), start, start + len(REPORT)]], "changed_numbers": []},
        {"source": "report", "target": "concert", "relation": "unrelated", "spans": [], "changed_numbers": []},
    ]
    a, p = tmp_path / "tiny.articles.jsonl", tmp_path / "tiny.pairs.jsonl"
    a.write_text("\n".join(json.dumps(r) for r in articles), encoding="utf-8")
    p.write_text("\n".join(json.dumps(r) for r in pairs), encoding="utf-8")
    return str(a), str(p)


def test_result_shape_and_figures(dataset):
    result = evaluate_reuse(*dataset)
    assert result["task"] == "reuse" and result["dataset"] == "tiny"
    assert set(result["systems"]) == {"storyline", "sentence_baseline"}
    keys = {"relation_macro_f1", "direction_accuracy", "span_precision", "span_recall", "span_f1"}
    for figures in result["systems"].values():
        assert set(figures) == keys
        assert all(0.0 <= v <= 1.0 for v in figures.values())
    ours = result["systems"]["storyline"]
    assert ours["relation_macro_f1"] == 1.0 and ours["direction_accuracy"] == 1.0
    assert ours["span_f1"] > 0.99


def test_command_line_prints_json(dataset, capsys):
    assert main(list(dataset)) == 0
    assert json.loads(capsys.readouterr().out)["task"] == "reuse"
    assert main([]) == 2


def test_confusion_table_on_request(dataset, capsys):
    result = evaluate_reuse(*dataset, confusion=True)
    assert result["confusion"]["storyline"] == {"duplicate": {"duplicate": 1}, "unrelated": {"unrelated": 1}}
    assert "confusion" not in evaluate_reuse(*dataset)
    assert main([*dataset, "--confusion"]) == 0
    assert "confusion" in json.loads(capsys.readouterr().out)
