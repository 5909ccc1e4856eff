
from storyline.facts.quantities import find_quantities


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def test_digits_with_qualifier_and_counted_thing():
    q = one("At least 28 people were killed in the clashes.")
    assert q.value == 28
    assert q.qualifier == "at least"
    assert q.event == "killed"
    assert (q.low, q.high) == (28, 28 * 3.0)  # an open bound agrees with values up to OPEN_BOUND_MAX_RATIO past it
    assert q.text == "At least 28"


def test_number_words_and_thousands_separator():
    q = one("Police said three regional leaders were detained.")
    assert q.value == 3 and q.head == "leader" and q.event == "arrested"
    q = one("Government figures indicate that around 2,000 people were arrested.")
    assert q.value == 2000 and q.qualifier == "about" and q.low < 2000 < q.high


def test_units_hyphenated_and_plain():
    q = one("They were released over a 72-hour period.")
    assert (q.value, q.unit, q.text) == (72, "hour", "72-hour")
    q = one("They must appear in court once every 30 days.")
    assert (q.value, q.unit) == (30, "day")
    assert one("Shares fell 10% on Monday.").unit == "percent"
    q = one("The bill contains $ 79.9 billion for the war.")
    assert (q.value, q.unit) == (79_900_000_000, "USD")


def test_vague_counts_are_intervals():
    q = one("Thousands were arrested.")
    assert q.vague and q.qualifier == "thousands"
    assert q.low <= 2000 < q.high
    q = one("Nearly 200 were injured.")
    assert q.qualifier == "nearly" and q.low < 200 and q.high == 200


def test_event_word_nearest_the_number_wins():
    found = find_quantities("At least 28 people were killed and nearly 200 injured.")
    assert [(q.value, q.event) for q in found] == [(28, "killed"), (200, "injured")]


def test_deaths_and_killed_share_a_concept():
    a = one("The clashes caused at least 28 deaths.")
    b = one("Approximately 28 fatalities were reported.")
    assert a.event == b.event == "killed"


def test_update_language_is_flagged():
    found = find_quantities("Venezuela released an additional 177 prisoners, bringing the total to 910.")
    assert [(q.value, q.update) for q in found] == [(177, True), (910, True)]
    # the running total counts the same thing as the increment before it
    assert found[1].event == found[0].event == "released"
    assert not one("Officials released 103 prisoners.").update


def test_ranges_and_skip_spans():
    q = one("The quake left as many as 45,000-50,000 dead.")
    assert (q.value, q.high, q.qualifier) == (45_000, 50_000, "up to")
    text = "On July 28, 103 people were freed."
    found = find_quantities(text, skip=[(3, 10)])
    assert [q.value for q in found] == [103]


def test_numbers_inside_words_are_not_quantities():
    assert find_quantities("The H1N1 virus spread.") == []
