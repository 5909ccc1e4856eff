"""Every threshold and weight of the clusterer, with how it was chosen.

Dev files named below are ``../shared/datasets/*.dev.articles.jsonl``; "fit" means
``python -m storyline.eval.clusters --fit`` (logistic regression on article pairs, see that module), "tuned"
means a grid search of B-cubed F1 with ``python -m storyline.eval.clusters``.
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
MAX_TEXT_CHARS = 6000
# Characters of headline + lede that the dense embedding sees. wordllama costs grow with length; the
# lede carries the event. 1,500 characters embed at ~2,000 docs/s on 2 cores (measured here).
EMBED_CHARS = 1500
# A full date within this many characters of the top is the article's date line: its day when the input
# gives no publication date (ECB+ pages print "May 03, 2013" under the headline).
DATELINE_CHARS = 400
# Share of capitalised words above which a line is a headline, not prose, for name extraction.
HEADLINE_CAPITALISED_SHARE = 0.7
# Most weighty terms kept per kind and article (by sublinear tf x idf at arrival). Truncation bounds the
# cost of a comparison; cosines are dominated by these terms.
TOP_TERMS = {"w": 150, "e": 25, "d": 12, "n": 12}
# Dense embedding size (wordllama's Matryoshka dimensions allow truncation: 256 is its default).
EMBED_DIM = 256

# --- inverse document frequency -------------------------------------------------------------------------

# IDF mixes a fixed background (wordfreq's English frequencies) with the library's own running counts,
# so that a library of five articles already weighs "the" and "Maduro" sensibly and a library that grows
# batch by batch drifts little. The background counts as this many pseudo-documents.
BACKGROUND_DOCS = 100.0
# Average tokens per news article: turns a word frequency into the chance that a document contains it.
BACKGROUND_DOC_TOKENS = 400.0
# Background document probability for terms wordfreq does not know (names of rare people, exact dates):
# rare. Per kind, since a year or month is far more common than a day.
BACKGROUND_UNKNOWN = {"w": 1e-4, "e": 1e-4, "d": 2e-3, "n": 2e-3}

# --- candidate retrieval ----------------------------------------------------------------------------------

# Terms of an article looked up in the inverted index (its rarest weighty words and names).
QUERY_TERMS = 14
# A term found in more than this share of the library is not looked up: it names no event.
QUERY_MAX_DF = 0.05
# Postings kept per term: the most recent clusters. Bounds the cost of a look-up whatever the library size.
POSTINGS_CAP = 64
# Candidate events scored per article (the best by shared rare terms).
CANDIDATES = 24
# Passes that take each unit of a batch out of its event and place it again (k-means style).
REFINE_PASSES = 2


@dataclass(frozen=True)
class LevelWeights:
    """A linear score over similarity features: ``bias + sum(weight * feature)``; join when >= threshold.

    Features, all average-linkage (the mean over the members of both sides): cosine of words, of names,
    of dates, of numbers, of embeddings; ``time`` is ``exp(-gap / time_scale_days)`` for the gap in days
    between the two sides' publication spans (0 inside), and ``undated`` is 1 when either side has no date;
    ``date_presence`` (``number_presence``) is the share of pairs where both articles mention dates
    (numbers): with a negative weight it turns "both give dates, and they differ" into evidence against.
    """

    words: float
    entities: float
    dates: float
    numbers: float
    embedding: float
    time: float
    undated: float
    date_presence: float
    number_presence: float
    bias: float
    threshold: float
    time_scale_days: float

    def vector(self) -> tuple[float, ...]:
        return (
            self.words, self.entities, self.dates, self.numbers, self.embedding, self.time, self.undated,
            self.date_presence, self.number_presence,
        )  # fmt: skip


FEATURE_NAMES = (
    "words", "entities", "dates", "numbers", "embedding", "time", "undated", "date_presence", "number_presence"
)

# Events: initial hand-set weights; replaced by fitted ones below.
EVENT_WEIGHTS = LevelWeights(
    words=6.0, entities=4.0, dates=1.5, numbers=1.0, embedding=3.0, time=1.0, undated=0.5, date_presence=0.0, number_presence=0.0, bias=-5.0,
    threshold=0.0, time_scale_days=3.0,
)
# Storylines: events that continue one another share topic words and the embedding's sense of subject
# far more than exact names or dates.
STORYLINE_WEIGHTS = LevelWeights(
    words=6.0, entities=2.0, dates=0.0, numbers=0.0, embedding=4.0, time=0.5, undated=0.5, date_presence=0.0, number_presence=0.0, bias=-5.0,
    threshold=0.0, time_scale_days=60.0,
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
    refine_passes: int = REFINE_PASSES
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
