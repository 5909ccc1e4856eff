"""End to end: the example corpus, hashes, and what cleaning keeps of the input."""

import hashlib
from pathlib import Path

import pytest

import storyline
from storyline.clean import InMemorySiteLines, clean_article, normalise_for_hash, to_raw_span
from storyline.model import RawArticle

EXAMPLES = Path(storyline.__file__).parent / "examples"


def _example(prefix: str):
    (path,) = EXAMPLES.glob(f"{prefix}_*.txt")
    raw = RawArticle(id=path.stem, text=path.read_text(encoding="utf-8"), location=str(path))
    return raw, clean_article(raw)


def test_example_002_loses_its_doubled_site_header():
    raw, article = _example("002")
    assert article.removed_boilerplate == [
        "Useful information",
        "Prime News delivers timely, accurate news and insights on global events, politics, business, and technology",
    ]
    assert article.text.startswith("Venezuela’s government has moved")
    assert "Useful information" not in article.text
    assert article.attributed_to == []  # "according to the attorney general’s office" is no outlet
    # The body is the raw text, unchanged, after the header.
    s, e = to_raw_span(article, 0, len(article.text))
    assert raw.text[s:e].rstrip("\n") == article.text


def test_example_004_metadata():
    _, article = _example("004")
    assert article.title == "Venezuela President releases 103 people imprisoned since disputed July election"
    assert article.published == "2024-12-13"
    assert article.dateline == "Caracas"
    assert article.attributed_to == ["Al Jazeera"]
    assert {"title", "published", "dateline", "attributed_to"} <= set(article.guessed)
    assert article.removed_boilerplate == []


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_examples_crediting_the_original_source(prefix):
    _, article = _example(prefix)
    assert article.attributed_to == ["Al Jazeera"]
    assert "Original Source" not in article.text  # a credit footer is boilerplate; its outlet is kept


def test_example_000_headline_and_001_without_metadata():
    _, first = _example("000")
    assert first.title == "Venezuela Releases Prisoners Amid Ongoing Political Turmoil Post-Election"
    _, plain = _example("001")
    assert plain.title is None and plain.published is None and plain.dateline is None
    assert plain.attributed_to == [] and plain.removed_boilerplate == []
    assert plain.text.startswith("The Venezuelan government, led by President Nicolás Maduro")


def test_every_example_keeps_its_raw_text_and_maps_back():
    for path in sorted(EXAMPLES.glob("*.txt")):
        raw = RawArticle(id=path.stem, text=path.read_text(encoding="utf-8"), location=str(path))
        article = clean_article(raw)
        assert article.raw_text == raw.text
        for clean_start, raw_start, length in article.segments:
            assert (
                article.text[clean_start : clean_start + length] == raw.text[raw_start : raw_start + length]
            )
        assert sum(length for _, _, length in article.segments) == len(article.text)


def test_hashes():
    raw = RawArticle(id="x1", text="Cargo “volumes” fell.\n", location="test")
    article = clean_article(raw)
    assert article.content_hash == hashlib.sha1(b"x1\0" + raw.text.encode()).hexdigest()
    assert article.text_hash == hashlib.sha1(normalise_for_hash(article.text).encode()).hexdigest()
    # Same words with other quotes, case and spacing: an exact copy. Another id: another article.
    copy = clean_article(RawArticle(id="x2", text='cargo  "VOLUMES" fell.', location="test"))
    assert copy.text_hash == article.text_hash
    assert copy.content_hash != article.content_hash


def test_copies_in_different_templates_share_a_text_hash_once_learnt():
    memory = InMemorySiteLines()
    body = "Cargo volumes fell by a fifth in the first quarter, the port authority said on Tuesday."
    articles = []
    for n in range(6):
        story = f"The strike in district {n} lasted almost three weeks, officials said on Monday."
        clean_article(
            RawArticle(
                id=f"h{n}", text=f"Harbor Daily menu line\n{story}", location="t", source="Harbor Daily"
            ),
            memory,
        )
    for site, header in [("Harbor Daily", "Harbor Daily menu line"), ("Other Site", "")]:
        text = f"{header}\n{body}" if header else body
        articles.append(clean_article(RawArticle(id=site, text=text, location="t", source=site), memory))
    assert articles[0].text == articles[1].text == body
    assert articles[0].text_hash == articles[1].text_hash


def test_input_fields_pass_through():
    raw = RawArticle(
        id="p1",
        text="Body text of the article, long enough to be a sentence.",
        location="feed.xml#entry 3",
        source="Harbor Daily",
        url="https://harbor.example/a",
        language="en",
        extra={"section": "world"},
    )
    article = clean_article(raw)
    assert (article.location, article.source, article.url, article.language) == (
        "feed.xml#entry 3",
        "Harbor Daily",
        "https://harbor.example/a",
        "en",
    )
    assert article.extra == {"section": "world"} and article.extra is not raw.extra
    assert article.site == "harbor daily"


def test_a_wire_pick_up_note_run_on_to_the_last_paragraph_is_cut_off():
    # AP's 1998 wire (DUC 2004) ends some write-thrus with where the previous version resumes.
    text = (
        "Hurricane Mitch hit the coast of Honduras on Tuesday, the weather service said.\n\n"
        "``Few houses have remained standing,'' said a resident. ``Nothing is left.'' At its, 4th graf pvs"
    )
    article = clean_article(RawArticle(id="ap", text=text, location="ap.txt"))
    assert article.text.endswith("``Nothing is left.''")
    assert article.removed_boilerplate == ["At its, 4th graf pvs"]
    for start, raw_start, size in article.segments:  # the kept text still maps to the raw text
        assert article.text[start : start + size] == text[raw_start : raw_start + size]
    # On its own line at the end it goes too.
    alone = clean_article(RawArticle(id="ap2", text=text.replace("'' At its", "''\nIn Berlin"), location="-"))
    assert alone.text.endswith("``Nothing is left.''")
    assert alone.removed_boilerplate == ["In Berlin, 4th graf pvs"]


@pytest.mark.parametrize(
    "ending",
    [
        "She moved up to the 4th grade previously.",  # a sentence, not a note
        "In Berlin, 7th graf pvs. The talks go on, officials said.",  # not at the end
        "The contract covers 2nd graf pvs",  # no sentence before it: the whole paragraph
        "It ended. " + "Stra\u00dfe " + "x" * 53 + ", 2nd graf pvs",  # too long once casefolded
    ],
)
def test_text_that_only_resembles_a_pick_up_note_stays(ending: str):
    text = "Hurricane Mitch hit the coast of Honduras on Tuesday, the weather service said.\n\n" + ending
    article = clean_article(RawArticle(id="x", text=text, location="-"))
    assert article.text.endswith(ending)
    assert article.segments == [(0, 0, len(text))]


def test_a_pick_up_note_with_nothing_before_it_is_left_whole():
    # Split, it would be kept (an article is never cleaned down to nothing) with a line break for a space.
    article = clean_article(RawArticle(id="x", text="'' At its, 4th graf pvs", location="-"))
    assert article.text == "'' At its, 4th graf pvs" and article.segments == [(0, 0, 23)]
