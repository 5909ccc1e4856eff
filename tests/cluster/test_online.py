"""Behaviour of the online clusterer on small hand-written articles."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from storyline.cluster import ClusterSettings, StoryClusterer
from storyline.eval.bcubed import bcubed_precision_recall_f1
from storyline.model import Article


def art(aid: str, text: str, published: str | None = None, title: str | None = None) -> Article:
    return Article(id=aid, text=text, raw_text=text, published=published, title=title)


QUAKE_CHILE = [
    art("chile-1", "A magnitude 8.2 earthquake struck off the coast of northern Chile near Iquique on Tuesday, "
        "killing six people and triggering a tsunami warning, Chilean officials said.", "2014-04-02"),
    art("chile-2", "Chilean President Michelle Bachelet declared a disaster zone around Iquique after the 8.2 "
        "magnitude earthquake killed six people and forced the evacuation of the coast.", "2014-04-02"),
    art("chile-3", "Rescue teams in Iquique searched damaged homes after Tuesday's 8.2 earthquake in northern "
        "Chile; Bachelet said six people died and the tsunami warning was lifted.", "2014-04-03"),
]
QUAKE_NEPAL = [
    art("nepal-1", "A magnitude 7.8 earthquake struck Nepal near Kathmandu on Saturday, killing more than 1,800 "
        "people and toppling the historic Dharahara tower, Nepalese police said.", "2015-04-25"),
    art("nepal-2", "Nepal's Prime Minister Sushil Koirala appealed for aid after the 7.8 magnitude earthquake "
        "devastated Kathmandu, where the Dharahara tower collapsed and 1,800 people died.", "2015-04-26"),
    art("nepal-3", "Rescuers dug through rubble in Kathmandu as the death toll from Saturday's 7.8 earthquake in "
        "Nepal rose past 1,800; Koirala said the Dharahara tower was lost.", "2015-04-26"),
]
REHAB = [
    art("lohan-1", "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage on Thursday to begin a "
        "90-day court-ordered rehab stay, her lawyer Mark Heller said.", "2013-05-03"),
    art("lohan-2", "Actress Lindsay Lohan arrived at the Betty Ford Center for court-mandated rehab, attorney "
        "Mark Heller told the judge, ending days of speculation.", "2013-05-03"),
]


def fast() -> ClusterSettings:
    return ClusterSettings(use_embeddings=False)


def event_of(c: StoryClusterer) -> dict[str, str]:
    return {a: e for e, members in c.events().items() for a in members}


def test_two_events_of_the_same_kind_stay_apart_by_names_places_and_dates() -> None:
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE + QUAKE_NEPAL)
    ev = event_of(c)
    assert len({ev[a.id] for a in QUAKE_CHILE}) == 1
    assert len({ev[a.id] for a in QUAKE_NEPAL}) == 1
    assert ev["chile-1"] != ev["nepal-1"]


def test_paraphrases_of_one_event_join_and_the_assignment_says_why() -> None:
    c = StoryClusterer(fast())
    out = c.add_batch(REHAB)
    assert out[0].event == out[1].event == "lohan-1"
    assert out[0].score == 0.0 and out[1].score > 0.5
    assert "betty ford center" in out[1].why["entities"] or "lohan" in out[1].why["entities"]


def test_family_members_join_as_one_unit() -> None:
    c = StoryClusterer(fast())
    odd = art("odd", "Nepal earthquake: a short note with little in common with the rest, 1,800 dead in Kathmandu.",
              "2015-04-26")
    families = {"nepal-1": "fam", "odd": "fam"}
    c.add_batch(QUAKE_NEPAL + [odd], families=families)
    ev = event_of(c)
    assert ev["odd"] == ev["nepal-1"]
    # A later member of a known family joins the family's event.
    later = art("later", "Unrelated words entirely: a cricket match in Leeds was rained off.", "2015-04-27")
    assert c.add_batch([later], families={"later": "fam"})[0].event == ev["nepal-1"]


def test_result_depends_little_on_batching_and_order() -> None:
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB
    one = StoryClusterer(fast())
    one.add_batch(corpus)
    shuffled = corpus[:]
    random.Random(3).shuffle(shuffled)
    many = StoryClusterer(fast())
    for k in range(0, len(shuffled), 2):
        many.add_batch(shuffled[k : k + 2])
    ids = [a.id for a in corpus]
    a, b = event_of(one), event_of(many)
    assert bcubed_precision_recall_f1([a[i] for i in ids], [b[i] for i in ids])[2] >= 0.97


def test_adding_an_article_twice_changes_nothing() -> None:
    c = StoryClusterer(fast())
    c.add_batch(REHAB)
    before = c.events()
    again = c.add_batch(REHAB[:1])
    assert c.events() == before and again[0].event == "lohan-1"


def test_explain_names_the_shared_entities_and_dates() -> None:
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_NEPAL)
    why = c.explain("nepal-1")
    names = [x["term"] for x in why["entities"]]
    assert any("kathmandu" in n for n in names) and any("dharahara" in n for n in names)
    assert {"term": "1800", "articles": 3} in why["numbers"]
    assert why["articles"] == 3 and why["first_day"] == "2015-04-25"


def test_title_is_a_real_headline_else_a_central_sentence() -> None:
    c = StoryClusterer(fast())
    with_title = [art(a.id, a.text, a.published, title="Lohan checks into Betty Ford") for a in REHAB[:1]]
    c.add_batch(with_title + REHAB[1:])
    by_id = {a.id: a for a in with_title + REHAB[1:]}
    assert c.title("lohan-1", by_id) == "Lohan checks into Betty Ford"
    c2 = StoryClusterer(fast())
    c2.add_batch(QUAKE_CHILE)
    title = c2.title("chile-1", {a.id: a for a in QUAKE_CHILE})
    assert title in {a.text for a in QUAKE_CHILE}  # each text is one sentence


def test_state_round_trips_and_continues() -> None:
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE + REHAB)
    restored = StoryClusterer.import_state(c.export_state(), fast())
    assert restored.events() == c.events() and restored.storylines() == c.storylines()
    assert restored.add_batch(QUAKE_CHILE[:1])[0].event == "chile-1"
    added = restored.add_batch(QUAKE_NEPAL)
    assert len({a.event for a in added}) == 1 and added[0].event != "chile-1"


EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "storyline" / "examples"


@pytest.mark.skipif(not EXAMPLES.exists(), reason="bundled examples missing")
def test_bundled_examples_form_one_storyline() -> None:
    arts = [art(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    out = StoryClusterer().add_batch(arts)
    assert len({a.storyline for a in out}) == 1
    assert len({a.event for a in out if not a.article.startswith("003")}) == 1


@pytest.mark.skipif(not EXAMPLES.exists(), reason="bundled examples missing")
@pytest.mark.xfail(reason="003 (a later release in the same storyline) scores above the dev-tuned event "
                   "threshold; a cohesion margin separates it but costs dev F1 (see settings.COHESION_MARGIN)")
def test_bundled_examples_give_one_event_plus_a_later_event_of_the_same_storyline() -> None:
    arts = [art(p.stem, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.txt"))]
    c = StoryClusterer()
    out = {a.article: a for a in c.add_batch(arts)}
    first = {k: v for k, v in out.items() if not k.startswith("003")}
    assert len({a.event for a in first.values()}) == 1
    later = next(v for k, v in out.items() if k.startswith("003"))
    assert later.event not in {a.event for a in first.values()}
    assert len({a.storyline for a in out.values()}) == 1
