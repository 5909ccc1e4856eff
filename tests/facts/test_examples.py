"""The bundled example corpus (five real articles on one story) as one story: the expectations its
README and gold file state, written out here (tests do not read ../shared)."""

from pathlib import Path

import pytest

import storyline
from storyline.facts import extract, reconcile
from storyline.model import Article

EXAMPLES = Path(storyline.__file__).parent / "examples"
A000, A003, A004 = "000_78f623aeb82b65a6", "003_5688dcc81a9a0619", "004_9441474bc40515fc"


@pytest.fixture(scope="module")
def corpus():
    articles = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        # only 004 states its publication date; the clean stage reads it from the text
        articles.append(Article(path.stem, text, text, published="2024-12-13" if path.stem == A004 else None))
    extracted = extract(articles)  # with NER, as the pipeline runs it
    return articles, extracted, reconcile(articles, extracted)


def sources(fact):
    return {m.article for m in fact.mentions}


def find(facts, kind, value, unit=None, status=None):
    return [f for f in facts if f.kind == kind and f.value == value and (unit is None or f.unit == unit)
            and (status is None or f.status == status)]


@pytest.mark.parametrize(("value", "unit", "at_least"), [(103, None, 4), (72, "hour", 4), (225, None, 3),
                                                         (28, None, 3)])
def test_agreed_quantities(corpus, value, unit, at_least):
    _, _, facts = corpus
    agreed = find(facts, "quantity", value, unit, "agreed")
    assert agreed and max(len(sources(f)) for f in agreed) >= at_least
    assert not find(facts, "quantity", value, unit, "conflict")


def test_election_date_agreed(corpus):
    _, _, facts = corpus
    (fact,) = find(facts, "date", "2024-07-28", status="agreed")
    assert fact.subject == "election" and len(sources(fact)) >= 2


def test_the_2023_election_is_the_conflict_with_000_odd(corpus):
    _, _, facts = corpus
    conflicts = [f for f in facts if f.status == "conflict"]
    assert len(conflicts) == 1
    (conflict,) = conflicts
    assert conflict.kind == "date" and conflict.odd_ones_out == [A000]
    assert any(m.article == A000 and m.text == "2023" for m in conflict.mentions)
    assert facts[0] is conflict


def test_on_thursday_in_004_resolves_to_december_12(corpus):
    _, extracted, _ = corpus
    (facts_004,) = [f for f in extracted if f.article == A004]
    (thursday,) = [d for d in facts_004.dates if d.text == "on Thursday"]
    assert thursday.value == "2024-12-12"


def test_the_later_release_figures_are_updates(corpus):
    _, _, facts = corpus
    for value in (177, 910):
        found = [f for f in facts if f.kind == "quantity" and f.value == value]
        assert found and all(f.status in ("updated", "unique") for f in found)
        assert all(sources(f) == {A003} for f in found)


def test_names_are_normalised_across_the_story(corpus):
    _, _, facts = corpus
    people = {f.value: f for f in facts if f.kind == "entity" and f.subject == "person"}
    assert len(sources(people["Nicolás Maduro"])) == 5
    assert {m.text for m in people["Edmundo González"].mentions} >= {"Edmundo Gonzalez", "González", "Gonzalez"}
    assert "head of the citizen security service" in people["Diosdado Cabello"].note
