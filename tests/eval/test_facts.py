import json

from storyline.eval.facts import evaluate_facts, main


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


SOURCE = ("The rig exploded on 20 April, killing 11 workers and injuring 17 others.\n"
          "BP shares fell 5% in London trading on Monday, the company said.\n")
EDITED = ("BP shares fell 5% in London trading on Monday, the company said.\n"
          "The rig explodd on 20 April, killing 12 workers and injuring 17 others.\n")
HOST = "Markets were calm.\nBP shares fell 5% in London trading on Monday, the company said.\nOil rose 2% to $ 80."


def dataset(tmp_path):
    articles = [
        {"id": "s", "text": SOURCE, "published": "2010-05-03"},
        {"id": "e", "text": EDITED, "published": None},
        {"id": "d", "text": SOURCE, "published": "2010-05-03"},
        {"id": "p", "text": HOST, "published": "2010-05-04"},
        {"id": "u", "text": "Unrelated: 3 people met.", "published": None},
    ]
    s11 = SOURCE.index("11")
    e12 = EDITED.index("12")
    pairs = [
        {"source": "s", "target": "e", "relation": "edited", "spans": [],
         "changed_numbers": [{"source_span": [s11, s11 + 2], "target_span": [e12, e12 + 2],
                              "source_text": "11", "target_text": "12"}]},
        {"source": "s", "target": "d", "relation": "duplicate", "spans": [], "changed_numbers": []},
        {"source": "s", "target": "p", "relation": "partial", "spans": [], "changed_numbers": []},
        {"source": "s", "target": "u", "relation": "unrelated", "spans": [], "changed_numbers": []},
    ]
    a, p = tmp_path / "x.articles.jsonl", tmp_path / "x.pairs.jsonl"
    write_jsonl(a, articles)
    write_jsonl(p, pairs)
    return str(a), str(p)


def test_changed_number_found_and_no_false_alarms(tmp_path):
    result = evaluate_facts(*dataset(tmp_path), with_reuse_passages=False)
    assert result["task"] == "facts" and result["dataset"] == "x"
    assert result["gold_changed_numbers"] == 1
    assert result["pairs"] == {"edited": 1, "duplicate": 1, "partial": 1}  # unrelated pairs are not copies
    for name in ("storyline", "aligned_number_baseline"):
        scores = result["systems"][name]
        assert scores["conflict_recall"] == 1.0 and scores["conflict_precision"] == 1.0


def test_command_line_prints_json(tmp_path, capsys):
    articles, pairs = dataset(tmp_path)
    assert main([articles, pairs]) == 0
    assert "storyline" in json.loads(capsys.readouterr().out)["systems"]
    assert main([str(tmp_path / "missing.jsonl"), pairs]) == 1
