from storyline.brief import BriefSentence, brief
from storyline.model import Article

SHARED = "The river burst its banks in Ashby on Monday, flooding two hundred homes near the old bridge."


def article(id: str, text: str, published: str | None = None) -> Article:
    return Article(id=id, text=text, raw_text=text, published=published)


def story() -> list[Article]:
    return [
        article("a", SHARED + " Rescue teams from three counties worked through the night to reach families on "
                "rooftops. The mayor asked residents to stay away from the river until the water falls.",
                "2024-03-04"),
        article("b", "Heavy rain had fallen for four days before the flood reached the town centre. " + SHARED
                + " Shops on the high street were closed and the railway line was cut near the station.",
                "2024-03-05"),
        article("c", SHARED + " The mayor asked residents to stay away from the river until the water falls. "
                "Insurance companies said claims could run into millions of pounds by the end of the week.",
                "2024-03-06"),
        article("d", "A school in the west of the county was used as a shelter for families who lost homes. "
                "Volunteers brought food and blankets to the shelter on Tuesday morning.", "2024-03-06"),
    ]


def test_brief_respects_the_word_budget():
    for budget in (20, 40, 60, 100):
        sentences = brief(story(), words=budget)
        assert sum(len(s.text.split()) for s in sentences) <= budget
    assert brief(story(), words=5) == []


def test_sentences_are_spans_of_their_article():
    texts = {a.id: a.text for a in story()}
    for s in brief(story(), words=100):
        assert isinstance(s, BriefSentence)
        assert texts[s.article][s.start:s.end] == s.text


def test_every_sentence_cites_its_own_article_first():
    sentences = brief(story(), words=100)
    assert sentences
    for s in sentences:
        assert len(s.citations) >= 1
        assert s.citations[0] == s.article


def test_a_sentence_in_three_articles_cites_all_three():
    sentences = brief(story(), words=30)
    shared = [s for s in sentences if s.text == SHARED]
    assert len(shared) == 1, [s.text for s in sentences]
    assert sorted(shared[0].citations) == ["a", "b", "c"]
    assert shared[0].article == "a"  # the copy from the earliest published article


def test_a_sentence_with_a_different_number_is_not_support():
    changed = SHARED.replace("two hundred homes", "300 homes")
    one = article("x", "Officials said 200 homes were flooded in Ashby on Monday near the old bridge by the river.")
    other = article("y", "Officials said 300 homes were flooded in Ashby on Monday near the old bridge by the river.")
    assert changed != SHARED
    [s] = brief([one, other], words=20)
    assert s.citations == [s.article]


def test_repeated_statement_is_said_once():
    sentences = brief(story(), words=100)
    texts = [s.text for s in sentences]
    assert len(texts) == len(set(texts))
    assert texts.count(SHARED) == 1


def test_chronological_order():
    dates = {a.id: a.published for a in story()}
    sentences = brief(story(), words=100)
    published = [dates[s.article] for s in sentences]
    assert published == sorted(published)


def test_disputed_spans_mark_the_sentence():
    articles = story()
    c = articles[2]
    start = c.text.index("millions")
    spans = {"c": [(start, start + len("millions"))]}
    sentences = brief(articles, words=200, disputed_spans=spans)
    marked = [s for s in sentences if "millions" in s.text]
    assert marked and all(s.disputed for s in marked)
    assert not any(s.disputed for s in sentences if "millions" not in s.text)


def test_disputed_sentences_are_less_preferred():
    agreed = "The council confirmed that the election was held on July 28 and that turnout was high."
    disputed = "The council confirmed that the election was held on July 28 in 2023 and that turnout was high."
    articles = [article("a", disputed), article("b", agreed)]
    start = disputed.index("2023")
    plain = brief(articles, words=20)
    marked = brief(articles, words=20, disputed_spans={"a": [(start, start + 4)]})
    assert [s.article for s in marked] == ["b"]
    assert not marked[0].disputed
    assert len(plain) == 1


def test_disputed_copy_marks_an_equivalent_sentence():
    text = "The election was held on July 28, the electoral council said in its final statement."
    a = article("a", text)
    b = article("b", text + " Turnout was reported to be high across the whole country.")
    start = text.index("July 28")
    sentences = brief([a, b], words=16, disputed_spans={"b": [(start, start + 7)]})
    assert sentences and sentences[0].disputed


def test_empty_inputs():
    assert brief([], words=100) == []
    assert brief([article("a", "")], words=100) == []
    assert brief(story(), words=0) == []


def test_single_article_story():
    text = ("The central bank raised its main interest rate by half a point on Thursday to fight inflation. "
            "Markets had expected a smaller rise, and shares fell sharply after the announcement was made. "
            "The bank said further rises were likely if prices kept climbing this year.")
    sentences = brief([article("only", text)], words=40)
    assert sentences
    assert sentences[0].text.startswith("The central bank raised")
    assert all(s.citations == ["only"] for s in sentences)


def test_headlines_are_not_brief_sentences():
    text = ("Floods cut off northern towns after four days of heavy rain in the region\n"
            "The river burst its banks in Ashby on Monday, flooding two hundred homes near the old bridge.")
    sentences = brief([article("a", text), article("b", text)], words=100)
    assert [s.text for s in sentences] == [text.split("\n")[1]]


def test_pieces_of_a_longer_quotation_are_left_out():
    text = ('The minister spoke to reporters outside parliament on Monday about the new flood defences. '
            '"It is not just engineers who need to know about this risk. Every family living near the river '
            'needs a plan," she said.')
    sentences = brief([article("a", text), article("b", text)], words=100)
    assert sentences
    assert all(s.text.count('"') % 2 == 0 for s in sentences)
