from storyline.reuse.text import normalise_word, profile, sentence_spans


def test_words_keep_their_offsets_and_are_normalised():
    text = "Nicolás Maduro’s “victory”"
    prof = profile(text)
    assert prof.words == ("nicolas", "maduro", "s", "victory")
    assert [text[a:b] for a, b in zip(prof.starts, prof.ends, strict=True)] == ["Nicolás", "Maduro", "s", "victory"]
    assert normalise_word("GONZÁLEZ") == "gonzalez"


def test_profiles_are_cached_per_text():
    assert profile("one two three four five") is profile("one two three four five")


def test_sentence_spans_are_stripped():
    text = "  First one. Second one!\nA line without end  "
    assert [text[a:b] for a, b in sentence_spans(text)] == ["First one.", "Second one!", "A line without end"]
