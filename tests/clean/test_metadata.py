import pytest

from storyline.clean import clean_article
from storyline.clean.metadata import find_attributions, normalise_published
from storyline.model import RawArticle

BODY = (
    "The port authority said on Tuesday that cargo volumes fell by a fifth in the first quarter, after a "
    "strike by crane operators.\nShipping companies diverted several vessels to neighbouring harbours."
)


def _clean(text: str, **given):
    return clean_article(RawArticle(id="m", text=text, location="test", **given))


# --- headline -----------------------------------------------------------------------------------------


def test_headline_followed_by_paragraph_break():
    article = _clean("Port cargo volumes fall after crane strike\n\nDec 13, 2024\n\n" + BODY)
    assert article.title == "Port cargo volumes fall after crane strike"
    assert article.text.startswith("Port cargo volumes fall")  # the headline stays in the text
    assert "title" in article.guessed


def test_headline_followed_directly_by_the_body():
    assert (
        _clean("Cargo Volumes Fall At Port After Strike\n" + BODY).title
        == "Cargo Volumes Fall At Port After Strike"
    )


def test_date_above_the_headline_is_skipped():
    article = _clean("Friday, June 7, 2013\nCargo volumes fall at port after strike\n" + BODY)
    assert article.title == "Cargo volumes fall at port after strike"
    assert article.published == "2013-06-07"


@pytest.mark.parametrize(
    "first_line",
    [
        "Cargo volumes fell at the port.",  # a sentence
        "Quick Wire Online brings you breaking news 24/7",  # shares no word with the story
        "Cargo",  # too short
        "the port said that cargo volumes",  # lower case: a broken line
    ],
)
def test_no_headline(first_line):
    assert _clean(first_line + "\n\n" + BODY).title is None


# --- publication date ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "date_line",
    [
        "Dec 13, 2024",
        "December 13, 2024",
        "13 December 2024",
        "2024-12-13",
        "Published: Friday 13 December 2024",
        "Fri Dec 13, 2024 2:07 pm EDT",
    ],
)
def test_date_line_near_the_top(date_line):
    article = _clean(f"Cargo volumes fall at port after strike\n{date_line}\n{BODY}")
    assert article.published == "2024-12-13"
    assert "published" in article.guessed


def test_timestamp_inside_a_scraped_first_line():
    text = "Gulf oil well seal holding HOUSTON | Fri Aug 6, 2010 5:50 pm EDT HOUSTON (Reuters) - BP said on Friday."
    assert _clean(text).published == "2010-08-06"


@pytest.mark.parametrize(
    "text",
    [
        "The election on July 28, 2024 was disputed by the opposition and by several foreign governments.",
        "05/03/2013\n" + BODY,  # March or May: not guessed
        "Posted December 45, 2024\n" + BODY,  # no such day
    ],
)
def test_no_date(text):
    assert _clean(text).published is None


# --- dateline -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Caracas [Venezuela], December 13 : The government released 103 people.", "Caracas"),
        ("GENEVA (Reuters) - Swine flu will carry the name pandemic.", "Geneva"),
        ("Tokyo, September 16 (Associated Press) - The yen rose sharply.", "Tokyo"),
        (
            "HONG KONG | Tue May 12, 2009 8:56 am EDT HONG KONG (Reuters) - A leading virologist spoke.",
            "Hong Kong",
        ),
        ("HOUSTON, Dec 8 (Reuters) - Helix Energy Solutions is finishing a system.", "Houston"),
        (
            "NEW ORLEANS -- BP engineers were back to the slow work of trying to choke the gusher.",
            "New Orleans",
        ),
        ("WASHINGTON (AP) _ The Senate voted on Tuesday.", "Washington"),
    ],
)
def test_dateline(line, place):
    article = _clean(line + "\n" + BODY)
    assert article.dateline == place
    assert "dateline" in article.guessed


@pytest.mark.parametrize(
    "line",
    [
        "UPDATE 2-Oil rises as supply worries grow, traders said on Monday in London.",
        "Monday, December 13 : a day the port will remember for a long time to come.",
        "The port authority (which runs the harbour) - said nothing.",
    ],
)
def test_no_dateline(line):
    assert _clean(line + "\n" + BODY).dateline is None


def test_dateline_agency_is_credited():
    assert _clean("GENEVA (Reuters) - Swine flu will carry the name pandemic.").attributed_to == ["Reuters"]


# --- byline -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("By Jane Smith\n" + BODY, "Jane Smith"),
        ("BY JANE SMITH AND JOHN DOE\n" + BODY, "Jane Smith and John Doe"),
        ("By Jane Smith, Reuters\n" + BODY, "Jane Smith"),
        ("Jane Smith | 18:00 UK time, 12 May 2020\n" + BODY, "Jane Smith"),
        (
            "By Richard Black Environment correspondent, BBC News The manatee could be a casualty.",
            "Richard Black",
        ),
        (BODY + "\nReporting by Jane Smith in Geneva; Editing by John Doe", "Jane Smith"),
    ],
)
def test_byline(text, byline):
    article = _clean(text)
    assert article.byline == byline
    assert "byline" in article.guessed


@pytest.mark.parametrize(
    "text",
    [
        "By Tuesday, the strike had ended and the cranes were moving again at the port.",
        "HONG KONG | Tue May 12, 2009 8:56 am EDT HONG KONG (Reuters) - A virologist spoke.",
        BODY + "\nAdditional reporting by Jane Smith",
    ],
)
def test_no_byline(text):
    assert _clean(text).byline is None


# --- credited outlets ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlets"),
    [
        ("The government released 103 people, Al Jazeera reported.", ["Al Jazeera"]),
        ("Volumes fell, according to Reuters.", ["Reuters"]),
        ("Measures were granted on November 26, as per Al Jazeera.", ["Al Jazeera"]),
        ("Some text.\nOriginal Source: www.aljazeera.com", ["Al Jazeera"]),
        ("Some text.\nSource: www.harbordaily.com", ["Harbordaily"]),
        ("Some text.\nThis story was originally published by Associated Press.", ["Associated Press"]),
        ("Iran's Fars news agency reported the arrests.", ["Fars news agency"]),
        ("The plane left without his luggage, Israel radio reported.", ["Israel radio"]),
        ("As the Washington Post reported last week, the plan stalled.", ["The Washington Post"]),
        ("The Spanish newspaper El Pais reported the deal.", ["El País"]),
        ("Reuters said so. Later, according to the AP, and AP reported again.", ["Associated Press"]),
    ],
)
def test_credited_outlets(text, outlets):
    assert find_attributions(text) == outlets


@pytest.mark.parametrize(
    "text",
    [
        "Prisoners must appear in court, according to the attorney general's office.",
        "The total is 910, according to Attorney General Tarek Saab.",
        "Jane Smith reported that the port was closed.",
        "There are 1,877 political prisoners, according to Foro Penal.",
        "State media reported the arrests on Friday.",
        "Israeli media reported the arrests, according to Press Secretary Jane Doe.",
        "The newspaper reported the arrests on Friday.",
    ],
)
def test_people_and_offices_are_not_outlets(text):
    assert find_attributions(text) == []


def test_credits_in_order_of_first_appearance_title_first():
    text = (
        "Tokyo, September 16 (Associated Press) - Rates rose, Reuters reported.\nMore, according to Reuters."
    )
    article = _clean(text, title="Rates rise in Japan - Agence France-Presse")
    assert article.attributed_to == ["Agence France-Presse", "Associated Press", "Reuters"]


# --- input metadata wins ------------------------------------------------------------------------------


def test_input_metadata_wins_over_the_text():
    text = "Port cargo volumes fall after crane strike\n\nDec 13, 2024\nBy Jane Smith\n" + BODY
    article = _clean(text, title="Given title", published="2024-01-02", byline="Given Author")
    assert (article.title, article.published, article.byline) == ("Given title", "2024-01-02", "Given Author")
    assert not {"title", "published", "byline"} & set(article.guessed)
    guessed = _clean(text)
    assert (guessed.title, guessed.published, guessed.byline) == (
        "Port cargo volumes fall after crane strike",
        "2024-12-13",
        "Jane Smith",
    )
    assert {"title", "published", "byline"} <= set(guessed.guessed)


def test_publication_dates_given_by_inputs_become_iso_or_nothing() -> None:
    assert normalise_published("2024-12-13") == "2024-12-13"
    assert normalise_published("2024-12-13T08:30:00Z") == "2024-12-13T08:30:00Z"
    assert normalise_published("20241213") == "2024-12-13"
    assert normalise_published("Fri, 13 Dec 2024 08:30:00 GMT") == "2024-12-13T08:30:00+00:00"
    assert normalise_published("Dec 13, 2024") == "2024-12-13"
    assert normalise_published("13 December 2024") == "2024-12-13"
    assert normalise_published("Friday, December 13, 2024 5:50 pm EDT") == "2024-12-13"
    for bad in ("not a date", "05/03/2013", "12345", "0001-01-01", "   "):
        assert normalise_published(bad) is None, bad
