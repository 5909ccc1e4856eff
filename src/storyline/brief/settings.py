"""Every threshold and weight of the brief stage, with how it was chosen.

"DUC dev" below means ``duc2004.dev`` (25 clusters of 10 AP/NYT articles, 4 reference summaries each),
scored by ``python -m storyline.eval.summaries`` (rouge-score, ROUGE-1/2 recall, stemming, 100 words).
Only whole-method choices were made on it, each compared across all 25 clusters at once, never per
cluster; the held-out DUC test split is the check that they generalise.
"""

from __future__ import annotations

# --- sentence splitting -------------------------------------------------------------------------------

# Words that end in a period without ending a sentence (lower case, without the period). Titles, ranks,
# corporate suffixes, and the Latin and measuring abbreviations of news copy. Corporate suffixes are
# here because "Apple Inc. said" is far more common in news than a sentence ending in "Inc.".
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen sen rep gov lt col sgt capt cmdr adm maj cpl pvt brig rev msgr fr sr jr st
    mt ft pres supt insp det atty amb hon gov. sens reps messrs mmes mme mlle
    inc corp co ltd bros plc llc dept univ assn
    approx est vs v etc al cf e.g i.e
    ave blvd rd hwy
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex va vt wash wis wyo""".split()
)
# Abbreviations that stand before a number ("No. 1", "Vol. 3"); before a word they are words ("said no.").
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols pp fig figs art arts".split())
# Month abbreviations in the AP style ("Sep. 24", "Jan. 5"): never sentence ends in practice.
MONTH_ABBREVIATIONS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# After a dotted acronym ("U.S."), a sentence ends only when one of these ordinary sentence openers
# follows ("... to the U.S. The talks ..."); a proper noun ("U.S. Embassy") or anything else continues it.
SENTENCE_OPENERS = frozenset(
    """the a an he she it they we i you his her its their our this that these those there here but and
    so yet or in on at after before when while if as for however meanwhile still also then now some
    many most one two three no not officials police""".split()
)
# Hard-wrapped text (lines broken at a fixed width) is recognised when at least WRAPPED_MIN_LINES lines
# of at least WRAPPED_LINE_MIN_CHARS characters exist and WRAPPED_OPEN_SHARE of them end without
# sentence-final punctuation; its single newlines are then spaces, not sentence breaks. Chosen by
# reasoning about 72-80 column wrapping (a wrapped paragraph ends mid-sentence on nearly every line).
WRAPPED_LINE_MIN_CHARS = 40
WRAPPED_MIN_LINES = 3
WRAPPED_OPEN_SHARE = 0.6

# --- concepts -----------------------------------------------------------------------------------------

# Added to scikit-learn's English stopword list (a bigram of two stopwords is not a concept).
EXTRA_STOPWORDS: frozenset[str] = frozenset()

# --- selection ----------------------------------------------------------------------------------------

# HiGHS solves a 10-article story (about 300 sentences, 1,000 concepts) in a fraction of a second on
# DUC dev; the limit only guards against pathological stories, after which the greedy rule answers.
ILP_TIME_LIMIT_SECONDS = 10.0
# Programs of more candidate sentences than this are first solved as a linear relaxation, and the integer
# program is then solved over the sentences the relaxation uses plus the RESTRICTED_DENSEST densest in
# concept weight per word (selection._restricted). On the 10,000-article pipeline bench (bench/pipeline.py)
# the full program took 0.5-3 s for stories of 600 candidates, spent closing the last percent at the root
# node; restricted, its ten largest programs took a third of the time and reached the same optimum in 9 of
# 10 (the tenth 1% lower). On DUC dev with every program restricted (threshold 0): 39.50 / 10.20 at 60
# densest, as with the full program (cross-validated 39.85 / 10.19 vs 39.92 / 10.20); 39.11 / 10.07 at 30;
# rounding the relaxation greedily instead, 38.01 / 9.86.
ILP_MAX_SENTENCES = 100
RESTRICTED_DENSEST = 60
# A sentence the relaxation gives less than this is not "used" by it.
RELAXED_MIN_VALUE = 1e-6
# Greedy fallback: gain per word**exponent (Lin & Bilmes 2010 use a scaled cost; 1.0 is plain ratio).
GREEDY_LENGTH_EXPONENT = 1.0

# --- citations ----------------------------------------------------------------------------------------

# A sentence of another article supports a brief sentence when it contains at least this share of the
# brief sentence's content-word stems (and every number it states). Measured on reuse.dev (600 shuffled
# pairs, target sentences of 8+ words): sentences inside reused spans are supported by their source
# 96-99% of the time at any threshold from 0.5 to 0.8 (the rest changed a number or were re-split);
# sentences of independent articles on the same event are "supported" 1.4% of the time at 0.5, 0.7% at
# 0.6, 0.4% at 0.7, 0.3% at 0.8. On the example corpus 0.6 let a sentence that states half of a short
# brief sentence count as support; 0.7 did not. Close rewordings (about 0.65) are then not cited.
CITATION_MIN_CONTAINMENT = 0.7
# ... and at least this many of them, so that a four-word sentence is not "supported" by chance.
CITATION_MIN_SHARED_WORDS = 4

# --- the brief ----------------------------------------------------------------------------------------

DEFAULT_WORDS = 100
# Sentences shorter than this rarely stand alone ("He refused."); longer ones eat the budget. 10 words is
# Gillick & Favre's floor; on DUC dev 8 and 10 scored alike and 12+ lost ROUGE (base ICSI model).
MIN_SENTENCE_WORDS = 10
MAX_SENTENCE_WORDS = 60
# The integer program sees at most this many sentences (the densest in concept weight per word). A
# 10-article DUC story has about 300 candidates and solves in about 0.6 s here; the cap keeps storylines
# of hundreds of articles from growing the program without bound.
MAX_CANDIDATES = 600
# A term must be used by at least this share of the story's articles to count (2 of 10); below that it
# is one outlet's detail. Li, Qian & Liu (2013) keep bigrams in 2+ documents for supervised weights.
MIN_DOCUMENT_SHARE = 0.2
# Two candidates whose shorter one shares this share of its content words with the other are rewordings
# of one statement (rewrites of a common source do this); only one may enter the brief. On DUC dev 0.55
# and above left the scores unchanged (independent wire stories rarely reword each other) while 0.5 cost
# 0.2 ROUGE-1; 0.55 catches the rewrites of the example corpus ("released 103 individuals ... July
# election" / "freed 103 people ... July elections", 0.59).
REDUNDANT_OVERLAP = 0.55
# A disputed sentence is charged this share of its concept weight: it is chosen only when it brings
# clearly more than any agreed alternative. Chosen by reasoning (DUC has no disputed spans to tune on).
DISPUTED_PENALTY = 0.5
# An article's opening sentences get back this share of their concept weight, fading as
# exp(-position / LEAD_BONUS_DECAY). On DUC dev (5-fold cross-validated importance models, all 25
# clusters) a bonus of 0.03-0.1 and a decay of 1-4 sentences all scored within 0.3 points of each other
# and about +0.5 ROUGE-1 over no bonus; 0.05 and 2 are the middle of that plateau.
LEAD_BONUS = 0.05
LEAD_BONUS_DECAY = 2.0

# --- concept weights ----------------------------------------------------------------------------------

# A concept's weight is p ** POWER, p its probability under the importance model. Squaring (tried 1, 2,
# on DUC dev, cross-validated) lets the terms nearly every summary states dominate: +0.15 ROUGE-2.
BIGRAM_POWER = 2.0
WORD_POWER = 2.0
# Single content words count this much against a bigram of the same probability. 0 (bigrams only) gave
# the best ROUGE-2 and the worst ROUGE-1 on DUC dev; 0.5 added 0.6 ROUGE-1 for 0.15 ROUGE-2; 1 and 2
# cost ROUGE-2 without more ROUGE-1 (5-fold cross-validated, all 25 clusters).
WORD_WEIGHT = 0.5
# Concepts weighing less than this share of the heaviest are dropped before selection. At 0.01 the DUC
# dev scores were unchanged (39.52 / 10.21 vs 39.51 / 10.21) and the program for 50 Timeline17
# articles solved about twice as fast; at 0.03 ROUGE-1 fell 0.13.
MIN_CONCEPT_WEIGHT_SHARE = 0.01

# --- importance models --------------------------------------------------------------------------------

# Logistic regressions over the features named in storyline.brief.importance (BIGRAM_FEATURES,
# WORD_FEATURES, in that column order): the probability that a human summary of the story contains the
# term. Fitted on all 25 DUC 2004 dev clusters (AP/NYT wire, 4 human summaries each; a term is positive
# when any summary contains it, terms used by fewer than 2 of 10 articles excluded), L2 with C = 0.1, by
#     python -m storyline.eval.summaries --fit duc2004.dev.articles.jsonl duc2004.dev.summaries.jsonl
# The features name no word, so the models apply to stories on any subject. Dev figures with these
# models are in-sample; the eval also reports 5-fold cross-validated figures, which are the ones to quote.
# What they learnt: a term used in many sentences, and early (lead sentence, small first position), is
# what summaries keep; document share adds little once those are known.
BIGRAM_MODEL = {
    "mean": [0.27636, 1.34769, 0.05092, 0.02103, 0.43444, 1.92711, 0.69625, 0.46722, 0.8412, 0.0387, 0.09231],
    "scale": [0.12624, 0.36628, 0.10252, 0.07041, 0.2474, 1.09542, 0.48205, 0.24333, 0.23018, 0.19287, 0.11033],
    "coef": [-0.18897, 0.49581, -0.04588, 0.15009, 0.20718, -0.74564, -0.02794, 0.24069, 0.11261, 0.13721,
             0.12803],
    "intercept": -2.57727,
}
WORD_MODEL = {
    "mean": [0.38423, 1.7897, 0.10368, 0.04841, 0.39955, 1.42545, 0.23946, 0.03243, 0.19898, 0.50182],
    "scale": [0.22659, 0.76483, 0.17575, 0.12427, 0.2151, 1.07546, 0.42675, 0.17715, 0.24537, 0.18417],
    "coef": [-0.00741, 0.76525, 0.04362, 0.37591, 0.115, -0.5184, -0.01756, 0.08958, 0.05081, 0.0194],
    "intercept": -1.24553,
}
