"""Every threshold and weight of the timeline, with how it was chosen.

"T17 dev" below means ``timeline17.dev`` (10 journalist timelines over 5 outlets' collections on 4
topics), scored by ``python -m storyline.eval.timelines`` (date F1, concat and alignment ROUGE, tilse
conventions); figures are "date F1 / align+ m:1 ROUGE-1 F / ROUGE-2 F" of the final method with only the
named setting changed. Differences below about 0.003 ROUGE are noise at this size (one timeline's date
more or less), so a setting was moved from its published or reasoned default only for a clear gain. Only
whole-method choices were made, over all 10 timelines at once, never per timeline; the held-out
Timeline17 test split is the check that they generalise.
"""

from __future__ import annotations

# --- which dates -----------------------------------------------------------------------------------

# Date mentions resolved less confidently than this are not used (storyline.facts.settings CONFIDENCE_*:
# a weekday resolved against another article's date is about 0.5, a month and day 0.7-1.0). By
# reasoning, the bar only removes what the resolver itself calls a guess; on T17 dev 0, 0.3 and 0.6 gave
# identical timelines.
MIN_CONFIDENCE = 0.3
# A range of days ("from Tuesday to Thursday", "December 10-12", "earlier this week") is a timeline line
# of its own when it spans at most this many days; longer ones ("last month" is a month, "in the past
# two weeks") say when something was reported more than when it happened. 7 keeps a week, drops more.
# By reasoning (T17's reference dates are single days, so the benchmark cannot judge ranges).
MAX_RANGE_DAYS = 7

# --- ranking dates (DATEWISE, Ghalandari & Ifrim 2020) -------------------------------------------------

# A date's importance is the number of sentences that mention it plus PUBLISHED_WEIGHT times the
# number of articles published on it, each counted by its article's relevance (below). T17 dev:
# 0 -> 0.651 / 0.145 / 0.043, 0.5 -> 0.655 / 0.144 / 0.043, 1 -> 0.658 / 0.143 / 0.042,
# 2 -> 0.662 / 0.146 / 0.045: all within noise; publications alone (the baseline's ranking) give 0.598.
# 0.5 lets a heavily reported day count without letting a busy news day outrank a date the story names.
PUBLISHED_WEIGHT = 0.5
# Each mention and publication counts by how much its article is about the story (cosine of the article's
# TF-IDF vector to the story's centroid) to this power; 0 counts every article alike. Collections
# gathered by keyword (Timeline17's) hold articles that only mention the subject, such as radio
# schedules naming a singer. T17 dev: 0 -> 0.653 / 0.140 / 0.043 (concat ROUGE-1 0.357),
# 1 -> 0.655 / 0.143 / 0.044 (0.372), 2 -> 0.655 / 0.144 / 0.043 (0.376), 4 -> 0.658 / 0.141 / 0.043 (0.383).
RELEVANCE_POWER = 2.0

# --- the sentences a date can draw on (PM collector, Ghalandari & Ifrim 2020) ------------------------

# A sentence that names no day among an article's first CLIP_SENTENCES sentences speaks of the day the
# article was published or up to PUBLISHED_DAYS_BACK days before (news reports yesterday's events).
# news-tls's defaults (clip_sents=5, pub_end=2, i.e. one day back), kept. T17 dev: clip 3 -> 0.137 /
# 0.042, 5 -> 0.144 / 0.043, 8 -> 0.146 / 0.044 align ROUGE-1/2; days back 0 -> 0.135 / 0.041,
# 1 -> 0.144 / 0.043, 2 -> 0.145 / 0.044. Choosing only among sentences that name the date (ignoring
# these opening sentences when there are any) gave align ROUGE-1 0.121 against 0.137 with them, in an
# earlier version of the method.
CLIP_SENTENCES = 5
PUBLISHED_DAYS_BACK = 1

# --- choosing a date's sentence(s) -------------------------------------------------------------------

# Sentences shorter than this rarely stand alone ("He refused."), longer ones are run-ons or lists.
# T17 dev: a floor of 4, 6 and 10 words scored alike (align ROUGE-1 0.144, 0.144, 0.145); 6 keeps more
# dates fillable in short stories. The ceiling is the brief's (MAX_SENTENCE_WORDS there).
MIN_SENTENCE_WORDS = 6
MAX_SENTENCE_WORDS = 60
# Two sentences of one date whose TF-IDF vectors are at least this similar say the same thing (copies
# across outlets); only one is kept. T17 dev: 0.5 -> 0.144 / 0.044, 0.7 -> 0.144 / 0.043, no check ->
# 0.142 / 0.042 align ROUGE-1/2. By reasoning, copy-edited copies score 0.8 and more and two reports of
# one happening in other words 0.3-0.6, which a two-sentence line may rightly hold: 0.7.
REDUNDANT_SIMILARITY = 0.7
# A candidate that states everything the chosen sentence states (the citation rule) plus a figure it
# leaves out replaces it when its cosine to the date's centroid is at most this much lower. T17 dev:
# 0 -> 0.1436 / 0.0427, 0.05 -> 0.1437 / 0.0432, 0.1 -> 0.1434 / 0.0431 (neutral there); in a story it
# puts the number in the line ("in addition to 225 individuals who were granted precautionary measures on
# November 26" over "in addition to the precautionary measures granted on November 26").
FULLER_MARGIN = 0.05

# --- the default timeline of a story ----------------------------------------------------------------

# Without max_dates, a date is shown when at least this many articles mention it or were published on
# it (fewer when the story has fewer articles): a date one outlet mentions in passing is a detail, one
# that several name is a happening of the story. At most DEFAULT_MAX_DATES lines, the most spoken-of.
# By reasoning: a reader scans 15 lines; a long storyline asks for more with max_dates.
MIN_ARTICLES = 2
DEFAULT_MAX_DATES = 15
