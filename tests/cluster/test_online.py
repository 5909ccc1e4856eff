"""Behaviour of the online clusterer on small hand-written articles."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
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


def test_reasons_list_no_word_that_repeats_a_listed_name() -> None:
    # "Iquique" and "Bachelet" are names; as word terms they would repeat them, and a stemmed name reads as a
    # misspelling ("Caracas" -> "caraca").
    c = StoryClusterer(fast())
    out = c.add_batch(QUAKE_CHILE)
    why = c.explain("chile-1")
    names = {x["term"] for x in why["entities"]}
    words = {x["term"] for x in why["terms"]}
    assert "iquique" in names and "iquique" not in words
    assert "earthquake" in words or "magnitude" in words
    for a in out[1:]:
        assert not set(a.why["terms"]) & {w for n in a.why["entities"] for w in n.split()}


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


def test_a_later_batch_can_undo_an_early_merge_it_shows_wrong() -> None:
    # Alone, the Chile rescue article and the Nepal article share little, but in a first batch of two they are
    # the only company each has; when the rest arrives, the events settle as they would in one batch.
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE[:1] + QUAKE_NEPAL[:1])
    c.add_batch(QUAKE_CHILE[1:] + QUAKE_NEPAL[1:])
    one = StoryClusterer(fast())
    one.add_batch(QUAKE_CHILE + QUAKE_NEPAL)
    assert event_of(c) == event_of(one)


def test_events_lie_inside_storylines_and_ids_resolve_after_merges() -> None:
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE[:1])
    c.add_batch(QUAKE_CHILE[1:] + QUAKE_NEPAL + REHAB)
    storyline_of = {e: s for s, evs in c.storylines().items() for e in evs}
    assert set(storyline_of) == set(c.events())
    for a in QUAKE_CHILE + QUAKE_NEPAL + REHAB:
        got = c.assignment(a.id)
        assert a.id in c.events()[got.event] and storyline_of[got.event] == got.storyline


def test_merged_event_and_storyline_ids_are_reported_apart() -> None:
    """A storyline takes its first event's id, so an event and a storyline merged away in one step may share
    an id: each is reported in its own map, neither hiding the other."""
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE[:1])
    c.add_batch(REHAB[:1])
    ev, sl = c.events_, c.storylines_
    a, b = (c._event_by_key(e) for e in sorted(c.events()))
    sa, sb = int(sl.root[ev.parent[a]]), int(sl.root[ev.parent[b]])
    assert sl.keys[sb] == ev.keys[b]  # the same id for an event and its storyline
    c._merge_storylines(sa, sb)
    c._merge_events(a, b)
    assert c.last_storyline_merges == {sl.keys[sb]: sl.keys[sa]}
    assert c.last_merges == {ev.keys[b]: ev.keys[a]}


def test_a_batch_runs_on_one_blas_thread_without_the_garbage_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from threadpoolctl import threadpool_info

    seen: list[tuple[bool, set[int]]] = []
    c = StoryClusterer(fast())
    cluster = c._cluster_in_chunks

    def spy(units: list) -> None:
        seen.append((gc.isenabled(), {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}))
        cluster(units)

    monkeypatch.setattr(c, "_cluster_in_chunks", spy)
    c.add_batch(QUAKE_CHILE)
    assert seen == [(False, {1})]
    assert gc.isenabled()  # restored after


def test_state_round_trip_is_cheap_arrays_and_continues_identically() -> None:
    from storyline.store import codec

    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE + REHAB)
    state = c.export_state()
    assert isinstance(state["term_ids"], np.ndarray) and isinstance(state["embeddings"], np.ndarray)
    restored = StoryClusterer.import_state(codec.loads(codec.dumps(state)), fast())
    assert restored.events() == c.events() and restored.explain("chile-1") == c.explain("chile-1")
    a = c.add_batch(QUAKE_NEPAL)
    b = restored.add_batch(QUAKE_NEPAL)
    assert [(x.event, x.storyline) for x in a] == [(x.event, x.storyline) for x in b]


REID = [
    art("reid-1", "Tara Reid checked herself into Promises Treatment Center in Malibu, her representative Jack "
        "Ketsoyan told People magazine on Tuesday.", "2008-12-02"),
    art("reid-2", "Actress Tara Reid has entered the Promises rehab clinic in Malibu; publicist Jack Ketsoyan "
        "asked for privacy for the American Pie star.", "2008-12-03"),
]
OSCARS = [
    art("oscars-1", "Hugh Jackman will host the 81st Academy Awards in February, producers Laurence Mark and Bill "
        "Condon announced Friday in Los Angeles.", "2008-12-12"),
    art("oscars-2", "Australian actor Hugh Jackman was named host of the 81st Oscars ceremony by producers Bill "
        "Condon and Laurence Mark, the Academy said.", "2008-12-12"),
]
DIRECTOR = [
    art("weitz-1", "Chris Weitz is in negotiations to direct New Moon, the sequel to Summit Entertainment's "
        "vampire hit Twilight, replacing Catherine Hardwicke.", "2008-12-13"),
    art("weitz-2", "Summit Entertainment is negotiating with Chris Weitz to helm New Moon after Catherine "
        "Hardwicke left the Twilight sequel.", "2008-12-14"),
]


def test_batching_test_on_a_small_sample() -> None:
    # The batching test in small: batches of two against one batch, B-cubed F1 of events and
    # storylines.
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID + OSCARS + DIRECTOR
    random.Random(1).shuffle(corpus)
    one = StoryClusterer(fast())
    one.add_batch(corpus)
    many = StoryClusterer(fast())
    for k in range(0, len(corpus), 2):
        many.add_batch(corpus[k : k + 2])
        _assert_each_article_in_one_event(many)
    ids = [a.id for a in corpus]
    for level in ("events", "storylines"):
        pick = (lambda c: c.events()) if level == "events" else (lambda c: c.storyline_articles())
        a = {x: g for g, members in pick(one).items() for x in members}
        b = {x: g for g, members in pick(many).items() for x in members}
        assert bcubed_precision_recall_f1([b[i] for i in ids], [a[i] for i in ids])[2] >= 0.97, level


EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "storyline" / "examples"


def _examples() -> list[Article]:
    """The bundled example articles exactly as the pipeline sees them (cleaned; 004 gets its date from the
    text, the others have none)."""
    from storyline.clean import clean_article
    from storyline.model import RawArticle

    return [
        clean_article(RawArticle(id=p.stem, text=p.read_text(encoding="utf-8"), location=str(p)))
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]


@pytest.mark.skipif(not EXAMPLES.exists(), reason="bundled examples missing")
def test_bundled_examples_give_one_event_plus_a_later_event_of_the_same_storyline() -> None:
    arts = _examples()
    assert [a.published for a in arts] == [None, None, None, None, "2024-12-13"]
    out = {a.article[:3]: a for a in StoryClusterer().add_batch(arts)}
    assert len({out[k].event for k in ("000", "001", "002", "004")}) == 1
    assert out["003"].event != out["000"].event  # 177 more released, dating the 103 release as earlier
    assert len({a.storyline for a in out.values()}) == 1


@pytest.mark.skipif(not EXAMPLES.exists(), reason="bundled examples missing")
def test_a_storylines_reasons_come_from_all_its_events() -> None:
    c = StoryClusterer()
    c.add_batch(_examples())
    c.settle()
    [(storyline, events)] = c.storylines().items()
    assert len(events) == 2
    why = c.explain_storyline(storyline)
    assert why["events"] == events and why["articles"] == 5
    # A name both events report, counted over the storyline's five articles (an event has at most four).
    names = {x["term"]: x["articles"] for x in why["entities"]}
    assert max(names.values()) == 5
    assert max(x["articles"] for e in events for x in c.explain(e)["entities"]) <= 4
    with pytest.raises(KeyError):
        c.explain_storyline("no-such-storyline")


@pytest.mark.skipif(not EXAMPLES.exists(), reason="bundled examples missing")
def test_bundled_examples_in_any_order_and_batching() -> None:
    arts = _examples()
    for order in ([4, 3, 2, 1, 0], [3, 0, 1, 2, 4], [1, 3, 4, 0, 2]):
        c = StoryClusterer()
        for k in order:
            c.add_batch([arts[k]])
        out = {a.article[:3]: a for a in (c.assignment(x.id) for x in arts)}
        assert len({out[k].event for k in ("000", "001", "002", "004")}) == 1, order
        assert out["003"].event != out["000"].event, order
        assert len({a.storyline for a in out.values()}) == 1, order


def test_a_state_of_the_first_version_asks_for_a_rebuild() -> None:
    with pytest.raises(ValueError, match="recluster"):
        StoryClusterer.import_state({"version": 1, "articles": []})


def test_storyline_ids_stay_unique_and_cover_every_article_in_any_batching() -> None:
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID + OSCARS + DIRECTOR
    for seed in range(4):
        order = corpus[:]
        random.Random(seed).shuffle(order)
        c = StoryClusterer(fast())
        for k in range(0, len(order), 1 + seed):
            c.add_batch(order[k : k + 1 + seed])
        sl = c.storylines_
        keys = [sl.keys[s] for s in sl.live()]
        assert len(keys) == len(set(keys))
        assert sorted(a for members in c.storyline_articles().values() for a in members) == sorted(a.id for a in corpus)


def test_a_new_storyline_never_takes_the_id_of_a_live_one() -> None:
    # The storyline named after an event keeps its id when that event leaves it (a regroup); the event's new
    # storyline then needs another id.
    c = StoryClusterer(fast())
    c.add_batch(REHAB)
    e = c._event_by_key("lohan-1")
    assert c.storylines_.key_in_use("lohan-1")
    assert c._storyline_key([e]) == "lohan-1~2"


def test_a_state_of_the_previous_version_asks_for_a_rebuild() -> None:
    from storyline.cluster.online import STATE_VERSION

    c = StoryClusterer(fast())
    c.add_batch(REHAB)
    state = c.export_state()
    state["version"] = STATE_VERSION - 1  # other names kept and another background: not comparable
    with pytest.raises(ValueError, match="recluster"):
        StoryClusterer.import_state(state)


def test_event_scores_from_sums_are_the_mean_over_their_article_pairs() -> None:
    """Storylines are cut from event scores computed from the events' sums: for a linear level that is the
    mean of the article pairs' scores across the two events, exactly."""
    import dataclasses

    from storyline.cluster.online import pair_scores

    linear = dataclasses.replace(fast().storyline, embedding_gate=0.0)
    c = StoryClusterer(dataclasses.replace(fast(), storyline=linear))
    c.add_batch(QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID)
    d, has = c.pairwise_features()
    assert c._storyline_level.linear
    per_pair = pair_scores(d, has, c.settings.storyline, "storyline")
    ev = c.events_
    events = sorted({int(ev.root[e]) for e in c._event_of[: c._count].tolist()})
    assert len(events) > 3
    by_sums = c._cross_scores(events, events, c._storyline_level)
    for i, a in enumerate(events):
        for j, b in enumerate(events):
            if a != b:
                expected = per_pair[np.ix_(ev.members[a], ev.members[b])].mean()
                assert by_sums[i, j] == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize("matrix_max", [1, 10_000_000])
def test_links_to_many_storylines_at_once_equal_the_definition(monkeypatch: pytest.MonkeyPatch,
                                                               matrix_max: int) -> None:
    """Settling compares a storyline with all its neighbours from few matrices (in chunks): each link is still
    the mean-of-max of the two sets' event scores, and an empty set links at -inf."""
    from storyline.cluster import settings as cs

    monkeypatch.setattr(cs, "LINK_MATRIX_MAX", matrix_max)
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID)
    ev = c.events_
    events = sorted({int(ev.root[e]) for e in c._event_of[: c._count].tolist()})
    assert len(events) >= 4
    a, others = events[:1], [events[1:3], [], events[3:]]
    z = c._cross_scores(events, events, c._storyline_level)
    n = ev.n[events].astype(float)

    def definition(left: list[int], right: list[int]) -> float:
        li = [events.index(e) for e in left]
        ri = [events.index(e) for e in right]
        block = z[np.ix_(li, ri)]
        return 0.5 * (n[li] @ block.max(axis=1) / n[li].sum() + n[ri] @ block.max(axis=0) / n[ri].sum())

    links = c._storyline_links(a, others)
    assert links[0] == pytest.approx(definition(a, others[0]))
    assert links[1] == -np.inf
    assert links[2] == pytest.approx(definition(a, others[2]))
    assert c._storyline_link(a, others[2]) == pytest.approx(links[2])
    matrices: dict = {}
    assert c._storyline_links(a, others, matrices) == links
    assert c._storyline_links(others[2], [a, others[0]], matrices) == [
        c._storyline_link(others[2], a), c._storyline_link(others[2], others[0])]
    assert tuple(a) in matrices and tuple(others[2]) in matrices


def _one_at_a_time(corpus: list[Article], seed: int) -> StoryClusterer:
    """The corpus shuffled, then ingested one article per batch, each settled (as separate ingests are)."""
    order = list(corpus)
    random.Random(seed).shuffle(order)
    many = StoryClusterer(fast())
    for a in order:
        many.add_batch([a])
        _assert_each_article_in_one_event(many)
        many.settle()
        _assert_each_article_in_one_event(many)
    return many


def test_settled_events_do_not_depend_on_batching_or_order() -> None:
    # Settling clusters each changed storyline's articles again with every pair compared, so one batch and
    # one-article batches (each settled, as separate ingests are) give the same events, in any order.
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID + OSCARS + DIRECTOR
    one = StoryClusterer(fast())
    one.add_batch(corpus)
    one.settle()
    expected = sorted(sorted(m) for m in one.events().values())
    for seed in (1, 2):
        many = _one_at_a_time(corpus, seed)
        assert sorted(sorted(m) for m in many.events().values()) == expected
        # every article's event id resolves, and an event's id is one of its articles
        for e, members in many.events().items():
            assert e in members
        assert {many.assignment(a.id).event for a in corpus} == set(many.events())


def test_settled_storylines_do_not_depend_on_batching_or_order() -> None:
    # Settling clusters the changed storylines and their neighbours again from their events, so one batch
    # and one-article batches (each settled) give the same storylines, in any order: online, a storyline
    # can take an event before the events that would have drawn it elsewhere have arrived.
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID + OSCARS + DIRECTOR + SAME_WEEK
    one = StoryClusterer(fast())
    one.add_batch(corpus)
    one.settle()
    expected = sorted(sorted(m) for m in one.storyline_articles().values())
    assert len(expected) > 3
    for seed in (1, 2, 3):
        many = _one_at_a_time(corpus, seed)
        assert sorted(sorted(m) for m in many.storyline_articles().values()) == expected
        # every event lies in exactly one live storyline
        events = [e for members in many.storylines().values() for e in members]
        assert sorted(events) == sorted(many.events())


def test_storylines_left_unsettled_survive_a_state_round_trip() -> None:
    c = StoryClusterer(fast())
    c.add_batch(QUAKE_CHILE + REHAB)
    assert c._unsettled
    d = StoryClusterer.import_state(c.export_state(), fast())
    assert d._unsettled == c._unsettled
    d.settle()
    c.settle()
    assert not d._unsettled and d.events() == c.events()


def test_settling_weighs_articles_as_one_batch_would_whatever_their_arrival() -> None:
    # The weights stored at arrival were chosen under the idf of that day; settling selects and weighs every
    # article's terms again under today's idf, so its pair scores equal those of a one-batch library.
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID
    # few terms kept per article, so that which terms are kept depends on the idf of the day
    settings = dataclasses.replace(fast(), top_terms={"w": 6, "e": 3, "d": 1, "n": 1, "h": 1})
    one = StoryClusterer(settings)
    one.add_batch(corpus)
    many = StoryClusterer(settings)
    for a in reversed(corpus):
        many.add_batch([a])
    many = StoryClusterer.import_state(many.export_state(), settings)  # the full terms survive a round trip
    ids = [a.id for a in corpus]
    for level in (one._event_level, one._storyline_level):
        z_one = one._pair_score_matrix([one.article_index[a] for a in ids], level)
        z_many = many._pair_score_matrix([many.article_index[a] for a in ids], level)
        np.testing.assert_allclose(z_many, z_one, rtol=1e-5, atol=1e-6)
    # while the weights stored at arrival do differ (else this test would not show anything)
    first = many.article_index[corpus[0].id]
    assert not np.allclose(many._weights[first], one._weights[one.article_index[corpus[0].id]])


# Stories of one week that have nothing to do with one another (DUC 2004 topics of late 1998).
SAME_WEEK = [
    art("ioc-1", "The International Olympic Committee expelled six members over bribes paid by Salt Lake City "
        "organisers bidding for the 2002 Winter Games, IOC president Juan Antonio Samaranch said.", "1999-01-24"),
    art("ioc-2", "Samaranch said the IOC would change how Olympic host cities are chosen after the Salt Lake City "
        "bribery scandal led to the expulsion of six members.", "1999-01-25"),
    art("gaza-1", "Yasser Arafat opened the Gaza International Airport in Rafah on Tuesday, the first Palestinian "
        "airport, as planes from Egypt and Jordan landed.", "1999-01-26"),
    art("gaza-2", "Palestinians celebrated as the first flights landed at Gaza International Airport, which Arafat "
        "called a step toward statehood; Israel keeps control of security.", "1999-01-26"),
    art("nba-1", "NBA owners and players ended the lockout on Wednesday, agreeing to a six-year labor deal that "
        "caps salaries and saves a shortened 50-game season, commissioner David Stern said.", "1999-01-20"),
    art("nba-2", "The NBA lockout is over: players union director Billy Hunter and David Stern signed the labor "
        "agreement and teams open training camps next week for a 50-game season.", "1999-01-21"),
]


@pytest.mark.parametrize("embeddings", [False, True])
def test_stories_of_the_same_week_with_nothing_in_common_are_separate_storylines(embeddings: bool) -> None:
    # Publication time is evidence only beside shared content: on dev files whose topics lie months apart it
    # was learnt as enough on its own, and a week's unrelated news became one storyline.
    c = StoryClusterer(ClusterSettings(use_embeddings=embeddings))
    c.add_batch(SAME_WEEK)
    c.settle()
    storylines = sorted(sorted(m) for m in c.storyline_articles().values())
    assert storylines == [["gaza-1", "gaza-2"], ["ioc-1", "ioc-2"], ["nba-1", "nba-2"]]


def test_settling_scores_pairs_with_the_time_gate_as_tuning_does() -> None:
    # Settling's pair matrix (one sparse product per part of the gate) and the tuner's pair scores agree, so
    # the weights tuned by average linkage over pair scores are those settling applies.
    from storyline.cluster.online import pair_scores

    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + SAME_WEEK
    c = StoryClusterer(fast())
    c.add_batch(corpus)
    d, has = c.pairwise_features()
    members = [c.article_index[a.id] for a in corpus]
    import dataclasses

    from storyline.cluster.online import _Level

    both = dataclasses.replace(c.settings.event, embedding_gate=2.0)  # a time gate and an embedding gate
    for level, weights, name in ((c._event_level, c.settings.event, "event"),
                                 (c._storyline_level, c.settings.storyline, "storyline"),
                                 (_Level(both, "t"), both, "event")):
        assert weights.time_gate > 0 or name == "storyline"
        z = c._pair_score_matrix(members, level)
        expected = pair_scores(d, has, weights, name)
        off = ~np.eye(len(members), dtype=bool)
        np.testing.assert_allclose(z[off], expected[off], rtol=1e-4, atol=1e-4)


def test_gated_event_scores_from_sums_gate_the_mean_features() -> None:
    """With an embedding gate, an event pair's score is the gate applied to the means of its article pairs'
    features (as the time gate is), and the sparse products that compute it agree with the per-kind dot
    products they replace."""
    from storyline.cluster import sums as V
    from storyline.cluster.online import N_KINDS

    c = StoryClusterer()
    c.add_batch(QUAKE_CHILE + QUAKE_NEPAL + REHAB + REID)
    level = c._storyline_level
    assert level.embedding_gate > 0 and level.time_gate == 0 and not level.linear
    ev = c.events_
    events = sorted({int(ev.root[e]) for e in c._event_of[: c._count].tolist()})
    by_sums = c._cross_scores(events, events, level)
    d = np.empty((len(events), len(events), N_KINDS + 1))
    d[:, :, :N_KINDS] = V.cross_dots([(ev.ids[e], ev.vals[e]) for e in events],
                                     [(ev.ids[e], ev.vals[e]) for e in events], c._weigh, N_KINDS,
                                     len(c.vocab) + 1)
    d[:, :, N_KINDS] = ev.emb[events].astype(np.float64) @ ev.emb[events].astype(np.float64).T
    n = ev.n[events].astype(np.float64)
    expected = level.scores(d, n[:, None], n[None, :], ev.has[events][:, None, :], ev.has[events][None, :, :])
    np.testing.assert_allclose(by_sums, expected, rtol=1e-9, atol=1e-9)


def test_the_embedding_counts_only_beside_shared_words_and_names() -> None:
    """Two stories of one kind that share no name read alike to the embedding: gated, its term counts in
    proportion to the shared words and names up to the gate, and in full from there."""
    import dataclasses

    from storyline.cluster import settings as S
    from storyline.cluster.online import _KIND, N_KINDS, _Level

    gated = _Level(S.STORYLINE_WEIGHTS, "s")
    linear = _Level(dataclasses.replace(S.STORYLINE_WEIGHTS, embedding_gate=0.0), "s")
    has = np.zeros(4)
    d = np.zeros(N_KINDS + 1)
    d[N_KINDS] = 0.5  # alike in subject, nothing shared
    embedding = 0.5 * S.STORYLINE_WEIGHTS.embedding
    assert linear.score(d, 1.0, 1.0, has, has) - gated.score(d, 1.0, 1.0, has, has) == pytest.approx(embedding)
    # Half the gate's worth of shared words: half the embedding term.
    d[_KIND["w"]] = 0.5 * S.STORYLINE_WEIGHTS.embedding_gate / S.STORYLINE_WEIGHTS.words
    assert linear.score(d, 1.0, 1.0, has, has) - gated.score(d, 1.0, 1.0, has, has) == pytest.approx(embedding / 2)
    # Past the gate, no difference.
    d[_KIND["e"]] = S.STORYLINE_WEIGHTS.embedding_gate / S.STORYLINE_WEIGHTS.entities
    assert gated.score(d, 1.0, 1.0, has, has) == pytest.approx(linear.score(d, 1.0, 1.0, has, has))


def test_one_pair_score_equals_the_array_score() -> None:
    """The scalar fast path of a level's score (Python floats) agrees with the array one, gate included."""
    from storyline.cluster import settings as S
    from storyline.cluster.online import N_KINDS, _Level

    rng = np.random.default_rng(3)
    for weights, kind in ((S.EVENT_WEIGHTS, "t"), (S.STORYLINE_WEIGHTS, "s")):
        level = _Level(weights, kind)
        for _ in range(50):
            d = rng.random(N_KINDS + 1) * rng.choice([0.01, 1.0, 20.0])
            has_a, has_b = rng.integers(0, 3, 4).astype(float), rng.integers(0, 3, 4).astype(float)
            n_a, n_b = float(rng.integers(1, 5)), float(rng.integers(1, 5))
            array = level.scores(d[None, :], np.array([n_a]), np.array([n_b]), has_a[None, :], has_b[None, :])
            assert np.isclose(level.score(d, n_a, n_b, has_a, has_b), float(array[0]))


def test_reasons_list_a_date_once_in_its_most_precise_form() -> None:
    from storyline.cluster.online import _precise_dates

    dates = [("d:1998-09", 13), ("d:--09-20", 10), ("d:1998-09-20", 10), ("d:--12-12", 3), ("d:1998-10", 2),
             ("d:1998-10-01", 2), ("d:--10-01", 4)]
    kept = [t for t, _ in _precise_dates(dates)]
    # "Sep 20" and "1998-10" add nothing beside the full dates in as many articles; "1998-09" (13 articles
    # against 10), "Dec 12" (no full date) and "Oct 1" (4 articles against 2) say more.
    assert kept == ["d:1998-09", "d:1998-09-20", "d:--12-12", "d:1998-10-01", "d:--10-01"]


def test_a_small_group_joins_the_group_it_scores_best_against_best_pair_first() -> None:
    from storyline.cluster.online import _absorb_small

    # Articles 0-2 are one group, 3-4 another, 5 and 6 are alone.
    z = np.full((7, 7), -9.0)
    z[:3, :3] = z[3:5, 3:5] = 5.0
    z[5, :3] = z[:3, 5] = [-1.0, -2.0, -3.0]  # mean -2 against the first group
    z[5, 3:5] = z[3:5, 5] = -2.5  # mean -2.5 against the second, which is small too
    z[6, :] = z[:, 6] = -8.0  # nothing like anything
    labels = np.array([0, 0, 0, 1, 1, 2, 3])
    groups = _absorb_small(z, labels, most=2, threshold=-3.0)
    # 5 joins the first group (its best); the pair then scores (6 x -9 - 5) / 8 = -7.4 against it and stays.
    assert groups[5] == groups[0] and groups[3] == groups[4] != groups[0] and groups[6] not in groups[:6]
    # Above the bar nothing moves; groups larger than ``most`` never move, only receive.
    assert len(set(_absorb_small(z, labels, most=2, threshold=-1.9).tolist())) == 4
    z[:3, 3:5] = z[3:5, :3] = 0.0
    assert len(set(_absorb_small(z, labels, most=1, threshold=-3.0).tolist())) == 3  # 5 joins; 3-4 is not small


def _absorb_small_by_definition(z: np.ndarray, labels: np.ndarray, most: int, threshold: float) -> list[set[int]]:
    """What _absorb_small computes, written plainly: every pair of groups (one of at most ``most``) scored by
    its mean pair score, the best joined first, none with a pair at -500 or below."""
    groups = [set(np.flatnonzero(labels == g).tolist()) for g in sorted(set(labels.tolist()))]
    while True:
        best = None
        for a, ga in enumerate(groups):
            for b, gb in enumerate(groups):
                if a == b or len(ga) > most:
                    continue
                sub = z[np.ix_(sorted(ga), sorted(gb))]
                if (sub <= -500).any():
                    continue
                if sub.mean() >= threshold and (best is None or sub.mean() > best[0]):
                    best = (sub.mean(), a, b)
        if best is None:
            return groups
        _, a, b = best
        groups[b] |= groups[a]
        del groups[a]


def test_small_groups_join_as_the_definition_says_on_random_scores() -> None:
    from storyline.cluster.online import _absorb_small

    rng = np.random.default_rng(7)
    for _ in range(300):
        n = int(rng.integers(2, 24))
        x = rng.normal(size=(n, 4))
        z = x @ x.T - 2.0 + rng.normal(scale=0.5, size=(n, n))
        z = (z + z.T) / 2
        if rng.random() < 0.3:
            i, j = rng.integers(0, n, size=2)
            z[i, j] = z[j, i] = -1e3
        labels = rng.integers(0, max(1, n // int(rng.integers(1, 4))), size=n)
        most, threshold = int(rng.integers(1, 4)), float(rng.uniform(-4.0, 1.0))
        got = _absorb_small(z, labels.copy(), most, threshold)
        expected = _absorb_small_by_definition(z, labels, most, threshold)
        assert sorted(sorted(np.flatnonzero(got == g).tolist()) for g in set(got.tolist())) == sorted(
            sorted(g) for g in expected)


def test_a_pair_the_earlier_date_rule_keeps_apart_stays_apart_however_large_the_event() -> None:
    from storyline.cluster.online import _absorb_small

    # A lone article close to all 400 articles of an event but dating one of their days as earlier: the
    # -1e3 of that pair, averaged over 400, would be -2.5 and clear the bar; it is a veto instead.
    z = np.full((401, 401), 4.0)
    z[400, 0] = z[0, 400] = -1e3
    labels = np.array([0] * 400 + [1])
    assert _absorb_small(z, labels, most=1, threshold=-3.5)[400] != 0
    z[400, 0] = z[0, 400] = 4.0
    assert _absorb_small(z, labels, most=1, threshold=-3.5)[400] == 0


FOLLOW_UP = art("chile-4", "Fishermen in Iquique counted their losses on Friday, three days after the earthquake and "
                "tsunami warning emptied the northern Chile port; the government promised loans to rebuild boats.",
                "2014-04-04")


def _strict(small_event_max: int) -> ClusterSettings:
    """An event cut made strict on purpose: the aftermath report and both rehab reports are left alone,
    while their storylines hold them."""
    return dataclasses.replace(fast(), event=dataclasses.replace(fast().event, threshold=11.0),
                               small_event_max=small_event_max, small_event_threshold=-100.0)


def test_settling_shows_a_storylines_small_events_in_its_nearest_event_and_keeps_the_storylines() -> None:
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + [FOLLOW_UP]
    apart, folded = StoryClusterer(_strict(0)), StoryClusterer(_strict(2))
    for c in (apart, folded):
        c.add_batch(corpus)
        c.settle()
    assert sorted(sorted(m) for m in apart.events().values()) == [
        ["chile-1", "chile-2", "chile-3"], ["chile-4"], ["lohan-1"], ["lohan-2"], ["nepal-1", "nepal-2", "nepal-3"]]
    assert sorted(sorted(m) for m in folded.events().values()) == [
        ["chile-1", "chile-2", "chile-3", "chile-4"], ["lohan-1", "lohan-2"], ["nepal-1", "nepal-2", "nepal-3"]]
    # Storylines are cut from the events as the cut made them: the same either way.
    assert sorted(map(sorted, folded.storyline_articles().values())) == sorted(
        map(sorted, apart.storyline_articles().values()))
    quake = folded.assignment("chile-1").event
    assert folded.assignment("chile-4").event == quake
    assert sorted(e for evs in folded.storylines().values() for e in evs) == sorted(folded.events())
    # The folded article is explained, titled and ranked as part of the event it is shown in.
    why = folded.explain("chile-4")
    assert why["event"] == quake and why["articles"] == 4 and why["last_day"] == "2014-04-04"
    assert sorted(folded.central_articles(quake)) == ["chile-1", "chile-2", "chile-3", "chile-4"]
    # Scored and explained against the event it is shown in, not the lone event it was cut as (it is in the
    # first, not the second: scored as if taken out of a sum it was never in, it got 0).
    assert folded.assignment("chile-4").score > 0.1 and "iquique" in folded.assignment("chile-4").why["entities"]
    assert folded.assignment("lohan-2").score > 0.1 and folded.assignment("lohan-2").why["entities"]
    articles = {a.id: a for a in corpus}
    assert folded.title("chile-4", articles) == folded.title(quake, articles)
    # Settling again with nothing new changes nothing.
    folded._unsettled = set(folded.storylines_.live())
    before = folded.events()
    assert folded.settle() == [] and folded.events() == before
    # A state round trip keeps what is shown.
    again = StoryClusterer.import_state(folded.export_state(), _strict(2))
    assert again.events() == folded.events() and again.storylines() == folded.storylines()


def test_a_folded_event_is_shown_under_the_larger_events_id_even_when_it_is_older() -> None:
    c = StoryClusterer(_strict(2))
    c.add_batch([FOLLOW_UP])  # the aftermath report arrives first: its event is the older
    c.settle()
    c.add_batch(QUAKE_CHILE + QUAKE_NEPAL)
    c.settle()
    assert c.assignment("chile-4").event == c.assignment("chile-1").event != "chile-4"
    assert "chile-4" not in c.events()


def test_a_storyline_too_large_to_settle_keeps_its_folds(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.cluster import settings as S

    c = StoryClusterer(_strict(2))
    c.add_batch(QUAKE_CHILE + [FOLLOW_UP])
    c.settle()
    quake = c.assignment("chile-1").event
    assert c.assignment("chile-4").event == quake
    monkeypatch.setattr(S, "EVENT_SETTLE_MAX", 4)  # the storyline's 5 articles are now too many to settle
    late = art("chile-6", "Iquique's port reopened on Saturday after the 8.2 earthquake in northern Chile, "
               "Bachelet said, as the tsunami warning for the coast stayed lifted.", "2014-04-05")
    c.add_batch([late])
    c.settle()
    assert c.assignment("chile-4").event == c.assignment("chile-1").event
    assert c.problems() == []


def test_a_merge_drops_the_folds_it_touches_so_none_chains() -> None:
    c = StoryClusterer(_strict(2))
    c.add_batch(QUAKE_CHILE + REHAB + [FOLLOW_UP])
    c.settle()
    ev = c.events_
    lone = int(ev.root[c._event_of[c.article_index["chile-4"]]])
    quake = int(ev.root[c._event_of[c.article_index["chile-1"]]])
    assert c._shown_of(lone) == quake
    lohan = int(ev.root[c._event_of[c.article_index["lohan-1"]]])
    c._merge_events(quake, lohan)  # as a batch may, between settlings
    assert c._shown_of(lone) == lone and c.problems() == []


def test_folding_does_not_depend_on_batching_or_order() -> None:
    corpus = QUAKE_CHILE + QUAKE_NEPAL + REHAB + [FOLLOW_UP]
    one = StoryClusterer(_strict(2))
    one.add_batch(corpus)
    one.settle()
    expected = sorted(sorted(m) for m in one.events().values())
    for seed in (1, 2):
        order = list(corpus)
        random.Random(seed).shuffle(order)
        many = StoryClusterer(_strict(2))
        for a in order:
            many.add_batch([a])
            many.settle()
            _assert_each_article_in_one_event(many)
        assert sorted(sorted(m) for m in many.events().values()) == expected


def _assert_each_article_in_one_event(c: StoryClusterer) -> None:
    assert c.problems() == []
