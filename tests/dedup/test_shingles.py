"""Word shingle hashing: what counts as the same shingle, and that hashes never change between runs."""

from __future__ import annotations

import numpy as np

from storyline.dedup.settings import SHINGLE_WORDS
from storyline.dedup.shingles import shingle_hashes


def _shingles(text: str) -> list[int]:
    flat, offsets = shingle_hashes([text])
    return flat[offsets[0] : offsets[1]].tolist()


def test_one_shingle_per_run_of_words_in_order() -> None:
    words = "the council voted to close the old bridge on friday".split()
    assert len(_shingles(" ".join(words))) == len(words) - SHINGLE_WORDS + 1
    assert _shingles("alpha beta gamma delta") != _shingles("beta alpha gamma delta")


def test_case_spacing_and_punctuation_do_not_change_shingles() -> None:
    plain = _shingles("It's fine, the minister said in London today")
    assert plain == _shingles("IT'S   FINE -- the Minister said\nin London, today!")
    # Curly quotes, dashes and no-break spaces are separators like their ASCII cousins.
    assert plain == _shingles("It\u2019s fine\u2014the minister said\u00a0in London today")


def test_texts_are_shingled_separately_and_in_order() -> None:
    texts = ["one two three four five", "", "Hello", "six seven eight nine", "one two three four"]
    flat, offsets = shingle_hashes(texts)
    counts = np.diff(offsets).tolist()
    assert counts == [2, 0, 1, 1, 1]  # an empty text has none; a short one gets one shingle of all it has
    assert flat[0] == flat[offsets[4]]  # the same words give the same hash in another text
    # No shingle runs across a boundary (from "five" into "hello" ...): 4 distinct hashes, not more.
    assert len(set(flat.tolist())) == 4


def test_chinese_characters_are_words() -> None:
    assert len(_shingles("洪水淹没了城镇的低洼地区")) == 12 - SHINGLE_WORDS + 1


def test_non_latin_words_hash_like_latin_ones() -> None:
    greek = _shingles("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία")
    assert len(greek) == 8 - SHINGLE_WORDS + 1
    assert greek == _shingles("η ΚΥΒΈΡΝΗΣΗ ανακοίνωσε νέα μέτρα για την οικονομία.")


def test_hashes_are_stable_across_runs_and_machines() -> None:
    # Stored signatures depend on these values: if this fails, the tokeniser changed and
    # signature._TOKENISER_VERSION must be bumped so that old signatures are refused, not misread.
    assert _shingles("the river burst its banks") == [1567017197039924647, 6268726382521365272]


def test_large_batches_are_chunked_without_changing_hashes() -> None:
    texts = [f"report number {i} says the river burst its banks again on day {i % 7}" for i in range(3000)]
    flat, offsets = shingle_hashes(texts)
    assert offsets[-1] == len(flat)
    for i in (0, 1234, 2999):
        assert flat[offsets[i] : offsets[i + 1]].tolist() == _shingles(texts[i])
