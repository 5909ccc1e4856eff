from storyline.facts.align import number_pairs_in_passages, number_pairs_in_sentences
from storyline.facts.text import sentence_spans
from storyline.model import Passage


def pairs(a, b):
    texts = {"a": a, "b": b}
    found = number_pairs_in_sentences(texts, {k: sentence_spans(v) for k, v in texts.items()})
    return [(p.a_text, p.b_text) for p in found]


def test_numbers_pair_across_typos_and_moved_sentences_of_a_copy():
    shared = " Officials gave no details of the cause. The company declined to comment."
    a = "Shares fell 5% on Monday. The rig exploded on 20 April, killing 11 workers." + shared
    b = "The rig explodd on 20 April, killing 12 workers. Shares fell 5% on Monday." + shared
    assert sorted(pairs(a, b)) == [("11", "12"), ("20", "20"), ("5", "5")]


def test_between_independent_articles_only_near_identical_sentences_compare():
    a = "Shares fell 5% on Monday in London. The rig exploded on 20 April, killing 11 workers."
    b = "The rig explodd on 20 April, killing 12 workers. BP stock lost ground again in early trading."
    assert pairs(a, b) == []


def test_page_headers_of_different_articles_do_not_compare():
    a = ("Lohan checks into rehab facility May 2, 2013 12:50 PM\n"
         "The actress arrived at the clinic in Newport Beach on Thursday, her lawyer told reporters.")
    b = ("Lohan checks into rehab facility May 2, 2013 1:12 PM\n"
         "A judge had ordered her to spend 90 days in a locked facility after a car crash.")
    assert pairs(a, b) == []


def test_unrelated_sentences_do_not_align():
    assert pairs("The rig exploded, killing 11 workers.", "Prices rose 3% in May after the vote.") == []


def test_each_sentence_keeps_one_partner():
    a = "Smith claims $ 10.64 million in damages. Jones claims $ 3.8 million in damages."
    b = "Smith claims $ 10.64 million in damages."
    assert pairs(a, b) == [("10.64", "10.64")]


def test_passages_from_provenance():
    a = "Intro. The poll of 1,000 people was conducted June 17-21."
    b = "The poll of 1,000 people was conducted June 17-22."
    found = number_pairs_in_passages("a", a, "b", b, [Passage(7, len(a), 0, len(b))])
    assert [(p.a_text, p.b_text) for p in found] == [("1,000", "1,000"), ("17", "17"), ("21", "22")]


def test_a_repeated_sentence_still_meets_the_copy_that_changed_its_number():
    a = ("You won't have to go down 1,000 meters, a couple of hundred would suffice.\n"
         "Some other remark about the river and its water.\n"
         "You won't have to go down 1,000 meters, a couple of hundred would suffice.")
    b = ("You won't have to go down 1,000 meters, a couple of hundred would suffice.\n"
         "You won't have to go down 2,000 meters, a couple of hundred would suffice.")
    assert sorted(pairs(a, b)) == [("1,000", "1,000"), ("1,000", "2,000")]


def test_a_sentence_reprinted_many_times_is_aligned_as_a_chain_that_still_shows_the_change():
    from storyline.facts import settings

    sentence = "The storm cut power to {} homes across the northern valley on Tuesday night."
    n = settings.ALIGN_CLIQUE_MAX * 3
    texts = {f"r{k:02d}": sentence.format("4,500" if k != 7 else "45,000") for k in range(n)}
    found = number_pairs_in_sentences(texts, {k: sentence_spans(v) for k, v in texts.items()})
    assert len(found) < n * 2  # a chain through the reprints, not every pair of them
    linked = {p.a for p in found} | {p.b for p in found}
    assert linked == set(texts)
    assert any({p.a_text, p.b_text} == {"4,500", "45,000"} for p in found)
