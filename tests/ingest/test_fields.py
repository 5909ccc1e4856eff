"""Field mapping shared by JSON and CSV: synonyms, precedence, value coercion."""

from __future__ import annotations

from storyline.ingest.fields import assign_columns, normalise_key, record_to_article
from storyline.model import InputProblem


def test_synonyms_case_and_camel_case():
    columns = assign_columns(["Headline", "Body", "publishedAt", "Site Name", "Link", "Lang", "Authors", "doc-id"])
    assert columns == {"title": "Headline", "text": "Body", "published": "publishedAt", "source": "Site Name",
                       "url": "Link", "language": "Lang", "byline": "Authors", "id": "doc-id"}
    assert normalise_key("Date Published") == "date_published"


def test_most_specific_name_wins_and_the_other_goes_to_extra():
    article = record_to_article({"content": "short", "text": "the text", "date": "d1", "published": "d2"},
                                location="x", problem_location="x", default_id="x-1")
    assert (article.text, article.published) == ("the text", "d2")
    assert article.extra == {"content": "short", "date": "d1"}


def test_values_are_coerced_to_strings():
    article = record_to_article(
        {"id": 17, "text": ["Para one.", "Para two."], "author": ["Ann", "Bo"], "source": {"name": "Wire"},
         "title": "  ", "url": None},
        location="x", problem_location="x", default_id="x-1")
    assert (article.id, article.text, article.byline, article.source, article.title, article.url) == (
        "17", "Para one.\n\nPara two.", "Ann, Bo", "Wire", None, None)


def test_no_text_is_a_problem_at_the_given_location():
    problem = record_to_article({"title": "T"}, location="f:line 3", problem_location="f:3", default_id="f-3")
    assert isinstance(problem, InputProblem) and str(problem) == "f:3: no article text (no text field)"
