"""Titles of stories without headlines: a sentence that reads on its own."""

from __future__ import annotations

from storyline.cluster.titles import reads_alone, sentences


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
