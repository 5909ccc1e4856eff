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


def test_a_name_ending_in_a_title_abbreviation_stays_whole():
    (mentions,) = linked("Cambodian leader Hun Sen rejected the demands. Economist Amartya Sen agreed with "
                         "Venezuela President Nicolas Maduro. Sen. Ted Kennedy spoke later.")
    texts = [m.text for m in mentions]
    assert "Hun Sen" in texts and "Amartya Sen" in texts
    assert "Nicolas Maduro" in texts
    assert "Ted Kennedy" in texts and "Sen" not in texts


def test_names_are_cut_at_possessives_and_keep_their_own_kind():
    (mentions,) = linked("Opposition leaders fear Hun Sen's Cambodian People's Party. They met at Hun Sen's "
                         "Phnom Penh office, and Ranariddh's FUNCINPEC agreed. Hun Sen and Ranariddh spoke.")
    texts = [m.text for m in mentions]
    assert texts == ["Hun Sen", "Cambodian People's Party", "Hun Sen", "Phnom Penh", "Ranariddh", "FUNCINPEC",
                     "Hun Sen", "Ranariddh"]


def test_brands_and_days_with_a_possessive_stay_whole():
    """A possessive splits a run of names only where its owner is also named alone."""
    (mentions,) = linked("The insurer Lloyd's of London and Moody's Investors Service met before Macy's "
                         "Thanksgiving Day Parade and New Year's Day.")
    assert [m.text for m in mentions] == ["Lloyd's of London", "Moody's Investors Service",
                                          "Macy's Thanksgiving Day Parade", "New Year's Day"]


def test_a_title_abbreviation_with_its_period_still_ends_the_name_before_it():
    (mentions,) = linked("Republican Sen. Lindsey Graham and Democratic Rep. Nancy Pelosi spoke.")
    assert "Lindsey Graham" in [m.text for m in mentions] and "Republican Sen" not in [m.text for m in mentions]
    assert "Democratic Rep" not in [m.text for m in mentions]


def test_a_sentence_opener_the_story_writes_in_lower_case_is_not_part_of_a_name():
    a, b = linked("Citing Hun Sen's threats, the opposition stayed abroad.",
                  "The opposition, citing threats, stayed abroad. Hun Sen said talks would go on.")
    assert [m.key for m in a] == ["hun sen"] and a[0].text == "Hun Sen" and a[0].start == len("Citing ")
    assert {m.key for m in b} == {"hun sen"}


def test_a_person_is_not_folded_into_the_party_named_after_him():
    (mentions,) = linked("Opposition leader Sam Rainsy spoke. The Sam Rainsy Party boycotted the vote.")
    assert {m.text: m.key for m in mentions} == {"Sam Rainsy": "sam rainsy", "Sam Rainsy Party": "sam rainsy party"}


def test_a_surname_typed_as_a_place_joins_the_person_its_article_names_in_full():
    (mentions,) = linked("Prince Norodom Ranariddh returned on Monday. Diplomats sent a letter to Ranariddh.")
    assert {m.key for m in mentions} == {"norodom ranariddh"}
    # a common place name stays the place
    (mentions,) = linked("Congressman Jim Jordan criticised the aid sent to Jordan.")
    assert {m.text: m.key for m in mentions} == {"Jim Jordan": "jim jordan", "Jordan": "jordan"}


def test_first_names_and_place_words_that_open_a_sentence_are_kept():
    a, b = linked("The bill passed. New York City officials said the new rules apply. Bill Clinton praised it.",
                  "Bill Clinton signed the bill.")
    assert [m.text for m in a] == ["New York City", "Bill Clinton"] and [m.text for m in b] == ["Bill Clinton"]


def test_a_country_that_ends_like_a_demonym_is_a_name_before_a_function_word():
    (mentions,) = linked("Aid to Jordan was cut while Afghanistan was quiet and Ukraine said so. Venezuelan "
                         "officials and Chinese diplomats met.")
    texts = [m.text for m in mentions]
    assert texts == ["Jordan", "Afghanistan", "Ukraine"]


def test_a_country_before_a_verb_is_a_name_when_the_text_names_it_elsewhere():
    (mentions,) = linked("Iran warned the West on Monday. New sanctions on Iran, officials said, would hurt.")
    assert [m.text for m in mentions] == ["Iran", "West", "Iran"]
    # a demonym used as a noun ("an Israeli", "two Iraqis") is no evidence for its adjective
    (mentions,) = linked("Israeli troops fired on Monday. One Israeli was hurt. Venezuelan officials left Caracas.")
    assert 0 not in [m.start for m in mentions]


def test_acronyms_that_spell_common_words_are_names_and_quote_openers_are_sentence_starts():
    (mentions,) = linked("The WHO declared a pandemic on Thursday. Officials at WHO said talks in the US went on. "
                         "``What I hope is peace,'' he said. ``I'm sure,'' Jones said. Like Estrada, Mahathir "
                         "spoke. People were angry at the Cambodian People's Party, Honduras' president said.")
    texts = [m.text for m in mentions]
    assert texts == ["WHO", "WHO", "US", "Jones", "Estrada", "Mahathir", "Cambodian People's Party", "Honduras"]


def test_a_lone_name_that_begins_one_persons_name_and_ends_none_is_that_person():
    a, b = linked("Former deputy prime minister Anwar Ibrahim was arrested. Prime Minister Mahathir Mohamad spoke.",
                  "On Monday Anwar appeared in court, and Mahathir said the trial was fair.")
    assert {m.text: m.key for m in b} == {"Anwar": "anwar ibrahim", "Mahathir": "mahathir mohamad"}
