import doctest
import importlib

from reuse_texts import DUPLICATE, EDITED, INDEPENDENT, PARTIAL, REPORT, SYNDICATED, UNRELATED, article

from storyline.reuse import candidate_pairs
from storyline.reuse.candidates import NgramIndex


def test_copies_are_proposed_and_unrelated_articles_are_not():
    arts = [article("report", REPORT), article("dup", DUPLICATE), article("wire", SYNDICATED), article("edited", EDITED),
            article("partial", PARTIAL), article("indep", INDEPENDENT), article("concert", UNRELATED)]
    pairs = {frozenset(p) for p in candidate_pairs(arts)}
    for copy in ("dup", "wire", "edited", "partial"):
        assert frozenset(("report", copy)) in pairs
    assert not any("concert" in p for p in pairs)
    assert frozenset(("report", "indep")) not in pairs


def test_neighbours_rank_by_shared_text():
    index = NgramIndex()
    index.add([article("report", REPORT), article("dup", DUPLICATE), article("partial", PARTIAL),
               article("concert", UNRELATED)])
    assert index.neighbours("report", 2) == ["dup", "partial"]


def test_docstring_example():
    assert doctest.testmod(importlib.import_module("storyline.reuse.candidates")).failed == 0


def test_retelling_pairs_propose_the_closest_articles_in_topic():
    from reuse_texts import REWRITE

    from storyline.reuse.candidates import retelling_pairs

    arts = [article("report", REPORT), article("rewrite", REWRITE), article("concert", UNRELATED)]
    assert retelling_pairs(arts) == [("report", "rewrite")]
    assert retelling_pairs(arts, per_article=0) == []
