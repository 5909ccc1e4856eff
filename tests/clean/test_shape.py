from storyline.clean.shape import content_stems, is_sentence_like, word_count


def test_word_count():
    assert word_count("Cargo volumes fall at port") == 5
    assert word_count("") == 0
    assert word_count("港口货物吞吐量下降") >= 4  # no spaces: about a word per two characters


def test_sentence_like():
    assert is_sentence_like("Comments are closed.")
    assert is_sentence_like('He said "no."')
    assert is_sentence_like("Why now?)")
    assert not is_sentence_like("Home | World | Politics")
    assert not is_sentence_like("")


def test_content_stems_meet_across_inflections():
    assert "relea" in content_stems("Venezuela releases prisoners") & content_stems("they were released")
    assert "the" not in content_stems("the port and the strike")
