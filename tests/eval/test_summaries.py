import json

from storyline.eval.summaries import evaluate_summaries, main


def write_dataset(tmp_path, n_clusters: int = 2):
    articles, clusters = [], []
    for c in range(n_clusters):
        place = ["Ashby", "Brill", "Corfe", "Dunham", "Exton", "Frome"][c]
        texts = [
            f"Floods hit {place} on Monday after the river burst its banks near the old bridge in the town. "
            f"Rescue teams from three counties reached families stranded on rooftops overnight.",
            f"The river burst its banks in {place} on Monday and flooded two hundred homes near the bridge. "
            f"Shops on the high street stayed closed and the railway line was cut near the station.",
            f"The mayor of {place} asked residents to stay away from the river until the water falls. "
            f"Floods hit {place} on Monday after the river burst its banks near the old bridge in the town.",
        ]
        ids = [f"c{c}-{i}" for i in range(len(texts))]
        for id_, text in zip(ids, texts, strict=True):
            articles.append({"id": id_, "title": None, "text": text, "published": "2024-03-04",
                             "source": "Wire", "url": None, "language": "en", "labels": {"event": f"c{c}"}})
        clusters.append({
            "cluster": f"c{c}", "articles": ids, "word_limit": 20,
            "references": [f"Floods hit {place} on Monday when the river burst its banks.",
                           f"The river flooded homes in {place} and rescue teams reached stranded families."],
            "peers": {"Lead": texts[0], "Empty": "Nothing relevant was written here at all."},
        })
    a = tmp_path / "articles.jsonl"
    s = tmp_path / "summaries.jsonl"
    a.write_text("\n".join(json.dumps(x) for x in articles) + "\n")
    s.write_text("\n".join(json.dumps(x) for x in clusters) + "\n")
    return str(a), str(s)


def test_scores_storyline_beside_every_peer(tmp_path):
    a, s = write_dataset(tmp_path)
    result = evaluate_summaries(a, s)
    assert result["task"] == "summaries"
    assert result["dataset"] == "summaries.jsonl"
    systems = result["systems"]
    assert list(systems)[0] == "storyline"
    assert {"storyline", "Lead", "Empty"} <= set(systems)
    for scores in systems.values():
        assert set(scores) == {"rouge1_recall", "rouge2_recall"}
        assert 0 <= scores["rouge2_recall"] <= scores["rouge1_recall"] <= 100
    assert systems["storyline"]["rouge1_recall"] > systems["Empty"]["rouge1_recall"]
    assert "storyline (cross-validated)" not in systems  # too few clusters to cross-validate


def test_summaries_are_cut_at_the_word_limit(tmp_path):
    a, s = write_dataset(tmp_path, 1)
    long_text = " ".join(["floods"] * 5 + ["filler"] * 30 + ["rescue", "teams"])
    rows = [json.loads(line) for line in (tmp_path / "summaries.jsonl").read_text().splitlines()]
    rows[0]["peers"] = {"Long": long_text}
    (tmp_path / "summaries.jsonl").write_text(json.dumps(rows[0]) + "\n")
    result = evaluate_summaries(a, s, summarize=lambda articles, limit: "rescue teams")
    # "rescue teams" lies beyond the 20-word cut of the peer, so the peer gets no credit for it
    assert result["systems"]["Long"]["rouge2_recall"] == 0.0
    assert result["systems"]["storyline"]["rouge2_recall"] > 0.0


def test_cross_validated_run_and_cli(tmp_path, capsys):
    a, s = write_dataset(tmp_path, 6)
    result = evaluate_summaries(a, s)
    assert "storyline (cross-validated)" in result["systems"]
    assert main([a, s]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["systems"].keys() == result["systems"].keys()
    assert main(["--fit", a, s]) == 0
    assert "BIGRAM_MODEL = " in capsys.readouterr().out
    assert main([a]) == 2


def test_missing_data_is_skipped(tmp_path, capsys):
    assert main([str(tmp_path / "none.jsonl"), str(tmp_path / "nothing.jsonl")]) == 0
    assert "skipped" in json.loads(capsys.readouterr().out)
