import pytest

from storyline.clean.outlets import domain_outlet, outlet_name


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Al Jazeera", "Al Jazeera"),
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("AFP", "Agence France-Presse"),
        ("Xinhua news agency", "Xinhua"),
        ("BBC News", "BBC"),
        ("Bangkok Post", "Bangkok Post"),
        ("Channel Two television", "Channel Two television"),
        ("Red Deer Advocate", "Red Deer Advocate"),
        ("www.aljazeera.com", "Al Jazeera"),
        ("Reuters's", "Reuters"),
    ],
)
def test_outlets(phrase, name):
    assert outlet_name(phrase) == name


@pytest.mark.parametrize(
    "phrase",
    [
        "the attorney general's office",
        "Attorney General Tarek Saab",
        "Press Secretary Jane Doe",
        "Post Office",
        "Foro Penal",
        "Jane Smith",
        "News",
        "State media",
        "Israeli press",
        "International Energy Agency",
        "",
    ],
)
def test_not_outlets(phrase):
    assert outlet_name(phrase) is None


def test_domains():
    assert domain_outlet("https://www.reuters.com/world/article-1") == "Reuters"
    assert domain_outlet("news.bbc.co.uk") == "BBC"
    assert domain_outlet("www.harbor-daily.co.uk") == "Harbor Daily"
    assert domain_outlet("quickwire.com.") == "Quickwire"
    assert domain_outlet("not a domain") is None
