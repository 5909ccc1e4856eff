from datetime import date

from storyline.facts.dates import find_dates

FRIDAY = date(2024, 12, 13)


def resolved(text, anchor=FRIDAY, own=True):
    return [(d.text, d.value) for d in find_dates(text, anchor, own)]


def test_weekday_resolves_to_the_last_one_before_publication():
    assert resolved("The release was announced on Thursday.") == [("on Thursday", "2024-12-12")]


def test_weekday_in_the_future_tense_looks_ahead():
    assert resolved("The talks will resume on Monday.") == [("on Monday", "2024-12-16")]


def test_weekday_range_is_kept_as_a_range():
    assert resolved("They were freed from Tuesday to Thursday.") == [
        ("from Tuesday to Thursday", ("2024-12-10", "2024-12-12"))]


def test_month_and_day_take_the_nearest_past_year():
    (d,) = find_dates("The election on July 28 was disputed.", FRIDAY)
    assert d.value == "2024-07-28" and not d.explicit_year and d.event == "election"
    (d,) = find_dates("A meeting on January 5.", FRIDAY)
    assert d.value == "2025-01-05"  # three weeks ahead is nearer than a year back


def test_explicit_dates_and_years():
    assert resolved("Dec 13, 2024") == [("Dec 13, 2024", "2024-12-13")]
    assert resolved("It sank on 22 April 2010.") == [("22 April 2010", "2010-04-22")]
    (d,) = find_dates("the 2023 elections were", FRIDAY)
    assert (d.value, d.granularity, d.event, d.explicit_year) == ("2023", "year", "election", True)


def test_relative_periods():
    (d,) = find_dates("Earlier this week, leaders were detained.", FRIDAY)
    assert d.value == ("2024-12-09", "2024-12-13")
    assert resolved("He fled to Spain in September.") == [("in September", "2024-09")]
    assert resolved("Officials spoke yesterday.") == [("yesterday", "2024-12-12")]
    assert resolved("It happened two days ago.") == [("two days ago", "2024-12-11")]


def test_confidence_is_lower_against_a_story_anchor():
    (own,) = find_dates("announced on Thursday", FRIDAY, anchor_is_own=True)
    (story,) = find_dates("announced on Thursday", FRIDAY, anchor_is_own=False)
    assert own.value == story.value and story.confidence < own.confidence


def test_no_anchor_leaves_relative_dates_unresolved():
    (d,) = find_dates("announced on Thursday", None)
    assert d.value is None and d.confidence == 0.0


def test_clock_times_and_counts_are_not_confused_with_years():
    assert resolved("WASHINGTON | Wed Jun 16, 2010 2:59 pm EDT") == [
        ("Wed Jun 16, 2010", "2010-06-16"), ("2:59 pm EDT", "14:59")]
    assert resolved("Troops killed 2000 people.") == []
    assert resolved("It may rain.") == []
