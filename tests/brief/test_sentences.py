from storyline.brief import split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()
    return [text[a:b] for a, b in spans]


def test_titles_and_acronyms_do_not_end_sentences():
    text = "Mr. Smith met Gen. Lee at the U.S. embassy on Sep. 24. They talked for an hour."
    assert sentences(text) == ["Mr. Smith met Gen. Lee at the U.S. embassy on Sep. 24.", "They talked for an hour."]


def test_acronym_at_the_end_of_a_sentence():
    text = "The talks were held in the U.S. The next round is in Paris."
    assert sentences(text) == ["The talks were held in the U.S.", "The next round is in Paris."]


def test_initials_and_numbers():
    text = "John F. Kennedy won by 3.5 points. No. 1 seed Spain lost. He said no. Then he left."
    assert sentences(text) == ["John F. Kennedy won by 3.5 points.", "No. 1 seed Spain lost.", "He said no.",
                                "Then he left."]


def test_sentence_ending_inside_quotes():
    text = 'He said, "We will go." Then he left. She added: ``It is over.\'\' The crowd cheered.'
    assert sentences(text) == ['He said, "We will go."', "Then he left.", "She added: ``It is over.''",
                               "The crowd cheered."]


def test_question_inside_quotes_followed_by_lower_case_continues():
    text = '"Why now?" he asked. Nobody knew.'
    assert sentences(text) == ['"Why now?" he asked.', "Nobody knew."]


def test_newlines_separate_headline_and_paragraphs():
    text = "Floods hit the north\nRivers rose overnight. Roads closed.\n\nRescue teams arrived"
    assert sentences(text) == ["Floods hit the north", "Rivers rose overnight.", "Roads closed.", "Rescue teams arrived"]


def test_hard_wrapped_text_joins_lines():
    text = (
        "The committee met on Tuesday to discuss the budget for next\n"
        "year, and members agreed that spending on roads should rise\n"
        "by a tenth. The vote is expected next week, officials said\n"
        "after the meeting ended late in the evening on Tuesday.\n"
    )
    got = sentences(text)
    assert len(got) == 2
    assert got[0].startswith("The committee") and got[0].endswith("by a tenth.")


def test_datelines_are_left_out():
    for text in [
        "WASHINGTON (AP) _ The president spoke. He left.",
        "KHARTOUM, Sudan (AP) -- The president spoke. He left.",
        "Moscow, May 2 (Reuters) - The president spoke. He left.",
        "Caracas [Venezuela], December 13 : The president spoke. He left.",
    ]:
        assert sentences(text) == ["The president spoke.", "He left."], text


def test_a_capitalised_phrase_before_a_dash_is_not_a_dateline():
    assert sentences("Mr Smith - who was late - apologised.") == ["Mr Smith - who was late - apologised."]


def test_pre_tokenized_text():
    text = "The minister said . The talks failed . `` We go , '' he said ."
    assert sentences(text) == ["The minister said .", "The talks failed .", "`` We go , '' he said ."]


def test_offsets_point_into_the_original_text():
    text = "  First one here.   Second one there!  "
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["First one here.", "Second one there!"]
    assert spans[0][0] == 2


def test_empty_text():
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []
