from pathlib import Path

import pytest

import storyline
from storyline.brief.timeline import TimelineEntry, timeline
from storyline.model import Article

EXAMPLES = Path(storyline.__file__).parent / "examples"


def article(id: str, text: str, published: str | None = None) -> Article:
    return Article(id=id, text=text, raw_text=text, published=published)


# 2024-03-08 is a Friday.
FLOOD = "The river burst its banks in Ashby on Tuesday, flooding two hundred homes near the old bridge."
SHELTER = "A school in the west of the county opened as a shelter on Wednesday for families who lost homes."
RANGE = "Rescue teams from three counties worked from Monday to Wednesday to reach families on rooftops."


def story() -> list[Article]:
    return [
        article("a", f"{FLOOD} {RANGE} The mayor asked residents to stay away from the river.", "2024-03-08"),
        article("b", f"Heavy rain had fallen for days before the flood. {FLOOD} {SHELTER}", "2024-03-08"),
        article("c", f"{FLOOD} {SHELTER} Insurance claims could run into millions of pounds.", None),
        article("d", f"{RANGE} Officials said the railway line near the station would reopen in April.",
                "2024-03-09"),
    ]


def test_relative_dates_resolve_against_the_publication_date():
    entries = timeline(story())
    flood = [e for e in entries if e.text == FLOOD]
    assert [e.date for e in flood] == ["2024-03-05"]  # "on Tuesday" in articles of Friday 8 March


def test_an_undated_article_is_read_against_the_story_dates():
    # c has no date of its own: its "on Tuesday" is read against the story's (8 March) and joins the others
    (flood,) = [e for e in timeline(story()) if e.date == "2024-03-05"]
    assert sorted(flood.citations) == ["a", "b", "c"]


def test_ranges_are_kept_as_ranges():
    entries = timeline(story())
    assert "2024-03-04/2024-03-06" in [e.date for e in entries]
    (rescue,) = [e for e in entries if e.date == "2024-03-04/2024-03-06"]
    assert rescue.text == RANGE and sorted(rescue.citations) == ["a", "d"]


def test_lines_are_oldest_first_and_spans_of_their_article():
    entries = timeline(story())
    assert entries
    starts = [e.date.split("/")[0] for e in entries]
    assert starts == sorted(starts)
    texts = {a.id: a.text for a in story()}
    for e in entries:
        assert isinstance(e, TimelineEntry)
        assert texts[e.article][e.start:e.end] == e.sentences[0]
        assert e.citations[0] == e.article


def test_a_sentence_in_several_articles_cites_them_all():
    (shelter,) = [e for e in timeline(story()) if e.date == "2024-03-06"]
    assert shelter.text == SHELTER and sorted(shelter.citations) == ["b", "c"]


def test_max_dates_keeps_the_most_spoken_of_dates():
    (only,) = timeline(story(), max_dates=1)
    assert only.date == "2024-03-05"  # named by three articles
    assert len(timeline(story(), max_dates=2)) == 2
    assert timeline(story(), max_dates=0) == []


def test_sentences_per_date():
    arts = [
        article("a", "The bridge in Ashby collapsed on Tuesday after the river rose overnight. Police closed "
                "the road to Brill on Tuesday while engineers inspected the damage.", "2024-03-08"),
        article("b", "The bridge in Ashby collapsed on Tuesday after the river rose overnight.", "2024-03-08"),
    ]
    (one,) = timeline(arts, sentences_per_date=1)
    (two,) = timeline(arts, sentences_per_date=2)
    assert len(one.sentences) == 1 and len(two.sentences) == 2
    assert two.text == " ".join(two.sentences)
    assert sorted(two.citations) == ["a", "b"]


def test_a_month_appears_only_when_no_day_inside_it_is_named():
    arts = [
        article("a", "The minister fled to Spain in September after threats against his family. The July "
                "elections were held on July 28 across the whole country.", "2024-12-13"),
        article("b", "The minister fled to Spain in September, where he was granted asylum by the court. "
                "Voters went to the polls on July 28 in the July elections.", "2024-12-13"),
    ]
    dates = [e.date for e in timeline(arts)]
    assert "2024-09" in dates and "2024-07-28" in dates
    assert "2024-07" not in dates


def test_days_only_and_the_date_window():
    entries = timeline(story(), days_only=True)
    assert entries and all(len(e.date) == 10 for e in entries)
    assert [e.date for e in timeline(story(), start="2024-03-06", end="2024-03-07")] == ["2024-03-06"]
    # the day a and b were published is a date of its own, said by an opening sentence with no date
    (published,) = timeline(story(), start="2024-03-08", end="2024-03-08")
    assert published.text == "The mayor asked residents to stay away from the river."


def test_a_date_one_article_mentions_in_passing_is_left_out_by_default():
    # "in April" is named by d alone: a detail, not a happening of the story
    assert all(not e.date.startswith("2024-04") for e in timeline(story()))
    assert any(e.date == "2024-04" for e in timeline(story(), max_dates=10))


def test_the_fuller_statement_with_the_figure_is_preferred():
    core = ("The attorney general said the court granted precautionary measures to other detainees held since "
            "the protests on November 26.")
    fuller = ("The attorney general said the court granted precautionary measures to 225 other detainees held "
              "since the protests on November 26.")
    arts = [article("a", core, "2024-12-13"), article("b", core, "2024-12-13"), article("c", fuller, "2024-12-13")]
    (entry,) = timeline(arts)
    assert entry.date == "2024-11-26" and "225" in entry.text
    assert entry.citations == ["c"]  # a and b do not state the 225


def test_a_line_reads_alone_when_a_candidate_does():
    # The sentence that opens on "He" is the most central (it is in every article); the one naming who is
    # said instead. With no candidate that reads alone, the other is still said.
    leaning = "He said the dam above Ashby failed on Tuesday after two days of rain flooded the valley."
    alone = "The mayor of Ashby said the dam above the town failed on Tuesday after rain flooded the valley."
    arts = [article("a", leaning, "2024-03-08"), article("b", leaning, "2024-03-08"),
            article("c", f"{alone} {leaning}", "2024-03-08")]
    (entry,) = timeline(arts)
    assert entry.date == "2024-03-05" and entry.text == alone
    (entry,) = timeline(arts[:2])
    assert entry.text == leaning


def test_empty_inputs():
    assert timeline([]) == []
    assert timeline([article("a", "", "2024-01-01")]) == []
    assert timeline([article("a", "Nothing dated is said here at all in this short text.")]) == []


@pytest.fixture(scope="module")
def example_timeline() -> list[TimelineEntry]:
    articles = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # only 004 states its publication date (the clean stage reads it from the text)
        articles.append(article(path.stem, text, "2024-12-13" if path.stem.startswith("004") else None))
    return timeline(articles)


def test_example_corpus_timeline(example_timeline):
    by_date = {e.date: e for e in example_timeline}
    election = by_date["2024-07-28"]
    assert "July 28" in election.text and "Maduro" in election.text
    spain = by_date["2024-09"]
    assert "Spain" in spain.text and "September" in spain.text
    measures = by_date["2024-11-26"]
    assert "225" in measures.text and "precautionary measures" in measures.text
    released = [e for d, e in by_date.items() if d in ("2024-12-10/2024-12-12", "2024-12-12") and "103" in e.text]
    assert released and any(len(e.citations) >= 2 for e in released)
    assert "2023" not in by_date and "2024-07" not in by_date
    starts = [e.date.split("/")[0] for e in example_timeline]
    assert starts == sorted(starts)
    assert all(e.citations for e in example_timeline)
