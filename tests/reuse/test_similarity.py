from reuse_texts import INDEPENDENT, REPORT, REWRITE, UNRELATED

from storyline.reuse.similarity import fact_order, retold, shared_facts, topic_similarity


def test_a_rewrite_retells_sentence_by_sentence_an_independent_report_does_not():
    assert retold(REPORT, REWRITE) > 0.8
    assert retold(REPORT, INDEPENDENT) < 0.2
    assert retold(REPORT, "\n".join(reversed(REWRITE.split("\n")))) < 0.5  # same sentences, order lost


def test_topic_similarity_ranks_same_event_above_other_events():
    assert topic_similarity(REPORT, REWRITE) > topic_similarity(REPORT, INDEPENDENT) > topic_similarity(REPORT, UNRELATED)
    assert topic_similarity(REPORT, REPORT) > 0.99


def test_facts_in_the_same_order():
    order, shared = fact_order(REPORT, REWRITE)
    assert shared >= 5 and order > 0.8
    assert shared_facts(REPORT, UNRELATED) < 0.2
