from storyline.facts.text import fold, sentence_spans, stem


def split(text):
    return [text[a:b] for a, b in sentence_spans(text)]


def test_sentences_split_at_ends_and_lines_but_not_abbreviations():
    text = "Mr. Smith went to the U.S. Capitol. He spoke.\nTitle Line\nDated Jan.\n21, it ended."
    assert split(text) == ["Mr. Smith went to the U.S. Capitol.", "He spoke.", "Title Line",
                           "Dated Jan.\n21, it ended."]


def test_stem_and_fold():
    assert stem("released") == stem("releases") == stem("release")
    assert stem("people") == "person"
    assert fold("Nicolás  Maduro’s") == "nicolas maduro's"
