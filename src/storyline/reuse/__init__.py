"""Provenance: who copied whom, how, and from where.

- :func:`align` finds the passages two articles share (character offsets on both sides);
- :func:`classify` names how a target derives from a source (duplicate, syndicated, edited, partial,
  rewrite, independent) with its evidence;
- :func:`orient` tells which of two articles is the copy, with a confidence;
- :func:`relate` does all three for a pair, or says they are unrelated;
- :func:`copy_graph` builds the directed graph of a story's derivations and names its origin, in the
  library or outside it;
- :func:`candidate_pairs` proposes the pairs worth aligning, from a shared n-gram index, and
  :func:`retelling_pairs` the pairs of a large story worth checking for a rewrite (closest in topic).
"""

from storyline.reuse.align import align
from storyline.reuse.candidates import NgramIndex, candidate_pairs, retelling_pairs
from storyline.reuse.classify import classify
from storyline.reuse.direction import orient
from storyline.reuse.graph import CopyGraph, copy_graph
from storyline.reuse.relate import relate


def forget_texts() -> None:
    """Empty the caches kept per text and per pair of texts (profiles, alignments, verdicts). They pay
    inside one story, whose articles meet again and again; across stories they only hold memory (a
    worker analysing thousands of stories grew past 2 GB with them)."""
    from importlib import import_module

    from storyline.reuse import credits, features, similarity, sources, text

    aligner = import_module("storyline.reuse.align")  # the package's name "align" is the function
    for cached in (text.profile, aligner._aligned_texts, sources._carries, features._piece_strength,
                   credits._credits_of, similarity.gist, similarity._sentence_terms, similarity.retold,
                   similarity._sentence_postings):
        cached.cache_clear()


__all__ = ["align", "candidate_pairs", "classify", "copy_graph", "forget_texts", "orient", "relate",
           "retelling_pairs", "CopyGraph", "NgramIndex"]
