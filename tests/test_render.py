"""What the terminal shows: ids in citations survive Rich markup, counts read as English."""

from __future__ import annotations

from rich.console import Console

from storyline import render
from storyline.clean.text import clip
from storyline.wording import counted


def _printed(fn, *args) -> str:
    console = Console(record=True, width=200)
    fn(*args, console)
    return console.export_text()


def test_brief_citations_keep_ids_that_look_like_markup_tags() -> None:
    # "[duc-d30038-APW19981211.0352]" reads as a Rich tag and printed nothing before the ids were escaped.
    sentences = [{"text": "The IOC met.", "citations": ["duc-d30038-APW19981211.0352", "b2"], "disputed": False}]
    out = _printed(render.brief, {"id": "s"}, sentences)
    assert "[duc-d30038-APW19981211.0352, b2]" in out


def test_facts_show_whole_article_ids() -> None:
    facts = [{"status": "agreed", "kind": "number", "subject": "dead", "value": "7", "unit": None,
              "mentions": [{"text": "seven dead", "article": "duc-d30038-APW19981211.0352"},
                           {"text": "7 killed", "article": "duc-d30038-NYT19981211.0001"}]}]
    out = _printed(render.facts, facts)
    assert "APW19981211.0352" in out.replace("\n", "").replace(" ", "").replace("│", "")
    assert "NYT19981211.0001" in out.replace("\n", "").replace(" ", "").replace("│", "")


def test_counted_nouns_are_singular_for_one() -> None:
    assert counted(1, "article") == "1 article"
    assert counted(3, "article") == "3 articles"
    assert counted(1, "story") == "1 story"
    assert counted(2, "story") == "2 stories"
    assert counted(0, "storyline") == "0 storylines"


def test_clip_cuts_at_a_word_boundary() -> None:
    assert clip("Venezuela frees 103 prisoners after the election", 100) == "Venezuela frees 103 prisoners after the election"
    assert clip("Venezuela frees 103 prisoners after the post-election crackdown", 40) == "Venezuela frees 103 prisoners after the…"


def test_stories_listing_shows_the_start_of_a_long_sentence_title() -> None:
    sentence = ("The government has announced the release of an additional 177 political prisoners, comprising "
                "individuals arrested during protests following the disputed elections on July 28.")
    story = {"id": "s1", "title": sentence, "size": 1, "sources": 0, "first_published": None,
             "last_published": None}
    out = _printed(render.stories, [(story, [])], {})
    assert "The government has announced the release" in out and "…" in out
    assert "disputed elections on July 28" not in out


def test_story_ids_are_never_broken_in_the_listing() -> None:
    story = {"id": "storyline:duc-d30033-APW19981127.0244", "title": "Euro nations cut interest rates", "size": 8,
             "sources": 1, "first_published": "1998-11-27", "last_published": "1998-12-31"}
    for width in (80, 200):
        console = Console(record=True, width=width)
        render.stories([(story, [])], {}, console)
        assert "storyline:duc-d30033-APW19981127.0244" in console.export_text()


def test_compare_claims_no_direction_it_has_no_sign_of() -> None:
    from storyline.model import Article, Passage, Relation

    a = Article("a1", "Rebels seized the town of Goma on Sunday.", "Rebels seized the town of Goma on Sunday.")
    b = Article("b1", "Rebels seized the town of Goma on Sunday, officials said.",
                "Rebels seized the town of Goma on Sunday, officials said.")
    passage = [Passage(0, 40, 0, 40)]
    unsure = Relation("a1", "b1", "edited", 0.9, passages=passage, direction_confidence=0.5, reused_share=0.7)
    out = " ".join(_printed(render.compare, a, b, unsure).split())
    assert "no sign of which came first" in out and "is edited from" not in out
    sure = Relation("a1", "b1", "edited", 0.9, passages=passage, direction_confidence=0.8, reused_share=0.7)
    assert "b1 is edited from a1" in " ".join(_printed(render.compare, a, b, sure).split())


def test_a_fact_value_that_is_a_range_reads_as_one() -> None:
    facts = [{"status": "agreed", "kind": "date", "subject": "releases", "value": ["2024-12-10", "2024-12-12"],
              "unit": None, "mentions": [{"text": "earlier this week", "article": "a1"}]}]
    out = _printed(render.facts, facts)
    assert "2024-12-10 – 2024-12-12" in out and "['2024" not in out
