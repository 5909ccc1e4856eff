"""Titles of stories without headlines: a sentence that reads on its own."""

from __future__ import annotations

from storyline.cluster.titles import headline, reads_alone, sentences
from storyline.model import Article


def test_wire_quotes_end_sentences_and_quoted_or_back_referring_sentences_are_not_titles() -> None:
    text = ("Samaranch said Hodler should have raised his allegations first. ``For me, I was really "
            "surprised.'' They are not official comments. The IOC will meet in Lausanne in January.")
    split = sentences(text)
    assert split == [
        "Samaranch said Hodler should have raised his allegations first.",
        "``For me, I was really surprised.''",
        "They are not official comments.",
        "The IOC will meet in Lausanne in January.",
    ]
    assert [reads_alone(s) for s in split] == [True, False, False, True]
    assert not reads_alone("and then the rebels withdrew from the town.")


def test_the_lede_wins_over_a_later_sentence_only_a_little_more_central(monkeypatch) -> None:
    from storyline.cluster import ClusterSettings, StoryClusterer
    from storyline.cluster import settings as S
    from storyline.cluster.features import article_terms
    from storyline.cluster.titles import central_sentence
    from storyline.model import Article

    lede = "Rebels seized the eastern Congolese town of Goma on Sunday after heavy fighting with troops."
    later = "Aid workers in Goma said the rebels seized food stores and the town airport on Sunday."
    text = f"{lede} Residents fled across the border into neighbouring Rwanda overnight. {later}"
    article = Article(id="a", text=text, raw_text=text)
    clusterer = StoryClusterer(ClusterSettings(use_embeddings=False))
    clusterer.add_batch([article])
    # A story profile that leans slightly towards the later sentence's words.
    profile = {t: 1.0 for t in article_terms(lede, None)[0] if t[0] in "we"}
    profile.update({t: 1.3 for t in article_terms(later, None)[0] if t[0] in "we"})
    monkeypatch.setattr(S, "TITLE_POSITION_DECAY", 0.0)
    assert central_sentence(article, profile, clusterer.vocab) == later
    monkeypatch.setattr(S, "TITLE_POSITION_DECAY", 0.2)
    assert central_sentence(article, profile, clusterer.vocab) == lede


def test_sentences_opening_on_one_of_an_earlier_pair_are_not_titles() -> None:
    assert not reads_alone("One, Qin Yongmin, 45, of the central city of Wuhan, was detained on Monday.")
    assert not reads_alone("However, the talks broke down after two days in Geneva.")
    assert reads_alone("Oneida County officials closed the bridge on Monday.")


def test_a_wire_dateline_is_not_part_of_a_title() -> None:
    from storyline.cluster import ClusterSettings, StoryClusterer
    from storyline.cluster.titles import central_sentence
    from storyline.model import Article

    text = ("LAUSANNE, Switzerland (AP) _ IOC president Juan Antonio Samaranch on Sunday promised to expel any "
            "members found guilty of taking bribes.")
    article = Article(id="a", text=text, raw_text=text)
    clusterer = StoryClusterer(ClusterSettings(use_embeddings=False))
    clusterer.add_batch([article])
    assert central_sentence(article, {}, clusterer.vocab).startswith("IOC president Juan Antonio Samaranch")


def test_a_word_or_three_in_quotes_is_the_writers_but_a_statement_or_a_broken_quote_is_not() -> None:
    assert reads_alone("Cambodian leader Hun Sen on Friday rejected the demands, accusing them of trying to "
                       "``internationalize'' the political crisis.")
    assert reads_alone('Officials said the "Dream Team" arrived in Sydney on Monday.')
    assert not reads_alone('The president said "we will never surrender to anyone" on Monday.')
    assert not reads_alone('Chan said the pandemic would be of" moderate severity" The WHO has declared it.')


def test_openers_that_lean_on_an_earlier_sentence_or_date_and_run_on_sentences_are_not_titles() -> None:
    assert not reads_alone("Last week, Philippine President Joseph Estrada said he might not attend.")
    assert not reads_alone("Earlier this month, the rebels seized the airport at Kindu.")
    assert not reads_alone("Advert warns about the dangers of swine flu It is too early to say.")
    assert reads_alone("Last-minute talks between the two parties failed on Monday.")


def test_a_date_given_as_title_or_printed_above_it_is_no_headline() -> None:
    def article(title: str | None, text: str) -> Article:
        return Article(id="a", text=text, raw_text=text, title=title)

    body = "Today the Interior Secretary restored the rules of the Endangered Species Act."
    dated = article("APR 28", f"APR 28\nObama Administration Restores Species Act Protections\n{body}")
    assert headline(dated) == "Obama Administration Restores Species Act Protections"
    timed = article(None, f"8: 24am:\n{body}")
    assert headline(timed) is None  # the line after the time is a sentence, not a headline
    titled = article("Obama restores species rules", f"December 16, 2008\n{body}")
    assert headline(titled) == "Obama restores species rules"
    # A headline that states a date, a time or a weekday is still a headline.
    for dated_headline in ("Obama signs bill on May 3", "Earthquake hits Japan at 2:46 pm", "Sunday Bloody Sunday",
                           "May 1 protests turn violent", "US ELECTION: OBAMA WINS NOV 6"):
        assert headline(article(dated_headline, body)) == dated_headline
        assert headline(article(None, f"{dated_headline}\n{body}")) == dated_headline


def test_a_sentence_may_open_on_a_figure() -> None:
    assert reads_alone("19 people died when the quake struck the coast on Monday.")
    assert not reads_alone("three more were found later.")
