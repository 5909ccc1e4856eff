import json

import pytest

from storyline.eval.timelines import (
    BASELINE,
    METRICS,
    STORYLINE,
    average_scores,
    evaluate_timelines,
    first_sentence_baseline,
    main,
    rouge_tokens,
    score_timeline,
)
from storyline.model import Article


def test_rouge_tokens_drop_smart_stopwords_and_stem():
    assert rouge_tokens("Floods hit the town.") == ["flood", "hit", "town"]
    # "again", "the", "were" are SMART stopwords; "U.S." gives the one-letter tokens u and s, also stopwords
    assert rouge_tokens("The children were running again to the U.S. embassy") == ["children", "run", "embassi"]
    assert rouge_tokens("`` Swine-flu '' cases : 1,000") == ["swine", "flu", "case", "1", "000"]


# Worked by hand (tokens after stopwords and stemming in brackets):
#   reference 2024-01-01 "Floods hit the town ."  [flood hit town]     2024-01-05 "The river fell ." [river fell]
#   predicted 2024-01-02 "Floods hit the town ."  [flood hit town]     2024-01-05 "Rain fell again ." [rain fell]
REFERENCE = {"2024-01-01": ["Floods hit the town ."], "2024-01-05": ["The river fell ."]}
PREDICTED = {"2024-01-02": ["Floods hit the town ."], "2024-01-05": ["Rain fell again ."]}


def test_hand_checked_toy_timeline():
    scores = score_timeline(PREDICTED, REFERENCE)
    # dates: one of two shared
    assert scores["date"] == (0.5, 0.5)
    # concat: [flood hit town rain fell] vs [flood hit town river fell]: 4 of 5 unigrams,
    # bigrams (flood hit)(hit town)(town rain)(rain fell) vs (flood hit)(hit town)(town river)(river fell): 2 of 4
    assert scores["concat_rouge1"] == pytest.approx((0.8, 0.8))
    assert scores["concat_rouge2"] == pytest.approx((0.5, 0.5))
    # align+ m:1: 01-02 goes to 01-01 (cost (1 - 1/2) x (1 - 1) = 0, content identical) with weight 1/2;
    # 01-05 to 01-05 (cost 0) with weight 1; recall aligns the same pairs the other way.
    # ROUGE-1: (3 x 1/2 + 1 x 1) / (3 + 2) = 0.5 both ways; ROUGE-2: (2 x 1/2 + 0) / (2 + 1) = 1/3.
    assert scores["align_rouge1"] == pytest.approx((0.5, 0.5))
    assert scores["align_rouge2"] == pytest.approx((1 / 3, 1 / 3))


def test_alignment_prefers_content_over_a_nearer_date():
    reference = {"2024-01-01": ["Floods hit the town ."], "2024-01-10": ["The bridge reopened ."]}
    # 01-09 is nearer 01-10 but says what 01-01 said: cost to 01-01 is (1 - 1/9) x 0 = 0
    predicted = {"2024-01-09": ["Floods hit the town ."]}
    scores = score_timeline(predicted, reference)
    assert scores["align_rouge1"][0] == pytest.approx(3 * (1 / 9) / 3)
    # recall: 01-01 -> 01-09 (weight 1/9, 3 matches); 01-10 -> 01-09 (weight 1/2, no match); 3 + 2 grams
    assert scores["align_rouge1"][1] == pytest.approx(3 * (1 / 9) / 5)


def test_identical_timelines_score_one_and_empty_ones_zero():
    perfect = score_timeline(REFERENCE, REFERENCE)
    assert all(v == pytest.approx((1.0, 1.0)) for v in perfect.values())
    empty = score_timeline({}, REFERENCE)
    assert all(v == (0.0, 0.0) for v in empty.values())


def test_average_is_the_f_of_averaged_precision_and_recall():
    one = {k: (1.0, 0.5) for k in ("date", "concat_rouge1", "concat_rouge2", "align_rouge1", "align_rouge2")}
    two = {k: (0.0, 0.5) for k in one}
    averaged = average_scores([one, two])
    assert list(averaged) == list(METRICS)
    # P = 0.5, R = 0.5 -> F = 0.5 (the mean of the two F figures would be 0.333)
    assert averaged["date_f1"] == 0.5


def test_first_sentence_baseline_takes_the_busiest_days():
    arts = [
        Article("x1", "Quiet day. Nothing else.", "", published="2024-03-01"),
        Article("y1", "Busy day first. More.", "", published="2024-03-02"),
        Article("y2", "Busy day second. More.", "", published="2024-03-02"),
        Article("z1", "Outside the span.", "", published="2024-04-01"),
    ]
    for a in arts:
        a.raw_text = a.text
    assert first_sentence_baseline(arts, 1, 1, "2024-03-01", "2024-03-31") == {"2024-03-02": ["Busy day first."]}
    assert first_sentence_baseline(arts, 5, 2, "2024-03-01", "2024-03-31") == {
        "2024-03-02": ["Busy day first.", "Busy day second."], "2024-03-01": ["Quiet day."]}


def write_dataset(tmp_path):
    rows = []

    def add(id_, text, published, topic="flood", source="wire"):
        rows.append({"id": id_, "title": None, "text": text, "published": published, "source": source,
                     "url": None, "language": "en", "labels": {"topic": topic}})

    # 2024-03-05 is a Tuesday
    add("w1", "Officials said the weather would change soon. The river burst its banks in Ashby on Tuesday, "
        "flooding two hundred homes.", "2024-03-06")
    add("w2", "The river burst its banks in Ashby on Tuesday, flooding two hundred homes.", "2024-03-06")
    add("w3", "A new bridge over the river in Ashby will open on Friday after months of repairs.", "2024-03-07")
    add("w4", "A new bridge over the river in Ashby will open on Friday after months of repairs.", "2024-03-07")
    add("w5", "Long after, the town held a fair on the green with music.", "2024-05-01")  # outside the span
    add("o1", "The river burst its banks in Brill on Tuesday, flooding homes.", "2024-03-06", source="other")
    timelines = [{"topic": "flood", "collection": "flood_wire", "name": "toy", "timeline": [
        {"date": "2024-03-05", "sentences": ["The river burst its banks in Ashby , flooding homes ."]},
        {"date": "2024-03-08", "sentences": ["A new bridge opened in Ashby ."]},
    ]}]
    a = tmp_path / "articles.jsonl"
    t = tmp_path / "timelines.jsonl"
    a.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    t.write_text("\n".join(json.dumps(r) for r in timelines) + "\n")
    return str(a), str(t)


def test_evaluate_timelines_scores_storyline_beside_the_baseline(tmp_path):
    a, t = write_dataset(tmp_path)
    result = evaluate_timelines(a, t)
    assert result["task"] == "timelines" and result["dataset"] == "timelines.jsonl" and result["timelines"] == 1
    assert list(result["systems"]) == [STORYLINE, BASELINE]
    for figures in result["systems"].values():
        assert list(figures) == list(METRICS)
        assert all(0.0 <= v <= 1.0 for v in figures.values())
    # storyline reads "on Tuesday" (past) and "will open on Friday" (future) and finds both reference
    # dates; the baseline has only publication days, none of which is a reference date
    assert result["systems"][STORYLINE]["date_f1"] == 1.0
    assert result["systems"][BASELINE]["date_f1"] == 0.0
    assert result["systems"][STORYLINE]["align_rouge1_f"] > result["systems"][BASELINE]["align_rouge1_f"]


def test_main_prints_json_and_skips_missing_data(tmp_path, capsys):
    a, t = write_dataset(tmp_path)
    assert main([a, t]) == 0
    assert json.loads(capsys.readouterr().out)["task"] == "timelines"
    assert main([str(tmp_path / "missing.jsonl"), t]) == 0
    assert "skipped" in json.loads(capsys.readouterr().out)
    assert main([a]) == 2
