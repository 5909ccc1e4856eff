from storyline.facts import extract, reconcile
from storyline.model import Article, Passage, Relation


def story(*texts, published=None):
    published = published or ["2024-12-13"] * len(texts)
    articles = [Article(f"a{i}", t, t, published=p) for i, (t, p) in enumerate(zip(texts, published, strict=True))]
    return articles, reconcile(articles, extract(articles, use_ner=False))


def quantity_facts(facts, value):
    return [f for f in facts if f.kind == "quantity" and value in {m.value for m in f.mentions}]


def test_compatible_values_agree():
    _, facts = story(
        "Nearly 200 people were injured in the clashes.",
        "Officials said 200 people were injured.",
        "Hundreds of people were injured, witnesses said.",
    )
    (fact,) = quantity_facts(facts, 200)
    assert fact.status == "agreed"
    assert {m.article for m in fact.mentions} == {"a0", "a1", "a2"}


def test_about_over_and_thousands_agree():
    _, facts = story(
        "Government figures indicate about 2,000 people were arrested.",
        "Over 2,000 were arrested during the unrest.",
        "Thousands were arrested.",
    )
    (fact,) = quantity_facts(facts, 2000)
    assert fact.status == "agreed" and len({m.article for m in fact.mentions}) == 3


def test_incompatible_values_conflict_with_the_odd_one_out_named():
    _, facts = story(
        "At least 28 people were killed in the protests, the group said on Tuesday.",
        "Rights groups said 28 people were killed as protests spread.",
        "Some 28 people were killed in the protests.",
        "Officials reported that 45 people were killed in the protests.",
    )
    conflicts = [f for f in facts if f.status == "conflict"]
    assert len(conflicts) == 1
    assert conflicts[0].odd_ones_out == ["a3"]
    assert conflicts[0].value == 28
    assert facts[0] is conflicts[0]  # conflicts first


def test_one_article_stating_both_values_makes_two_facts():
    _, facts = story(
        "The 103 prisoners released are in addition to 225 prisoners released last month.",
        "Officials released 103 prisoners this week.",
        "Another 225 prisoners were released in November.",
    )
    assert not [f for f in facts if f.status == "conflict"]


def test_update_language_makes_an_update_not_a_conflict():
    _, facts = story(
        "Venezuela released 103 prisoners on Thursday.",
        "Officials released 103 prisoners this week.",
        "Venezuela has released an additional 177 prisoners, bringing the total to 910.",
    )
    assert not [f for f in facts if f.status == "conflict"]
    statuses = {f.value: f.status for f in facts if f.kind == "quantity"}
    assert statuses[177] == "updated" and statuses[910] == "updated" and statuses[103] == "agreed"
    (total,) = [f for f in facts if f.value == 910]
    assert "733" in (total.note or "")  # 910 - 177: the earlier total the arithmetic implies


def test_a_later_different_count_is_an_update():
    _, facts = story(
        "The earthquake killed 50 people, officials said.",
        "Rescuers said on Saturday that the quake had killed 120 people.",
        published=["2010-01-13", "2010-01-16"],
    )
    assert [f.status for f in facts if f.kind == "quantity"] == ["updated", "unique"]


def test_date_conflict_names_the_odd_source():
    _, facts = story(
        "The July 28 election was disputed.",
        "Maduro won the disputed elections on July 28.",
        "Observers doubted the 2023 elections, which Maduro won.",
        published=["2024-12-13", None, None],
    )
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.kind == "date" and conflict.odd_ones_out == ["a2"]
    (agreed,) = [f for f in facts if f.kind == "date" and f.status == "agreed"]
    assert agreed.value == "2024-07-28"


def test_changed_number_in_a_copied_sentence_is_a_conflict():
    source = "The rig exploded on 20 April, killing 11 workers. BP shares fell 5% in London trading."
    copy = "The rig exploded on 20 April, killing 12 workers. BP shares fell 5% in London trading."
    articles, facts = story(source, copy)
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert sorted(m.text for m in conflict.mentions) == ["11", "12"]
    # with provenance sure of the direction, the copy is the odd one out
    relation = Relation("a0", "a1", "edited", 0.9, passages=[Passage(0, len(source), 0, len(copy))],
                        direction_confidence=0.9)
    facts = reconcile(articles, extract(articles, use_ner=False), [relation])
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.odd_ones_out == ["a1"]


def _copied(source: str, target: str, texts: list[str], confidence: float) -> Relation:
    a, b = texts[int(source[1:])], texts[int(target[1:])]
    return Relation(source, target, "edited", 0.9, passages=[Passage(0, len(a), 0, len(b))],
                    direction_confidence=confidence)


def test_only_the_copy_that_changed_the_number_is_the_odd_one_out():
    # a1 changed 103 to 130; a2 is a copy that provenance places after both (a trimmed copy looks derived
    # from either): it agrees with one of its sources, so it copied that one faithfully.
    texts = ["The government released 103 prisoners on Thursday, the ministry said in a statement.",
             "The government released 130 prisoners on Thursday, the ministry said in a statement.",
             "The government released 103 prisoners on Thursday, the ministry said."]
    articles = [Article(f"a{i}", t, t, published="2024-12-13") for i, t in enumerate(texts)]
    relations = [_copied("a0", "a1", texts, 0.9), _copied("a0", "a2", texts, 0.73), _copied("a1", "a2", texts, 0.73)]
    facts = reconcile(articles, extract(articles, use_ner=False), relations)
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.odd_ones_out == ["a1"]
    # Provenance unsure of every direction (a coin flip) names no one: the value most articles state wins.
    unsure = [_copied("a1", "a0", texts, 0.5), _copied("a1", "a2", texts, 0.5)]
    facts = reconcile(articles, extract(articles, use_ner=False), unsure)
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.odd_ones_out == ["a1"]


def test_a_rewrite_that_changed_a_date_of_its_source_is_the_odd_one_out():
    # All three derive from one report (one independent source), so sources alone tie; the rewrite that says
    # 2023 where the report and its other copy say July 28, 2024 is the one that changed it.
    texts = ["Maduro won the disputed elections on July 28, 2024, the council said.",
             "Maduro won the disputed elections on July 28, 2024, the electoral council said.",
             "Maduro won the disputed 2023 elections, observers said."]
    articles = [Article(f"a{i}", t, t, published="2024-12-13") for i, t in enumerate(texts)]
    relations = [Relation("a0", f"a{i}", "rewrite", 0.6, passages=[Passage(0, 20, 0, 20)]) for i in (1, 2)]
    facts = reconcile(articles, extract(articles, use_ner=False), relations)
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.odd_ones_out == ["a2"]
    assert "no majority" not in conflict.note and "2 articles from 1 independent source" in conflict.note


def test_same_number_written_differently_is_not_a_conflict():
    _, facts = story(
        "Officials said 2,000 people were evacuated from the coast on Monday.",
        "Officials said 2000 people were evacuated from the coast on Monday.",
    )
    assert not [f for f in facts if f.status == "conflict"]


def test_copies_agree_as_one_independent_source_and_keep_every_mention():
    text = "Officials said 2,000 people were evacuated from the coast."
    articles = [Article(f"a{i}", text, text, published="2024-12-13") for i in range(3)]
    relations = [Relation("a0", "a1", "duplicate", 1.0, passages=[Passage(0, len(text), 0, len(text))]),
                 Relation("a0", "a2", "duplicate", 1.0, passages=[Passage(0, len(text), 0, len(text))])]
    facts = reconcile(articles, extract(articles, use_ner=False), relations)
    (fact,) = quantity_facts(facts, 2000)
    assert len(fact.mentions) == 3 and fact.status == "agreed"
    assert "3 articles, 1 independent" in fact.note


def test_entities_and_quotes_become_facts():
    _, facts = story(
        "President Nicolás Maduro said: “We will review all cases of violence and crimes.”",
        "Nicolas Maduro said he would “review all cases of violence and crimes” soon.",
    )
    (entity,) = [f for f in facts if f.kind == "entity"]
    assert entity.status == "agreed" and entity.value == "Nicolás Maduro" and entity.subject == "person"
    (quote,) = [f for f in facts if f.kind == "quote"]
    assert quote.status == "agreed"


def test_a_changed_range_end_in_a_copy_is_a_conflict():
    _, facts = story(
        "A BP official said the attempt stood a 60-70% chance of success, according to the company.",
        "A BP official said the attempt stood a 60-105% chance of success, according to the company.",
    )
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert sorted(m.text for m in conflict.mentions) == ["60-105%", "60-70%"]


def test_a_headline_and_body_changed_alike_are_one_conflict():
    texts = ["Government releases 103 prisoners\nThe government released 103 prisoners on Thursday, officials said.",
             "Government releases 130 prisoners\nThe government released 130 prisoners on Thursday, officials said."]
    articles = [Article(f"a{i}", t, t, published="2024-12-13") for i, t in enumerate(texts)]
    facts = reconcile(articles, extract(articles, use_ner=False), [_copied("a0", "a1", texts, 0.9)])
    (conflict,) = [f for f in facts if f.status == "conflict"]
    assert conflict.odd_ones_out == ["a1"] and sorted(m.text for m in conflict.mentions) == ["103", "103", "130", "130"]


def test_two_different_changes_of_one_figure_stay_two_rows():
    texts = ["Three ships were seized on Monday.\nThree ships were seized on Monday, the navy said.",
             "Four ships were seized on Monday.\nFive ships were seized on Monday, the navy said."]
    articles = [Article(f"a{i}", t, t, published="2024-12-13") for i, t in enumerate(texts)]
    facts = reconcile(articles, extract(articles, use_ner=False), [_copied("a0", "a1", texts, 0.9)])
    notes = sorted(f.note for f in facts if f.status == "conflict")
    assert len(notes) == 2 and any("Four" in n for n in notes) and any("Five" in n for n in notes)


def test_independent_sources_disagreeing_are_not_outvoted_by_a_copy():
    # a0 and a1 report apart (no copy between them) and differ; a2 is a sure copy of a1. a2 is not a second
    # voice, so a0 is not the odd one out.
    texts = ["Rescuers said 100 people were trapped under the collapsed market hall on Sunday night.",
             "Rescuers said 103 people were trapped under the collapsed market hall on Sunday night.",
             "Rescuers said 103 people were trapped under the collapsed market hall on Sunday night, officials added."]
    articles = [Article(f"a{i}", t, t, published="2024-12-13") for i, t in enumerate(texts)]
    facts = reconcile(articles, extract(articles, use_ner=False), [_copied("a1", "a2", texts, 0.9)])
    conflicts = [f for f in facts if f.status == "conflict"]
    assert conflicts and all(f.odd_ones_out != ["a0"] for f in conflicts)
