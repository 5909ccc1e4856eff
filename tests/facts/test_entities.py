from storyline.facts.entities import find_entities, link_entities


def linked(*texts):
    per_article = [find_entities(t) for t in texts]
    link_entities(list(texts), per_article, nlp=None)
    return per_article


def keys(mentions):
    return {m.text: m.key for m in mentions}


def test_accents_and_partial_mentions_meet():
    a, b, c = linked(
        "The government of President Nicolás Maduro said on Monday that Maduro would speak.",
        "President Nicolas Maduro rejected the claims.",
        "The opposition leader Edmundo González fled. Gonzalez said he was threatened by Maduro.",
    )
    assert keys(a) == {"Nicolás Maduro": "nicolas maduro", "Maduro": "nicolas maduro"}
    assert keys(b)["Nicolas Maduro"] == "nicolas maduro"
    assert keys(c)["Edmundo González"] == keys(c)["Gonzalez"] == "edmundo gonzalez"
    assert keys(c)["Maduro"] == "nicolas maduro"


def test_roles_are_read_from_titles_and_appositives():
    (mentions,) = linked("Minister Diosdado Cabello, head of the citizen security service, announced it.")
    (m,) = mentions
    assert m.text == "Diosdado Cabello" and m.kind == "person"
    assert m.role == "Minister, head of the citizen security service"
    (mentions,) = linked("Polls showed him trailing opposition leader Edmundo Gonzalez by a wide margin.")
    assert [(m.text, m.role) for m in mentions] == [("Edmundo Gonzalez", "opposition leader")]


def test_acronyms_join_the_name_they_abbreviate():
    (mentions,) = linked("He spoke before the Organization of American States (OAS) this week. The OAS met.")
    assert {m.key for m in mentions} == {"organization of american states"}
    assert all(m.kind == "org" for m in mentions)


def test_sentence_openers_and_places():
    (mentions,) = linked("Despite the releases, protests continued. He fled to Spain.\nProtests grew.")
    assert [m.text for m in mentions] == ["Spain"]
    assert mentions[0].kind == "place"


def test_a_surname_two_people_share_stays_alone():
    (mentions,) = linked("President John Smith met Senator Jane Smith. Smith spoke first.")
    lone = [m for m in mentions if m.text == "Smith"]
    assert lone and lone[0].key == "smith"
