from storyline.reuse.lexicon import is_known, known_words


def test_common_words_are_known_and_typos_are_not():
    if not known_words():  # the English model is not installed: the cue is silent, nothing to check
        return
    assert is_known("caused") and is_known("Became")
    assert not is_known("cauesd") and not is_known("bceame")
