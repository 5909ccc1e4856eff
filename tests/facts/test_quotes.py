from storyline.facts.entities import find_entities, link_entities
from storyline.facts.quotes import find_quotes


def quotes_of(text):
    entities = find_entities(text)
    link_entities([text], [entities])
    return find_quotes(text, entities)


def test_speaker_after_the_quote_with_a_title():
    (q,) = quotes_of("“The government has adopted unacceptable actions,” said Foreign Minister Gerardo Werhein.")
    assert q.text == "The government has adopted unacceptable actions,"
    assert q.speaker == "Gerardo Werhein"


def test_pronoun_resolves_to_the_last_person_named():
    text = ("Opposition leader Edmundo González fled to Spain. "
            "“My departure was surrounded by acts of pressure,” he said at the time.")
    (q,) = quotes_of(text)
    assert q.speaker_key == "edmundo gonzalez"


def test_scare_quotes_are_not_quotes_and_paragraphs_continue():
    text = ('They were granted "precautionary measures" last month.\n'
            '"We will not stop until they are all free," said Maria Lopez.\n'
            '"Every family deserves an answer."')
    found = quotes_of(text)
    assert [q.speaker for q in found] == ["Maria Lopez", "Maria Lopez"]


def test_ascii_double_backtick_quotes_of_wire_copy():
    # 1990s wire copy (TDT, DUC) writes curly quotes as `` and ''.
    text = ("``We will not let the rebels take the capital,'' President Laurent Kabila said on Tuesday. "
            "Aid groups said ``thousands of people have fled the fighting'' since August.")
    found = quotes_of(text)
    assert [q.text for q in found] == ["We will not let the rebels take the capital,",
                                       "thousands of people have fled the fighting"]
    assert found[0].speaker == "Laurent Kabila"
    assert text[found[0].start:found[0].end] == found[0].text


def test_a_pronoun_is_never_resolved_to_a_name_inside_a_quote():
    text = ("Indonesian President B.J. Habibie spoke on Sunday. ``It's difficult for me because of what happened "
            "to Anwar Ibrahim,'' he said.")
    (q,) = quotes_of(text)
    assert q.speaker_key == "b.j. habibie" or q.speaker == "B.J. Habibie"


def test_speakers_named_after_an_appositive_or_a_possessive_or_in_the_sentence_before():
    (q,) = quotes_of("``What I experienced was chicken feed compared to this,'' Syed Husin Ali, a former "
                     "political detainee, said on Friday.")
    assert q.speaker == "Syed Husin Ali"
    (q,) = quotes_of("``We claim that his detention is illegal,'' said one of Anwar's lawyers, Pawancheek Marican.")
    assert q.speaker == "Pawancheek Marican"
    (q,) = quotes_of("``We will appeal at once,'' said one of Anwar's lawyers.")
    assert q.speaker is None
    first, second = quotes_of("``The party is strong and united,'' said Mahathir. ``There is no exodus from the "
                              "party at all.''")
    assert first.speaker == second.speaker == "Mahathir"


def test_capitalised_sentence_openers_and_initials_are_not_speakers():
    (q,) = quotes_of("Critics said ``we want to see whether this is strongly sustainable at all.''")
    assert q.speaker is None
