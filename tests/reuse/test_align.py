import doctest
import importlib

from reuse_texts import DUPLICATE, EDITED, P1, P2, P3, P5, REPORT, SYNDICATED, UNRELATED, article

from storyline.reuse import align
from storyline.reuse.align import align_texts


def _pairs(source: str, target: str) -> list[tuple[str, str]]:
    return [(source[p.source_start : p.source_end], target[p.target_start : p.target_end]) for p in align_texts(source, target)]


def test_verbatim_copy_inside_wrapping_is_one_exact_passage():
    [p] = align(article("a", REPORT), article("b", DUPLICATE))
    start = DUPLICATE.index(REPORT)
    assert (p.source_start, p.source_end) == (0, len(REPORT))
    assert (p.target_start, p.target_end) == (start, start + len(REPORT))
    assert p.score == 1.0


def test_inserted_dateline_is_left_out_of_the_passage():
    passages = align(article("a", REPORT), article("b", SYNDICATED))
    first = min(passages, key=lambda p: p.target_start)
    assert first.target_start == SYNDICATED.index("Flood waters")
    assert first.source_start == 0
    assert not any("OTTAWA" in SYNDICATED[p.target_start : p.target_end] for p in passages)


def test_typo_and_changed_number_stay_inside_one_passage():
    edited = P1.replace("evacuation", "evacuaiton").replace("4,000", "5,000")
    [p] = align_texts(P1 + "\n" + P2, edited + "\n" + P2)
    assert (p.target_start, p.target_end) == (0, len(edited) + 1 + len(P2))
    assert p.score < 1.0


def test_reordered_paragraphs_come_out_as_separate_passages_with_their_own_offsets():
    pairs = _pairs(REPORT, EDITED)
    assert (P3, P3) in pairs  # moved before P2 in the copy, still found where it is on both sides
    assert (P5, P5) in pairs
    src = [p.source_start for p in align_texts(REPORT, EDITED)]
    assert src != sorted(src)


def test_changed_punctuation_quotes_and_accents_do_not_break_a_passage():
    a = 'Mayor Ellen Ward said: "Emergency crews rescued 37 people from rooftops, and the shelters are full." ' * 2
    b = "Mayor Ellen Ward said — “Emergency crews rescued 37 people from rooftops and the shelters are full” " * 2
    [p] = align_texts(a, b)
    assert p.target_end - p.target_start > 0.9 * len(b.strip())
    accented = ("President Nicolás Maduro declared victory over Edmundo González, who fled to Spain in September "
                "after the electoral authority refused to publish the tallies from the polling stations.")
    [q] = align_texts(accented, accented.replace("á", "a").replace("á", "a").replace("González", "Gonzalez"))
    assert (q.target_start, q.target_end) == (0, len(accented))


def test_unrelated_texts_share_no_passage_and_short_common_phrases_are_ignored():
    assert align(article("a", REPORT), article("b", UNRELATED)) == []
    assert align_texts("The cat sat on the mat today.", "Yesterday the cat sat on the mat.") == []


def test_alignment_is_symmetric():
    ab = [(p.source_start, p.source_end, p.target_start, p.target_end) for p in align_texts(REPORT, EDITED)]
    ba = [(p.target_start, p.target_end, p.source_start, p.source_end) for p in align_texts(EDITED, REPORT)]
    assert sorted(ab) == sorted(ba)


def test_docstring_example():
    assert doctest.testmod(importlib.import_module("storyline.reuse.align")).failed == 0
