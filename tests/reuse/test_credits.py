from storyline.reuse.credits import dateline_at, find_credits, furniture_strength, is_furniture, outlet_key


def _names(text: str) -> list[tuple[str, str]]:
    return [(c.name, c.kind) for c in find_credits(text)]


def test_credit_phrasings_name_the_outlet():
    assert _names("TOKYO, May 3 (Kyodo News) - The quake struck") == [("Kyodo News", "dateline")]
    assert _names("the levee failed, Al Jazeera reported.") == [("Al Jazeera", "report")]
    assert _names("This story was originally published by Northern Wire.") == [("Northern Wire", "credit")]
    assert _names("Original Source: www.aljazeera.com") == [("www.aljazeera.com", "credit")]
    assert _names("Content provided by Reuters.") == [("Reuters", "credit")]
    assert _names("Copyright 2010 The Associated Press. All rights reserved.") == [("Associated Press", "copyright")]


def test_people_routes_and_pronouns_are_not_outlets():
    assert _names("Officials reported three deaths.") == []
    assert _names("Aid reached Haiti via the Dominican Republic.") == []
    assert _names("According to Gray, the yacht rolled twice.") == []


def test_snippet_keeps_whole_words():
    text = "The government released 103 people, sparking protests, Al Jazeera reported. Next sentence."
    [c] = find_credits(text)
    snippet = c.snippet(text, margin=30)
    assert snippet.endswith("Al Jazeera reported.")
    assert not snippet.lstrip("…").startswith("parking")


def test_datelines():
    text = "Caracas [Venezuela], December 13 : The government has released"
    assert dateline_at(text, 0, len(text)) is not None
    assert dateline_at("NEW ORLEANS -- Oil from the well", 0, 40) is not None
    assert dateline_at("Officials said: the dam held", 0, 28) is None


def test_furniture():
    assert is_furniture("Home | World | Politics | Business")
    assert is_furniture("Share this article: Facebook Twitter Email")
    assert furniture_strength("Subscribe to the Valley Courier for $1 a week") == 2
    assert furniture_strength("Valley Courier brings you the news", own_keys=("valleycourier",)) == 2
    assert furniture_strength("Rescue efforts continue") == 1  # short and unpunctuated: maybe a subhead
    assert not is_furniture("Mayor Ellen Ward said emergency crews had rescued 37 people from rooftops.")


def test_outlet_names_and_domains_compare_equal():
    assert outlet_key("www.aljazeera.com") == outlet_key("Al Jazeera") == outlet_key("AL-JAZEERA")
    assert outlet_key("https://www.bbc.co.uk/news") == outlet_key("BBC")
    assert outlet_key("The Guardian") == outlet_key("guardian")


def test_outlet_keys_include_the_initials_of_a_name_of_several_words():
    from storyline.reuse.credits import outlet_keys

    assert outlet_keys("Associated Press") == {"associatedpress", "ap"}
    assert outlet_keys("The New York Times") == {"newyorktimes", "nyt"}
    assert outlet_keys("www.aljazeera.com") == {"aljazeera"}
    assert outlet_keys("") == frozenset()


def test_a_credit_at_the_start_of_a_line_is_quoted_whole():
    text = "Original Source: www.aljazeera.com"
    [credit] = find_credits(text)
    assert credit.snippet(text) == text


def test_a_person_or_a_country_reporting_news_is_not_an_outlet_credit():
    text = ("King Norodom Sihanouk met both leaders. Sihanouk reported that Hun Sen responded positively. "
            "Mexico reported one death from Mitch. Guatemala reported 100 storm-related deaths. "
            "Conflicting reports indicate the envoy was stuck at the airport.")
    assert [c.name for c in find_credits(text)] == []


def test_an_outlet_reporting_at_a_clause_end_or_with_that_is_a_credit():
    text = ("Indonesia was skeptical about Portugal's sincerity, Antara reported. Iran will send envoys, the Tehran "
            "Times reported Monday. El Mundo reported that the family had asked for a doctor.")
    assert [c.name for c in find_credits(text)] == ["Antara", "Tehran Times", "El Mundo"]
