"""Every threshold and weight of the clusterer, with how it was chosen.

Dev files named below are ``../shared/datasets/*.dev.articles.jsonl``. "Tuned" means a coordinate ascent
of B-cubed F1 over batch average-linkage clustering of all article pairs, which is what the online
clusterer approximates (``python -m storyline.eval.clusters --tune-weights LEVEL``, see that module).
Values marked "inherited" come from the first version of the clusterer and were kept after checking that
the alternatives tried did no better.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- features -------------------------------------------------------------------------------------------

# Words that carry no event: scikit-learn's English list misses these news fillers.
EXTRA_STOP_WORDS = frozenset(
    "said says told according reported report reports new year years time people just like also "
    "including percent per cent week day days month months today yesterday monday tuesday wednesday "
    "thursday friday saturday sunday".split()
)
# Only the first characters of an article are read: events are told at the top, and long pre-tokenised
# texts (Timeline17 has articles of 50,000 characters) would otherwise dominate the cost.
MAX_TEXT_CHARS = 4000
# A full date within this many characters of the top is the article's date line: its day when the input
# gives no publication date (ECB+ pages print "May 03, 2013" under the headline).
DATELINE_CHARS = 400
# Share of capitalised words above which a line is a headline, not prose, for name extraction.
HEADLINE_CAPITALISED_SHARE = 0.7
# Lines longer than this are prose, never headlines (spares checking every line word by word).
HEADLINE_MAX_CHARS = 200
# The head of an article: its headline and this many first sentences of at least HEAD_MIN_WORDS words,
# looked for in the first HEAD_SCAN_CHARS characters. Two sentences: the lede and the one that completes it
# (ledes of the seed articles and of ECB+ texts often run over two sentences).
HEAD_SENTENCES = 2
HEAD_MIN_WORDS = 5
HEAD_SCAN_CHARS = 1500
# Characters of the head that the dense embedding sees. On ecbplus.dev, wordllama vectors of the first 500
# characters ranked same-topic pairs better than those of 1,500 or 6,000 (average precision 0.862, 0.856,
# 0.839), and cost a third.
EMBED_CHARS = 500
# Distinct words whose wordllama token ids are remembered (a few MB); beyond it the memory starts over.
EMBED_WORD_CACHE = 500_000
# Dense embedding size (wordllama's Matryoshka dimensions allow truncation: 256 is its default).
EMBED_DIM = 256
# Characters after "earlier"/"previous"/"prior" in which a date is taken as that of an earlier happening.
# 80 characters: "Earlier releases, including 103 protesters on December 12" fits; a date in the next clause does not.
# On the dev files the rule fires on no article of ecbplus.dev or duc2004.dev and on 8 of timeline17.dev.
EARLIER_REACH = 80
# Time terms: a triangular kernel of the gap in publication days, as the dot product of bins of TIME_GRIDS
# shifted grids (see features.time_terms); 4 grids make the kernel smooth enough at 8 terms per article.
# Width of the bins (the gap where the kernel reaches 0). Events: the event weights tuned once per width,
# mean F1 over ecbplus.dev and duc2004.dev: 14 days 0.913, 30 0.917, 45 0.922, 60 0.925, 90 0.926,
# 120 0.925; DUC 2004's events (TDT topics) run up to 73 days. Storylines continue over months: the
# storyline weights tuned once per width, mean F1 over ecbplus.dev and timeline17.dev: 60 days 0.961,
# 120 0.963, 240 0.962.
TIME_GRIDS = 4
EVENT_TIME_SCALE_DAYS = 60.0
STORYLINE_TIME_SCALE_DAYS = 120.0

# --- inverse document frequency -------------------------------------------------------------------------

# IDF mixes a fixed background (wordfreq's English frequencies) with the library's own running counts,
# so that a library of five articles already weighs "the" and "Maduro" sensibly and a library that grows
# batch by batch drifts little. The background counts as this many pseudo-documents. With 100, a dataset read
# in 10 batches drifted (its first batch, a few topics, made their topic words look common): batching
# agreement (10 batches vs 1, B-cubed F1) ecbplus.dev events 0.964 / storylines 0.879, duc2004.dev events
# 0.944. With 3,000 (and the weights retuned for it) the background decides in libraries of up to a few
# thousand articles and the library's counts take over beyond: 0.985 / 0.969 and 0.981, and dev F1 rose
# (ecbplus.dev events 0.900 -> 0.928). Tried: 300 (tuned batch F1 mean 0.923), 1,000 (0.924), 3,000 (0.932),
# 1e6 (a fixed table: 0.920; batching 1.0 / 0.994 before retuning). With the final settings (50 names per
# article) 1,500, 3,000 and 6,000 tune to the same batch F1 (0.936), and batching agrees 0.987 / 0.986 and
# 0.994.
BACKGROUND_DOCS = 3000.0
# Average tokens per news article: turns a word frequency into the chance that a document contains it.
BACKGROUND_DOC_TOKENS = 400.0
# Background document probability for terms wordfreq does not know (names of rare people, exact dates):
# rare. Per kind, since a year or month is far more common than a day.
BACKGROUND_UNKNOWN = {"w": 1e-4, "e": 1e-4, "d": 2e-3, "n": 2e-3, "h": 2e-3}

# --- candidate retrieval ----------------------------------------------------------------------------------

# Terms of an article looked up in the inverted index (its rarest weighty words and names). With the first
# weights for BACKGROUND_DOCS = 3000, duc2004.dev events (long wire stories with many rare names) scored 0.927
# with 14, 0.932 with 18, 0.936 with 24 and 30 (batch average linkage over all pairs: 0.937); ecbplus.dev
# 0.927 / 0.928 / 0.928. With the weights below: duc2004.dev 0.933 with 16, 18 or 20, 0.940 with 24.
QUERY_TERMS = 24
# A term found in more than this share of the library (and in more than QUERY_MIN_DF articles) is not
# looked up: it names no event. Inherited.
QUERY_MAX_DF = 0.05
QUERY_MIN_DF = 50
# Postings kept per term: the most recent events. Bounds the cost of a look-up whatever the library size.
# Inherited.
POSTINGS_CAP = 64
# Candidate events scored per article (the best by shared rare terms), and candidate articles of the same
# batch. 6 and 6 gave the same dev F1s but a duc2004.dev storyline batching figure of 0.919 instead of 1.0.
CANDIDATES = 8
BATCH_CANDIDATES = 8
# An earlier event of at most this many articles that gains articles in a batch is clustered again from its
# parts (see StoryClusterer._eject) when one of its new units scores less than REGROUP_MARGIN above the
# threshold against the rest. Chosen on the batching test (10 batches vs 1): ecbplus.dev events 0.952 without,
# 0.964 with (64 articles / margin 5 and 32 / 3 gave the same; 24 / 2 gave 0.954); larger events are stable
# and would cost a pass over all their articles per batch. Rechecked with the weights of BACKGROUND_DOCS = 3000:
# in file order ecbplus.dev events agree 0.987 with margin 3, 1.0 with 4 (duc2004.dev 0.994 with both); in three
# shuffled orders of ecbplus.dev 0.946 / 0.970 / 0.976 with 3, 0.970 / 0.983 / 0.976 with 4, 0.974 / 0.984 / 0.973
# with 6, 0.972 / 0.986 / 0.975 with 5 (duc2004.dev 0.977 / 0.986 / 0.975 with 4, 5 or 6). Margin 5, since the
# next batch's features are prepared in another process and clustering has the room: _eject's CPU time on
# 30,000 articles of bench/cluster.py was 2.9 s with 3, 3.2-3.7 with 4, 4.1-5.7 with 5 (of ~45). Whole runs of
# bench/cluster.py at 100,000 articles vary more than that on this machine: 1,220 / 1,087 / 945 articles/s
# with 4, 1,107 / 971 with 5. The one-batch dev F1s do not depend on it (no earlier events).
EJECT_CHECK_MAX = 32
REGROUP_MARGIN = 5.0
# A storyline clustered again from its events alone (StoryClusterer._regroup_storylines: when settling, the
# changed storylines of a neighbourhood too large to cluster whole) splits only into parts whose mean-of-max
# linkage stays below the threshold minus this margin: settled events differ a little from those the
# storyline was built from. Measured when every batch regrouped its small storylines this way: at the
# threshold itself timeline17.dev (one batch) went from 75 storylines to 94 when settled (B-cubed F1 0.939 ->
# 0.925); with 0.5 / 1.0 / 2.0: 0.933 / 0.940 / 0.940.
STORYLINE_SPLIT_MARGIN = 1.0
# Rounds of settling in one call: events settled, then the settled storylines and their neighbours clustered
# again from their events, the storylines that changed settled in turn.
SETTLE_ROUNDS = 3
# Units (articles, or near-duplicate families) clustered at once: a batch's new events are compared with each
# other all pairs, in dense matrices of the square of their number (3,000 units make at most 3,000 events:
# 72 MB a matrix, and the agglomeration keeps about four). Larger batches are clustered in chunks of this
# many; no dev file is that large (timeline17.dev, the largest clustered, has 2,286 articles), the pipeline's
# batches are 2,000 and bench/cluster.py's 1,000.
BATCH_UNITS_MAX = 3000
# Events clustered again at once when storylines are settled (StoryClusterer._resettle_storylines): the
# scores of all their pairs are one dense (k, k) matrix, and the agglomeration costs about k per merge. Every
# dev file fits (timeline17.dev has about 510 events); a larger group of neighbouring storylines only has its
# changed storylines split and joined. At 3,000 a one-article ingest into bench/cluster.py's 100,000 took
# 158 ms to settle (median; 13 ms before); at 1,000 the dev figures below are unchanged. Batching test (10 batches vs 1, storylines, file order and seeds 1-3) with it / with splits and
# joins alone: ecbplus.dev 1.0, 0.981 x 3 / 1.0, 0.966, 0.956, 0.977; duc2004.dev 1.0, 0.993, 0.993, 0.993 /
# 0.980, 0.982, 0.972, 0.973.
STORYLINE_SETTLE_EVENTS = 1000
# A storyline of at most this many articles that changed since the last settling has its events clustered
# again from its articles, every pair compared, once per ingest run (see StoryClusterer.settle). Batching test
# (10 batches vs 1, events): timeline17.dev 0.664 without; with it, 0.73 with a cap of 1,024 (its largest
# storyline, 1,456 articles, left out) and 0.91 with 2,000 (articles normalised again under today's idf, see
# _pair_score_matrix); ecbplus.dev and duc2004.dev 1.0 in file order and three shuffled orders. Cost: a
# storyline of 1,456 articles takes 0.27 s (0.13 s for the pair scores, the rest scipy's linkage); 2,000
# bounds that below a second.
EVENT_SETTLE_MAX = 2000
# When a storyline's events are settled, an event of at most SMALL_EVENT_MAX articles is shown as part of the
# event of the same storyline it scores best against, average linkage over their article pairs, while that
# mean is >= SMALL_EVENT_THRESHOLD (best pair first; StoryClusterer._fold_small_events). The event cut
# (threshold -0.1) asks a lone article to resemble the event's articles on average as much as they resemble
# each other, and one article's words are a small sample: duc2004.dev split four topics this way (a Wall
# Street selloff report left out of the Russian crisis, two rights-monitor arrests out of China's dissident
# trials), with mean links of -0.55 to -2.18 to their topics. The storyline has already judged them part of
# the story; the question left is only whether they are an event of their own. A pair the earlier-date rule
# keeps apart is never joined (a veto, not averaged), so a lone report of a later happening stays apart (the
# seeds' 003). Chosen on the dev files, one batch (event F1 ecbplus / duc2004; storylines do not change:
# timeline17.dev 0.9646, ecbplus topics 0.9363 at every setting):
#   off: 0.9345 / 0.9544;  max 1: -3.5 0.9492 / 0.9572;
#   max 2: -1.0 0.9406 / 0.9572, -2.0 0.9504 / 0.9699, -2.5 0.9504 / 0.9699, -3.0 0.9521 / 0.9761,
#          -3.5 0.9538 / 0.9761, -4.0 to -6.0 0.9566 / 0.9761;
#   max 3: -2.0 0.9532 / 0.9699, -3.5 0.9603 / 0.9761, -4.0 to -6.0 0.9585 / 0.9761; max 4: -3.5 0.9603 / 0.9761.
# Max 2 at -3.5: past duc2004.dev's edge (-2.5 to -3.0) and short of where everything of two articles in a
# storyline joins (-4 and below gives the same as -6, near the bias of -6.5: any shared term at all). Dev
# gold events have 3 articles or more, real streams many of one or two, so the smaller size and the
# higher bar. Made by merging the events instead, the joins cost timeline17.dev's storylines 0.9646 -> 0.952-0.958
# (see _fold_small_events). Batching test (10 batches vs 1, events / storylines; file order, seeds 1-3):
# ecbplus.dev and duc2004.dev as without; timeline17.dev events 0.9941, 0.9947, 0.994, 0.9951 (0.9988, 0.9974,
# 0.998, 0.9988 without), storylines 0.992, 0.9947, 0.9945, 0.9954 (the same without).
SMALL_EVENT_MAX = 2
SMALL_EVENT_THRESHOLD = -3.5
# Terms of an event (its summed articles) looked up to find candidate storylines: for a new event, and for
# the events of a storyline being settled.
STORYLINE_QUERY_TERMS = 20
# ... of which this many are words: a storyline is found by its topic words as much as by its names.
STORYLINE_QUERY_WORDS = 12
# Events of a storyline being settled that look up its neighbours in the index (its largest). With every
# event, settling a storyline after a one-article ingest into 30,000 took 80 ms for the look-ups alone.
STORYLINE_NEIGHBOUR_EVENTS = 16
# BLAS threads while a batch is clustered or settled. bench/cluster.py, 100,000 articles, one run after the
# other: with OpenBLAS's default (2 here) the clustering process used 160.9 s of CPU for 117.7 s of wall time,
# with 1 thread 107.4 s for 107.9 s (its products are small; idle threads spin and took the core of the process
# that prepares the next batch).
BLAS_THREADS = 1
# Event-by-event scores held at once when one storyline is compared with its neighbours (settling): a chunk
# of neighbours per matrix, so that a storyline of 1,000 events beside many large ones stays within 32 MB a
# matrix. Computing one such chunk under the gated storyline weights peaks at about 150 MB (the sparse
# products' results, and the gate's parts; measured with tracemalloc on a 2,000 x 2,000 chunk).
LINK_MATRIX_MAX = 4_000_000
# Hyperplane-hash index of storylines' mean embeddings (see cluster/ann.py): tables and bits per table, and
# the storylines a new event (or a storyline being settled) takes from it as candidates. 16 tables of 8 bits find
# vectors at cosine 0.8 with probability ~0.94 (1 - (1 - 0.795^8)^16), reading about 1/256 of the
# storylines per table.
ANN_TABLES = 16
ANN_BITS = 8
ANN_CANDIDATES = 2
# Candidate events a grown event is checked against for a merge: those its new articles scored best with.
# (Storylines that a batch makes alike merge when their neighbourhood is settled instead.)
MERGE_CANDIDATES = 3
# Dot products needed at once during a merge from which one bulk call is cheaper than one call each: a bulk
# call has a fixed cost of about four single ones (timed on bench/cluster.py's corpus).
BULK_DOTS = 4
# Every pair of a few vectors (the events of a storyline, the articles of a small event) is compared by one
# sparse matrix product once the pairwise way would copy this many entries (each vector once per pair).
# Timed on random vectors of 250 and 2,000 terms: the sparse product costs about 0.55 ms whatever the size,
# the pairwise way about as much at 16,000-20,000 copied entries (66 pairs of 250 terms, 10 pairs of 2,000).
SPARSE_PRODUCT_MIN_COPIES = 20_000
# Parts of an agglomeration node (an existing event plus the new articles it absorbed) looked into one by one
# before they are added up: each part costs a look-up of the other side, adding them up a sorted union of
# thousands of terms. Not tuned (an estimate of where the two cost the same); results do not depend on it,
# the dot products are the same either way.
NODE_PARTS_MAX = 6
# Most weighty terms kept per kind and article (by sublinear tf x idf at arrival). Truncation bounds the
# cost of a comparison; cosines are dominated by these terms. Names: batch F1 (event weights retuned each
# time) mean over ecbplus.dev and duc2004.dev events 0.932 with 25, 0.936 with 50, 0.934 with 100 or all; words
# 300 instead of 150: 0.931. The rest inherited (head numbers: a head holds few).
TOP_TERMS = {"w": 150, "e": 50, "d": 12, "n": 12, "h": 6}

# --- weights ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelWeights:
    """A linear score of two sides (articles or groups of them); they join when it is >= ``threshold``.

    Every feature is a mean over the pairs of articles across the two sides (average linkage), so a group
    is summarised exactly by sums of its members' vectors:

    * ``words``, ``entities``, ``dates``, ``numbers``, ``head_numbers``: tf-idf cosines of those terms;
    * ``time``: the triangular kernel of the gap in publication days (the level's own scale);
    * ``embedding``: cosine of the wordllama vectors of the heads;
    * ``date_presence``, ``number_presence``, ``head_presence``, ``dated``: the share of pairs where both
      articles mention dates / numbers / head numbers / have a publication day. With negative weights they
      turn "both give one, and they differ" into evidence against.

    ``time_gate`` > 0 makes the score other than linear: the time term counts in full only when the words
    and names terms together reach it, and in proportion below (a mean over a group's pairs first, then
    gated), so that two stories of the same week with nothing in common do not join on time alone.

    ``embedding_gate`` > 0 does the same for the embedding term: it counts in full only when the words and
    names terms reach it. The embedding knows what a story is about (a shooting, a celebrity's death) and
    not which one, so on its own it joins different happenings of one kind.
    """

    words: float
    entities: float
    dates: float
    numbers: float
    head_numbers: float
    time: float
    embedding: float
    date_presence: float
    number_presence: float
    head_presence: float
    dated: float
    bias: float
    threshold: float
    time_gate: float = 0.0
    embedding_gate: float = 0.0


# Events. Tuned on ecbplus.dev and duc2004.dev (event labels) with BACKGROUND_DOCS = 3000 and 50 names per
# article: coordinate ascent (steps x1.5, x1.2, x1.08) from the previous weights, batch F1 0.935 and 0.937
# (online: 0.935 and 0.940). The presence weights are evidence against: "both give numbers (head numbers, dates)
# and they differ". They are kept <= 0: on ecbplus.dev a reward for "both dated" scored higher, but only because
# ECB+'s dated pages are those of one of the two events of each topic -- an accident of how it was collected,
# not evidence. Previous weights (BACKGROUND_DOCS = 100, 25 names): batch 0.900 and 0.950, online 0.900 and
# 0.941; then ecbplus.dev alone tuned to 0.917 with names weighing most, duc2004.dev alone to 0.954 with words
# most. A logistic regression on article pairs (with and without products of features such as names x time,
# words x dates) scored lower than the ascent in batch average linkage (0.906 / 0.912 mean): it fits pairs, not
# clusters. Adding the head's names to its names (x2, x5) or as head terms did not help (0.929, 0.925).
# The time term is gated (see LevelWeights.time_gate): it counts in proportion to the words and names terms
# up to 1.5. Batch F1 over the two files at gates 1 / 1.5 / 2 / 2.5 / 3: 0.936 / 0.944 / 0.942
# / 0.939 / 0.935 (0.936 without); with 1.5 duc2004.dev events 0.937 -> 0.954 online, ecbplus.dev unchanged
# (0.9345), and timeline17.dev's 10-batch event agreement 0.96-0.98 -> 0.970-0.998.
# Tuned again once storylines were cut by mean-of-max linkage (they no longer lump duc2004.dev's topics, so
# events inside them could in principle be looser): the ascent reached batch 0.9345 / 0.9572 (dates 7.58,
# threshold 0.0) and a 400-trial random search 0.9353 / 0.9572, but online both cost timeline17.dev's topics
# (0.9466 -> 0.937 / 0.934, its events cut differently) for at most +0.003 on duc2004.dev: not taken. The weights
# sit on a plateau; duc2004.dev's misses are pieces of its TDT topics that share almost no words (see #3).
EVENT_WEIGHTS = LevelWeights(
    words=2.382, entities=15.068, dates=5.054, numbers=4.395, head_numbers=6.92, time=4.694, embedding=4.415,
    date_presence=-0.16, number_presence=-0.4, head_presence=-2.0, dated=0.0, bias=-6.48, threshold=-0.1,
    time_gate=1.5,
)
# Storylines: events that continue one another share topic words, names and the embedding's sense of
# subject far more than exact dates or numbers, over months. Storylines are cut from events by mean-of-max
# linkage (cluster/linkage.py); an event pair's score is this linear score averaged over their articles'
# pairs. Tuned on the mean B-cubed F1 over ecbplus.dev topics, timeline17.dev topics and duc2004.dev events
# taken as topics, clustering the settled events of a one-batch run of every article as the clusterer would
# (``python -m storyline.eval.clusters --tune-weights storyline``, then ``storyline-search``).
# The embedding is gated (LevelWeights.embedding_gate): it counts in full only beside shared words and names
# worth 3.5. Ungated, it joined different happenings of one kind: on ecbplus.dev a deputy's killing in Los
# Angeles and an office shooting in Michigan, which share no name, scored 2.1 (8.0 of it the embedding)
# against a threshold of -0.9. Found by a random search of the weights with the gate among the moves
# (log-normal steps, sigma 0.3, 400 trials from the ungated weights below; four seeds, gates started at 1, 2,
# 3, 3.5, all ending at 3.4-5.0 with ecbplus.dev 0.9363 and duc2004.dev 0.9100): batch 0.9363 / 0.9650 /
# 0.9100 at threshold -4.0 (ungated, the best weights gave 0.9298 / 0.9466 / 0.9046; a gate alone, without
# moving the weights, scored lower at every gate from 1 to 6). F1 against the threshold is as peaked on
# ecbplus.dev as before (one of its 25 topics decides): 0.9363 from -4.1 to -4.0, 0.926 on either side, while
# timeline17.dev stays 0.955-0.967 from -4.2 to -3.8. The threshold is the middle of that window, -4.05:
# linked online in ten shuffled batches, events' terms carry the idf of the day they came in, and two of
# ecbplus.dev's topic links (-4.01, -4.15) fell on either side of -4.0. Online, one batch / mean of ten
# batches (file order and seeds 1-3), at -4.05: ecbplus.dev 0.9363 / 0.9287, duc2004.dev (events as topics)
# 0.886 / 0.907, timeline17.dev 0.9646 / 0.9619; at -4.0: 0.9363 / 0.9133, 0.910 / 0.907, 0.9642 / 0.961.
# Equal overall; -4.05 keeps ecbplus.dev, whose topics are a goal, stable under batching (with the ungated
# weights: 0.9298 one batch, 0.9108 in ten). duc2004.dev's one-batch figure turns on one link within 0.05
# of the threshold (Kosovo's diplomacy and Russia's economic crisis, joined by Russia).
# How well that generalises, checked on halves: each file's topics split in two, 400 trials tuned on one
# half from the ungated weights, scored on the other (2 seeds x 2 halves, batch). With the gate in the search
# ecbplus.dev's other half scored 0.911-0.943 (mean 0.927), without it 0.886-0.943 (0.903); but timeline17.dev
# (two topics a half) 0.717-0.958 against 0.921-0.965, and duc2004.dev 0.857-0.909 against 0.818-0.979:
# the gate helps the files whose stories come in kinds, and the search overfits either way (a threshold
# that is right for one half can lump the other's topics).
# The ungated weights, for the record: words 13.411, entities 38.408, dates 8.798, numbers 0.255, head numbers
# 0.358, time 0.553, embedding 18.096, presences -0.741 / -0.511 / -0.574, threshold -0.9; from a coordinate
# ascent (0.930 / 0.929 / 0.902 at threshold 0) then a random search (numpy seed 5, 600 trials, thresholds
# -1.0..1.0 by 0.1) that moved weight from words to dates, names and time.
# History, for what not to try again. Average linkage over all article pairs, with weights tuned on ecbplus.dev
# and timeline17.dev, learnt closeness in time as enough on its own: all 25 of duc2004.dev's TDT topics (late
# 1998) became one storyline. Gating the time term by the words-and-names terms still left 18 of them in one
# (F1 0.387) and storylines that depended on arrival order (10-batch agreement 0.82-0.96). No gate separates
# the two files: between an event and the rest of its topic, the weighted words-and-names term is below 0.64
# for a tenth of Timeline17's events, while a tenth of duc2004.dev's event-to-other-topic pairs exceed 1.23.
# Without time, average linkage gave timeline17.dev 0.879-0.886 (its months-long topics drift; 109 storylines
# for 4), and single linkage chained (0.64-0.76). Mean-of-max with time-free weights, measured the same way
# in batch, before this tuning: 0.930 / 0.939 / 0.902 on the three files.
STORYLINE_WEIGHTS = LevelWeights(
    words=14.358, entities=18.629, dates=4.468, numbers=0.139, head_numbers=0.662, time=2.043, embedding=15.759,
    date_presence=-1.652, number_presence=-0.177, head_presence=-0.194, dated=0.0, bias=-6.633, threshold=-4.05,
    embedding_gate=3.5,
)


@dataclass(frozen=True)
class ClusterSettings:
    """Everything a :class:`~storyline.cluster.StoryClusterer` needs; the defaults are the tuned ones."""

    event: LevelWeights = EVENT_WEIGHTS
    storyline: LevelWeights = STORYLINE_WEIGHTS
    top_terms: dict[str, int] = field(default_factory=lambda: dict(TOP_TERMS))
    query_terms: int = QUERY_TERMS
    query_max_df: float = QUERY_MAX_DF
    postings_cap: int = POSTINGS_CAP
    candidates: int = CANDIDATES
    batch_candidates: int = BATCH_CANDIDATES
    merge_candidates: int = MERGE_CANDIDATES
    small_event_max: int = SMALL_EVENT_MAX
    small_event_threshold: float = SMALL_EVENT_THRESHOLD
    use_embeddings: bool = True


# --- titles -----------------------------------------------------------------------------------------------

# A first line of 3-20 words without a closing stop reads as a headline (checked on the seed articles and
# on ECB+ texts, whose first line is the headline).
HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 20
# Without headlines, the title is the most central of the article's first sentences of a readable length.
TITLE_SENTENCES = 12
TITLE_MIN_WORDS = 6
TITLE_MAX_WORDS = 40
TITLE_MAX_CHARS = 200
# A candidate title sentence's closeness to its story is divided by 1 + this x its position among the
# candidates: the lede of a news article states the story (the lead baseline of news summarisation), and a
# sentence from the middle often leans on what came before it. Not tuned (no title benchmark here): with 0.2
# the sixth candidate needs twice the lede's closeness.
TITLE_POSITION_DECAY = 0.2
