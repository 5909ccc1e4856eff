"""Online clustering of articles into events, and of events into storylines.

The design follows Miranda et al. (2018, "Multilingual Clustering of Streaming News"): an article is
compared with a few candidate clusters, found through an inverted index of rare terms, by several
similarities (words, names, dates, numbers, the numbers of its head, publication time, a dense
embedding); a linear model weighs them and the article joins when the score clears a threshold.

Four choices make the result depend little on order and batching:

* **Average linkage, exactly.** Every feature is a mean over article pairs of a dot product of per-article
  unit vectors (time included: see :func:`storyline.cluster.features.time_terms`), so a group is summed
  up by the sums of its members' vectors and the score between two groups is exact from those sums.
* **Agglomeration inside a batch.** The new articles of a batch (near-duplicate families as one unit) and
  their candidate events form a graph; the best-scoring pair is merged first, its scores with neighbours
  are updated exactly, and so on until no pair clears the threshold -- average-linkage agglomerative
  clustering, restricted to candidate pairs, with earlier events as nodes that only grow. A one-batch
  run is batch agglomerative clustering; later batches continue it. Two earlier events merge when a
  batch's articles make them alike (a bounded check of each grown event against its best candidates).
* **Second looks.** An early merge was made without the articles that arrive later. A small earlier event
  that gains an article which fits it only loosely is clustered again from its parts, all pairs compared
  (:meth:`StoryClusterer._eject`); storylines when settled (:meth:`StoryClusterer._resettle_storylines`).
* **IDF applied at comparison time** over a background-smoothed document frequency (see
  :mod:`storyline.cluster.vocabulary`): groups store term counts, not weights frozen at arrival.

A follow-up report is told from another report of the same happening by what the dev data supports --
its head's figures, its publication time -- and by one rule: an article that dates an *earlier* happening
("Earlier releases, including 103 on December 12") to the publication day of an event's articles reports
a later happening, and never joins that event (:func:`storyline.cluster.features.earlier_days`). Where an
article arrives before the report it conflicts with, the event is clustered again with both and the
conflict is settled there.

Storylines are cut from events one level up, with weights that favour topic (words, names, the embedding)
over the exact dates and figures that tell events apart, and with another linkage: mean-of-max
(:mod:`storyline.cluster.linkage`) -- each event of one side needs a close relative on the other, and most
events must have one -- because a storyline followed for months drifts too far for average linkage over
all its pairs, and single linkage chains unrelated stories of one season. New events join storylines by it
in each batch (the new events compared with each other and with their candidate storylines); settling
clusters the changed storylines and their neighbours again from their events, so that what is cut depends
on the events, not on the order they came in. An event lies in one storyline: two events of different
storylines merge only if their storylines would.

Once a storyline is settled, an event of one or two articles it holds is shown as part of the event of the
same storyline it scores best against, on average over its pairs, if that mean clears a lower bar
(``SMALL_EVENT_THRESHOLD``, :meth:`StoryClusterer._fold_small_events`): the storyline has judged it part of
the story, and one article's words are too small a sample to ask it to resemble the event's articles as much
as they resemble each other. The earlier-date rule still keeps a later happening apart. Inside, the events
stay as cut, for the storylines are cut from them.

Cost per article: a bounded index look-up (``QUERY_TERMS`` postings of at most ``POSTINGS_CAP`` events),
``CANDIDATES + BATCH_CANDIDATES`` sparse dot products done in bulk, a few heap operations, and second looks
bounded by ``EJECT_CHECK_MAX``. It does not grow with the library, except through the size of the groups it
is compared with (a binary search each). A batch's new events are compared with each other all pairs (a
dense matrix in the square of their number; batches are clustered ``BATCH_UNITS_MAX`` units at a time), and
settling costs the square of the events around each changed storyline, bounded by
``STORYLINE_SETTLE_EVENTS``.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np

from storyline.cluster import settings as S
from storyline.cluster import sums as V
from storyline.cluster.ann import HyperplaneIndex
from storyline.cluster.features import ALL_KINDS, ArticleFeatures, featurize, time_terms, word_stem
from storyline.cluster.groups import N_PRESENCE, Groups
from storyline.cluster.linkage import mean_of_max_clusters
from storyline.cluster.vocabulary import Vocabulary
from storyline.model import Article

N_KINDS = len(ALL_KINDS)
_KIND = {k: i for i, k in enumerate(ALL_KINDS)}
# The presence columns (dates, numbers, head numbers, a day) come from these kinds.
_PRESENCE_KINDS = np.array([_KIND["d"], _KIND["n"], _KIND["h"], _KIND["t"]])
# Terms of these kinds are looked up in the inverted index.
_QUERY_KINDS = (_KIND["w"], _KIND["e"])
# The layout of export_state(); bumped when features or the layout change. 3: articles keep 50 names and their
# stored weights are normalised under the 3,000-document background (settings.BACKGROUND_DOCS, TOP_TERMS).
# 4: the storylines not yet settled (StoryClusterer.settle) are saved. 5: every term of each article is kept
# with its tf, for settling under today's idf. 6: the small events shown folded into others (StoryClusterer.
# _fold_small_events).
STATE_VERSION = 6


class StaleStateError(ValueError):
    """A saved clusterer state written by another version of the clusterer: the stories must be rebuilt."""
# Terms of a group compared when two large groups are checked for a merge.
GROUP_PROBE_TERMS = 2000


@dataclass
class ClusterAssignment:
    """Where one article went: its event and storyline, the score that joined it, and why."""

    article: str
    event: str  # the event's id: the id of the article that started it
    storyline: str  # the storyline's id: the id of the event that started it
    score: float  # how well it fits its event (logistic of its score against the rest); 0 for its first
    why: dict[str, Any] = field(default_factory=dict)  # shared words, entities, dates, numbers


@dataclass
class _Side:
    """What enters a level as one: new articles of one family (events), or a new event (storylines)."""

    ids: np.ndarray
    vals: np.ndarray
    emb: np.ndarray
    n: int
    has: np.ndarray
    members: list[int]
    lo: float
    hi: float
    order: tuple[float, str] = (0.0, "")
    own: set[int] = field(default_factory=set)  # publication days (month * 100 + day, +-1)
    earlier: set[int] = field(default_factory=set)  # days it dates earlier happenings to


class _Node:
    """A node of the agglomeration: sides merged so far, plus at most one existing group.

    Its sum is kept as a list of parts and added up only when a dot product needs it (most merges never do).
    """

    __slots__ = ("parts", "emb", "n", "has", "group", "sides", "nbrs", "alive", "version", "own", "earlier")

    def __init__(self, ids: np.ndarray, vals: np.ndarray, emb: np.ndarray, n: int, has: np.ndarray,
                 group: int, sides: list[int], own: set[int] | None = None, earlier: set[int] | None = None
                 ) -> None:
        self.parts = [(ids, vals)]
        self.emb, self.n, self.has = emb, n, has
        self.group = group
        self.sides = sides
        self.nbrs: dict[int, np.ndarray] = {}
        self.alive = True
        self.version = 0
        self.own = own or set()
        self.earlier = earlier or set()

    def sums(self) -> tuple[np.ndarray, np.ndarray]:
        if len(self.parts) > 1:
            self.parts = [V.add_many(self.parts)]
        return self.parts[0]

    def few_parts(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Its parts, added up first only when many: an existing event that absorbed a few new articles is
        looked into part by part rather than summed again (a sorted union of thousands of terms)."""
        if len(self.parts) > S.NODE_PARTS_MAX:
            self.sums()
        return self.parts


_W, _E = _KIND["w"], _KIND["e"]


class _Level:
    """One level's linear score as arrays: ``bias + (D @ w_sum + (has_a * has_b) @ w_presence) / (n_a n_b)``
    where ``D`` holds the per-kind dot products of the two sides' sums and the embedding dot product."""

    def __init__(self, w: S.LevelWeights, time_kind: str) -> None:
        self.w_sum = np.zeros(N_KINDS + 1)
        for kind, value in zip("wednh", (w.words, w.entities, w.dates, w.numbers, w.head_numbers), strict=True):
            self.w_sum[_KIND[kind]] = value
        self.w_sum[_KIND[time_kind]] = w.time
        self.w_sum[N_KINDS] = w.embedding
        self.w_presence = np.array([w.date_presence, w.number_presence, w.head_presence, w.dated])
        self.bias = w.bias
        self.threshold = w.threshold
        # Closeness in time, and the embedding's sense of subject, count in full only beside shared words and
        # names (see LevelWeights.time_gate, embedding_gate).
        self.time_gate = w.time_gate
        self.embedding_gate = w.embedding_gate
        self.linear = w.time_gate <= 0 and w.embedding_gate <= 0
        self.time_col = _KIND[time_kind]
        self._w_time = w.time
        self._w_embedding = w.embedding
        self._w_words, self._w_entities = w.words, w.entities

    def _gated(self, z: np.ndarray | float, d: np.ndarray, nn: np.ndarray | float) -> np.ndarray | float:
        if self.linear:
            return z
        shared = (d[..., _KIND["w"]] * self._w_words + d[..., _KIND["e"]] * self._w_entities) / nn
        time = d[..., self.time_col] * self._w_time / nn
        embedding = d[..., N_KINDS] * self._w_embedding / nn
        return self.gate(z, time, shared, embedding)

    def gate(self, z: np.ndarray | float, time: np.ndarray | float, shared: np.ndarray | float,
             embedding: np.ndarray | float = 0.0) -> np.ndarray | float:
        """Scores ``z`` with their weighted time term ``time`` (and embedding term ``embedding``) scaled down
        where the weighted words and names terms ``shared`` fall short of ``time_gate`` (``embedding_gate``)."""
        shared = np.maximum(shared, 0.0)
        if self.time_gate > 0:
            z = z - self.time_cut(time, shared)
        if self.embedding_gate > 0:
            z = z - self.embedding_cut(embedding, shared)
        return z

    def time_cut(self, time: np.ndarray | float, shared: np.ndarray | float) -> np.ndarray | float:
        """What the time gate takes off a score: its time term ``time`` scaled by how far the words and
        names term ``shared`` (>= 0) falls short of ``time_gate``."""
        return time * (1.0 - np.minimum(1.0, shared / self.time_gate))

    def embedding_cut(self, embedding: np.ndarray | float, shared: np.ndarray | float) -> np.ndarray | float:
        """:meth:`time_cut` for the embedding term and ``embedding_gate``."""
        return embedding * (1.0 - np.minimum(1.0, shared / self.embedding_gate))

    def score(self, d: np.ndarray, n_a: float, n_b: float, has_a: np.ndarray, has_b: np.ndarray) -> float:
        # One pair, in Python floats: called hundreds of thousands of times per 100,000 articles, where the
        # array path (:meth:`_gated`) costs more in numpy's per-call overhead than in arithmetic.
        nn = n_a * n_b
        z = self.bias + float(d @ self.w_sum + (has_a * has_b) @ self.w_presence) / nn
        if self.linear:
            return z
        shared = max((float(d[_W]) * self._w_words + float(d[_E]) * self._w_entities) / nn, 0.0)
        if self.time_gate > 0:
            z -= float(d[self.time_col]) * self._w_time / nn * (1.0 - min(1.0, shared / self.time_gate))
        if self.embedding_gate > 0:
            z -= float(d[N_KINDS]) * self._w_embedding / nn * (1.0 - min(1.0, shared / self.embedding_gate))
        return z

    def scores(self, d: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, has_a: np.ndarray, has_b: np.ndarray
               ) -> np.ndarray:
        nn = n_a * n_b
        z = self.bias + (d @ self.w_sum + (has_a * has_b) @ self.w_presence) / nn
        return self._gated(z, d, nn)


def pair_scores(d: np.ndarray, has: np.ndarray, weights: S.LevelWeights, level: str = "event") -> np.ndarray:
    """The ``(n, n)`` scores of every article pair under one level's weights, from
    :meth:`StoryClusterer.pairwise_features` (``d``, ``has``). For tuning: average linkage over these pair
    scores is what the clusterer computes from sums (but for a level with a time gate, which this applies to
    each pair and the clusterer to the means of two groups' pairs)."""
    lv = _Level(weights, "t" if level == "event" else "s")
    z = lv.bias + d @ lv.w_sum.astype(d.dtype) + (has[:, None, :] * has[None, :, :]) @ lv.w_presence.astype(d.dtype)
    return lv._gated(z, d, 1.0)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


class StoryClusterer:
    """Groups articles into events and events into storylines, one batch at a time.

    ``add_batch`` may be called with batches of any size in any order; each article id is placed once
    (adding it again returns its current place). :meth:`export_state` / :meth:`import_state` round-trip
    the state (plain lists, dicts and numpy arrays), e.g. through a database.

    >>> from storyline.model import Article
    >>> c = StoryClusterer(ClusterSettings(use_embeddings=False))
    >>> a = Article(id="a", text="Lindsay Lohan checked into the Betty Ford Center on May 2, 2013.", raw_text="")
    >>> [x.event for x in c.add_batch([a])]
    ['a']
    """

    def __init__(self, settings: S.ClusterSettings | None = None) -> None:
        self.settings = settings or S.ClusterSettings()
        self.vocab = Vocabulary()
        self.article_ids: list[str] = []
        self.article_index: dict[str, int] = {}
        self._terms: list[np.ndarray] = []  # per article: sorted term ids
        self._weights: list[np.ndarray] = []  # tf / the article's norm in that kind (idf at arrival)
        self._all_terms: list[np.ndarray] = []  # per article: every term id, sorted (kept or not)
        self._all_tf: list[np.ndarray] = []  # their term frequencies
        self._emb = np.zeros((0, S.EMBED_DIM), dtype=np.float32)
        self._days = np.zeros(0)
        self._has = np.zeros((0, N_PRESENCE))
        self._event_of = np.zeros(0, dtype=np.int64)
        self._family_of: list[str | None] = []
        self._earlier: list[tuple[int, ...]] = []  # per article: days it dates earlier happenings to
        self._why: list[dict[str, Any]] = []
        self._score: list[float] = []
        self._count = 0
        self.events_ = Groups(S.EMBED_DIM)
        self.storylines_ = Groups(S.EMBED_DIM)
        self._family_event: dict[str, int] = {}
        self._unsettled: set[int] = set()  # storylines changed since their events were last settled
        self._shown: dict[int, int] = {}  # small event -> the event it is shown in (see _fold_small_events)
        self._folded_memo: dict[int, list[int]] | None = None  # _folded() between batches (for the public calls)
        self._postings: dict[int, list[int]] = {}
        # Ids merged away during the last add_batch or settle -> the id that absorbed them, events and
        # storylines apart (a storyline takes its first event's id, so the two can coincide).
        self.last_merges: dict[str, str] = {}
        self.last_storyline_merges: dict[str, str] = {}
        self._storyline_index = HyperplaneIndex(S.EMBED_DIM, S.ANN_TABLES, S.ANN_BITS)
        self._weigh_key: tuple[int, int] = (-1, -1)  # (documents, terms) the weight tables below are for
        self._kind_table = np.zeros(0, dtype=np.int64)
        self._factor2_table = np.zeros(0)
        self._set_levels()

    def _set_levels(self) -> None:
        self._event_level = _Level(self.settings.event, "t")
        self._storyline_level = _Level(self.settings.storyline, "s")

    # --- public API -----------------------------------------------------------------------------------

    def add_batch(
        self, articles: Sequence[Article], families: Mapping[str, str] | None = None,
        prepared: Sequence[ArticleFeatures] | None = None,
    ) -> list[ClusterAssignment]:
        """Place each article in an event (new or existing) and each new event in a storyline.

        ``families`` maps article ids to near-duplicate family ids: a family joins as one unit, and a
        later member of a known family joins its event. ``prepared`` may hold the articles' features
        computed ahead (:func:`storyline.cluster.prepare.prepare`, e.g. in another process by
        :func:`~storyline.cluster.prepare.prepared_batches`); articles without are prepared here. Returns
        one assignment per input article, in input order, reflecting the state after the batch (merges
        during it included). ``last_merges`` then maps every event id merged away to the id that absorbed
        it, and ``last_storyline_merges`` every storyline id.
        """
        families = families or {}
        self.last_merges, self.last_storyline_merges = {}, {}
        fresh = [a for a in dict((a.id, a) for a in articles).values() if a.id not in self.article_index]
        if fresh:
            self._folded_memo = None
            with _batch_runtime():
                new_idx = self._ingest(fresh, families, {f.id: f for f in prepared or ()})
                self._cluster_in_chunks(self._units(new_idx))
            self._folded_memo = None
        return [self._assignment(self.article_index[a.id]) for a in articles]

    def events(self) -> dict[str, list[str]]:
        """Event id -> its article ids (in the order they were added)."""
        ev = self.events_
        shown: dict[int, list[int]] = {}
        for g in ev.live():
            shown.setdefault(self._shown_of(g), []).extend(ev.members[g])
        return {ev.keys[g]: [self.article_ids[i] for i in sorted(shown[g])] for g in sorted(shown)}

    def storylines(self) -> dict[str, list[str]]:
        """Storyline id -> its event ids."""
        sl, ev = self.storylines_, self.events_
        return {sl.keys[s]: [ev.keys[e] for e in sorted(sl.members[s]) if ev.n[e] > 0 and self._shown_of(e) == e]
                for s in sl.live()}

    def storyline_articles(self) -> dict[str, list[str]]:
        """Storyline id -> the ids of all articles of its events."""
        sl, ev = self.storylines_, self.events_
        return {
            sl.keys[s]: [self.article_ids[i] for e in sorted(sl.members[s]) for i in sorted(ev.members[e])]
            for s in sl.live()
        }

    def problems(self) -> list[str]:
        """What breaks the clusterer's bookkeeping, if anything (empty when sound): every article listed in
        exactly one live event, the one it is recorded in; every event's count its number of articles; every
        event with articles in exactly one live storyline, which counts them; no event shown in one that is
        itself shown in another (see :meth:`_fold_small_events`). A cheap pass, run by the batching
        test (``storyline eval clusters --batches``) after every batch and by the unit tests."""
        ev, sl = self.events_, self.storylines_
        out: list[str] = []
        seen: dict[int, int] = {}
        for e in ev.live():
            if int(ev.n[e]) != len(ev.members[e]):
                out.append(f"event {ev.keys[e]} counts {int(ev.n[e])} articles and lists {len(ev.members[e])}")
            for i in ev.members[e]:
                if i in seen:
                    out.append(f"article {self.article_ids[i]} is listed in events {ev.keys[seen[i]]} and {ev.keys[e]}")
                seen[i] = e
                if int(self._event_of[i]) != e:
                    out.append(f"article {self.article_ids[i]} is listed in event {ev.keys[e]}, recorded in another")
        out += [f"article {self.article_ids[i]} is in no event" for i in range(len(self.article_ids)) if i not in seen]
        home: dict[int, int] = {}
        for s in sl.live():
            count = 0
            for e in sl.members[s]:
                if ev.n[e] == 0:
                    continue
                if e in home:
                    out.append(f"event {ev.keys[e]} is in storylines {sl.keys[home[e]]} and {sl.keys[s]}")
                home[e] = s
                count += int(ev.n[e])
            if count != int(sl.n[s]):
                out.append(f"storyline {sl.keys[s]} counts {int(sl.n[s])} articles and its events hold {count}")
        out += [f"event {ev.keys[e]} is in no storyline" for e in ev.live() if e not in home]
        for e in ev.live():
            shown = self._shown_of(e)
            if self._shown_of(shown) != shown:
                out.append(f"event {ev.keys[e]} is shown in {ev.keys[shown]}, which is shown in another")
        return out

    def assignment(self, article_id: str) -> ClusterAssignment:
        """The current place of one known article."""
        return self._assignment(self.article_index[article_id])

    def rebuild(self, settings: S.ClusterSettings | None = None) -> list[ClusterAssignment]:
        """Re-place every known article from scratch, as one batch (e.g. after a settings change).

        Article features are kept; events, storylines and the index are rebuilt. Returns the new
        assignment of every article, in the order the articles were first added.
        """
        if settings is not None:
            self.settings = settings
            self._set_levels()
        self.events_ = Groups(S.EMBED_DIM)
        self.storylines_ = Groups(S.EMBED_DIM)
        self._storyline_index = HyperplaneIndex(S.EMBED_DIM, S.ANN_TABLES, S.ANN_BITS)
        self._family_event, self._postings, self._unsettled, self._shown = {}, {}, set(), {}
        self.last_merges, self.last_storyline_merges = {}, {}
        everything = list(range(self._count))
        self._event_of[:] = -1
        self._cluster_in_chunks(self._units(everything))
        self.settle()
        return [self._assignment(i) for i in everything]

    def pairwise_features(self) -> tuple[np.ndarray, np.ndarray]:
        """For a small library (tuning): the ``(n, n, features)`` array of every article pair's ``D`` vector
        (per-kind cosines under the current idf, then the embedding cosine) and the ``(n, 4)`` presence
        flags. A level's pair score is ``bias + D @ w_sum + (has_i * has_j) @ w_presence``, and the score
        of two groups is the mean over their pairs: what :meth:`add_batch` computes from sums."""
        from scipy.sparse import csr_matrix

        n = self._count
        lengths = [len(t) for t in self._terms]
        ids = np.concatenate(self._terms).astype(np.int64)
        kinds, f2 = self._weigh(ids)
        vals = np.concatenate(self._weights).astype(np.float64) * np.sqrt(f2)
        rows = np.repeat(np.arange(n), lengths)
        out = np.zeros((n, n, N_KINDS + 1), dtype=np.float32)
        for k in range(N_KINDS):
            sel = kinds == k
            m = csr_matrix((vals[sel], (rows[sel], ids[sel])), shape=(n, len(self.vocab)))
            out[:, :, k] = (m @ m.T).toarray()
        out[:, :, N_KINDS] = self._emb[:n] @ self._emb[:n].T
        return out, self._has[:n].copy()

    def event_features(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        """For tuning the storyline level: each article's row (its event as cut, which the storyline level
        compares, not as shown: see :meth:`_fold_small_events`), the ``(k, k, features)`` ``D`` vectors of
        every event pair (sums of their articles' vectors), their sizes and their summed presence flags. An
        event pair's storyline score is ``_Level.scores(D, n_a, n_b, has_a, has_b)``."""
        ev = self.events_
        event_of = ev.root[self._event_of[: self._count]]
        events, rows = np.unique(event_of, return_inverse=True)
        events = events.tolist()
        d = self._all_pair_d([(ev.ids[e], ev.vals[e]) for e in events], ev.emb[events])
        row_of = dict(zip(self.article_ids, rows.tolist(), strict=True))
        return row_of, d, ev.n[events].astype(np.float64), ev.has[events].astype(np.float64)

    # --- ingest ---------------------------------------------------------------------------------------

    def _weigh(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Kind codes and squared comparison weights of term ids (see :data:`storyline.cluster.sums.Weigh`).

        The weights of the whole vocabulary are computed once per state of the counts (they change only
        when a batch's documents are counted) and gathered here: a batch weighs terms some 300,000 times
        on a large library, and a logarithm per term and call cost 4% of the clustering time."""
        vocab = self.vocab
        if self._weigh_key != (vocab.docs, len(vocab)):
            every = np.arange(len(vocab))
            f = vocab.factor(every)
            self._kind_table, self._factor2_table = vocab.kinds(every).astype(np.int64), f * f
            self._weigh_key = (vocab.docs, len(vocab))
        return self._kind_table[ids], self._factor2_table[ids]

    def _top_terms(self, doc: np.ndarray, kinds: np.ndarray, w: np.ndarray, docs: int
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each article's ``top_terms`` weightiest terms of each kind, from flat rows (article ``doc``, kind,
        weight ``w``): the mask of kept rows, the norm of the kept weights per (article, kind) group, and
        each row's group. A kind whose kept weights are all 0 keeps nothing."""
        caps = np.array([self.settings.top_terms.get(k, 1 << 30) for k in ALL_KINDS], dtype=np.int64)
        group = doc * N_KINDS + kinds
        # Most groups hold no more terms than their cap and keep them all: only the rows of the others are
        # ranked (a stable sort of a subset ranks its rows as sorting them all would).
        sizes = np.bincount(group, minlength=docs * N_KINDS)
        over = np.flatnonzero(sizes[group] > caps[kinds])
        keep = np.ones(len(group), dtype=bool)
        if len(over):
            order = over[np.lexsort((-w[over], group[over]))]
            g_sorted = group[order]
            starts = np.flatnonzero(np.r_[True, g_sorted[1:] != g_sorted[:-1]])
            rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
            keep[order[rank >= caps[kinds[order]]]] = False
        norms = np.sqrt(np.bincount(group[keep], weights=w[keep] ** 2, minlength=docs * N_KINDS))
        keep &= norms[group] > 0
        return keep, norms, group

    def _grow_articles(self, need: int) -> None:
        cap = len(self._days)
        if need <= cap:
            return
        cap = max(need, 2 * cap, 64)
        for name, fill in (("_emb", 0.0), ("_days", math.nan), ("_has", 0.0), ("_event_of", -1)):
            old = getattr(self, name)
            new = np.full((cap, *old.shape[1:]), fill, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)

    def _ingest(self, articles: list[Article], families: Mapping[str, str],
                prepared: Mapping[str, ArticleFeatures]) -> list[int]:
        todo = [a for a in articles if a.id not in prepared]
        made = {f.id: f for f in featurize(todo)}
        feats = [prepared.get(a.id) or made[a.id] for a in articles]
        vocab = self.vocab
        term_lists = []
        for f in feats:
            terms = f.terms
            terms.update(time_terms(f.day))
            term_lists.append(terms)
        flat = [t for terms in term_lists for t in terms]
        all_ids = vocab.ids_of(flat)
        # Count the batch's documents before weighing its terms: one batch sees its own statistics,
        # exactly as a one-batch run would.
        vocab.add_documents(all_ids, len(feats))
        lengths = np.fromiter((len(t) for t in term_lists), dtype=np.int64, count=len(term_lists))
        tf = np.fromiter((v for terms in term_lists for v in terms.values()), dtype=np.float64, count=len(flat))
        kinds = vocab.kinds(all_ids).astype(np.int64)
        w = tf * vocab.factor(all_ids)
        doc = np.repeat(np.arange(len(feats)), lengths)
        keep, norms, group = self._top_terms(doc, kinds, w, len(feats))
        # Every term is kept as well, with its tf: settling selects and weighs them again under the idf of its
        # day (see :meth:`_pair_score_matrix`), so its features do not depend on the order of arrival.
        order = np.lexsort((all_ids, doc))
        all_sorted, tf_sorted = all_ids[order].astype(np.int32), tf[order].astype(np.float32)
        all_bounds = np.searchsorted(doc[order], np.arange(len(feats) + 1))
        # Stored: tf / the norm of the kept tf x factor in that kind; the weight at comparison is this x the
        # factor then.
        ids_k, doc_k = all_ids[keep], doc[keep]
        w_k = tf[keep] / norms[group[keep]]
        order = np.lexsort((ids_k, doc_k))
        ids_k, doc_k, w_k = ids_k[order].astype(np.int32), doc_k[order], w_k[order].astype(np.float32)
        bounds = np.searchsorted(doc_k, np.arange(len(feats) + 1))
        present = np.zeros((len(feats), N_KINDS), dtype=bool)
        present[doc[keep], kinds[keep]] = True
        has = present[:, _PRESENCE_KINDS].astype(np.float64)
        first = self._count
        self._grow_articles(first + len(feats))
        self._has[first : first + len(feats)] = has
        for k, f in enumerate(feats):
            i = first + k
            self._terms.append(ids_k[bounds[k] : bounds[k + 1]])
            self._weights.append(w_k[bounds[k] : bounds[k + 1]])
            self._all_terms.append(all_sorted[all_bounds[k] : all_bounds[k + 1]])
            self._all_tf.append(tf_sorted[all_bounds[k] : all_bounds[k + 1]])
            self.article_index[f.id] = i
            self.article_ids.append(f.id)
            self._days[i] = f.day if f.day is not None else math.nan
            self._family_of.append(families.get(f.id))
            self._why.append({})
            self._earlier.append(f.earlier)
            self._score.append(0.0)
        if self.settings.use_embeddings:
            from storyline.cluster.embedding import embed

            missing = [k for k, f in enumerate(feats) if f.emb is None]
            if missing:
                for k, v in zip(missing, embed([feats[k].head[: S.EMBED_CHARS] for k in missing]), strict=True):
                    feats[k].emb = v
            self._emb[first : first + len(feats)] = np.stack([f.emb for f in feats])
        self._count = first + len(feats)
        return list(range(first, self._count))

    def _units(self, new_idx: list[int]) -> list[_Side]:
        """New articles grouped by family, in a canonical order (publication day, then id)."""
        groups: dict[str, list[int]] = {}
        for i in new_idx:
            fam = self._family_of[i]
            groups.setdefault(f"f:{fam}" if fam is not None else f"a:{self.article_ids[i]}", []).append(i)
        units = []
        for members in groups.values():
            members = sorted(members, key=lambda i: (_day_key(self._days[i]), self.article_ids[i]))
            ids, vals = self._sum_of(members)
            days = self._days[members]
            dated = days[~np.isnan(days)]
            units.append(
                _Side(
                    ids=ids, vals=vals, emb=self._emb[members].sum(axis=0), n=len(members),
                    has=self._has[members].sum(axis=0), members=members,
                    lo=float(dated.min()) if len(dated) else math.nan,
                    hi=float(dated.max()) if len(dated) else math.nan,
                    order=(_day_key(days[0]), self.article_ids[members[0]]),
                    own=self._own_days(members), earlier={d for i in members for d in self._earlier[i]},
                )
            )
        units.sort(key=lambda u: u.order)
        return units

    def _own_days(self, members: list[int]) -> set[int]:
        """Publication days of articles (month * 100 + day), each with the days before and after."""
        out: set[int] = set()
        for day in self._days[members].tolist():
            if not math.isnan(day):
                out.update(_days_around(int(day)))
        return out

    def _sum_of(self, members: list[int]) -> tuple[np.ndarray, np.ndarray]:
        if len(members) == 1:
            i = members[0]
            return self._terms[i], self._weights[i].astype(np.float64)
        return V.add_many([(self._terms[i], self._weights[i]) for i in members])

    # --- candidates -----------------------------------------------------------------------------------

    def _query_terms(self, side: _Side, count: int | None = None, words: int = 0) -> np.ndarray:
        """The rarest weighty words and names of a side: what the inverted index is asked about. With
        ``words``, that many of them are words (topic terms: "earthquake", "rehab") whatever the names."""
        ids, vals = side.ids, side.vals
        kinds = self.vocab.kinds(ids)
        ok = (kinds == _QUERY_KINDS[0]) | (kinds == _QUERY_KINDS[1])
        max_df = max(self.settings.query_max_df * self.vocab.docs, S.QUERY_MIN_DF)
        ok &= self.vocab.df(ids) <= max_df
        ids, vals, kinds = ids[ok], vals[ok] * self.vocab.idf(ids[ok]), kinds[ok]
        k = count or self.settings.query_terms
        chosen = []
        if words:
            w = kinds == _QUERY_KINDS[0]
            chosen.append(_top_ids(ids[w], vals[w], words))
            ids, vals = ids[~w], vals[~w]
            k -= len(chosen[0])
        chosen.append(_top_ids(ids, vals, k))
        return np.concatenate(chosen)

    def _index_candidates(self, queries: list[np.ndarray]) -> list[list[int]]:
        """For each query, the live events sharing the most (idf-weighted) query terms (ties: lower event).

        All queries at once: their postings are flattened into (query, event, idf) rows and summed per
        (query, event) pair in one ``np.unique`` (a loop per query cost 5% of the clustering time)."""
        n = len(queries)
        k = self.settings.candidates
        if n == 0:
            return []
        terms = np.concatenate(queries).astype(np.int64)
        lists = list(map(self._postings.get, terms.tolist()))
        lengths = np.fromiter((len(p) if p else 0 for p in lists), dtype=np.int64, count=len(lists))
        total = int(lengths.sum())
        if total == 0:
            return [[] for _ in range(n)]
        flat = np.fromiter(chain.from_iterable(p for p in lists if p), dtype=np.int64, count=total)
        events = self.events_.root[flat]
        query_of = np.repeat(np.repeat(np.arange(n, dtype=np.int64), [len(q) for q in queries]), lengths)
        weight = np.repeat(self.vocab.idf(terms), lengths)
        # An event emptied in this batch (its articles all left it) stays filed until its postings age out.
        filled = self.events_.n[events] > 0
        if not filled.all():
            events, query_of, weight = events[filled], query_of[filled], weight[filled]
            if not len(events):
                return [[] for _ in range(n)]
        span = np.int64(int(events.max()) + 1)
        uniq, inverse = np.unique(query_of * span + events, return_inverse=True)
        score = np.bincount(inverse, weights=weight)
        uq, ue = uniq // span, uniq % span
        order = np.lexsort((ue, -score, uq))
        uq, ue = uq[order], ue[order]
        rank = np.arange(len(uq)) - np.searchsorted(uq, np.arange(n))[uq]
        sel = rank < k
        out: list[list[int]] = [[] for _ in range(n)]
        for q, e in zip(uq[sel].tolist(), ue[sel].tolist(), strict=True):
            out[q].append(e)
        return out

    def _batch_candidates(self, queries: list[np.ndarray], k: int) -> list[tuple[int, int]]:
        """Pairs of sides of one batch that share rare query terms: each side's ``k`` best partners."""
        n = len(queries)
        if n < 2:
            return []
        from scipy.sparse import csr_matrix

        lengths = [len(q) for q in queries]
        cols = np.concatenate(queries) if sum(lengths) else np.zeros(0, dtype=np.int64)
        if not len(cols):
            return []
        uniq, inverse = np.unique(cols, return_inverse=True)
        rows = np.repeat(np.arange(n), lengths)
        m = csr_matrix((self.vocab.idf(uniq)[inverse], (rows, inverse)), shape=(n, len(uniq)))
        shared = (m @ m.T).tocoo()
        keep = shared.row != shared.col
        r, c, v = shared.row[keep], shared.col[keep], shared.data[keep]
        order = np.lexsort((c, -v, r))
        r, c = r[order], c[order]
        starts = np.searchsorted(r, np.arange(n))
        rank = np.arange(len(r)) - starts[r]
        sel = rank < k
        pairs = {(int(min(a, b)), int(max(a, b))) for a, b in zip(r[sel].tolist(), c[sel].tolist(), strict=True)}
        return sorted(pairs)

    def _index(self, event: int, query: np.ndarray) -> None:
        cap = self.settings.postings_cap
        for t in query.tolist():
            posting = self._postings.get(t)
            if posting is None:
                self._postings[t] = [event]
                continue
            if posting[-1] == event:
                continue
            posting.append(event)
            if len(posting) > cap:
                del posting[: len(posting) - cap]

    # --- scoring --------------------------------------------------------------------------------------

    def _pair_d(self, left: Sequence[tuple[np.ndarray, np.ndarray]], left_emb: np.ndarray,
                right: Sequence[tuple[np.ndarray, np.ndarray]], right_emb: np.ndarray,
                pairs: np.ndarray) -> np.ndarray:
        """The ``D`` vectors (per-kind sum dot products, then the embedding one) of many pairs."""
        if not len(pairs):
            return np.zeros((0, N_KINDS + 1))
        d = V.pair_dots(left, right, pairs[:, 0], pairs[:, 1], self._weigh, N_KINDS, len(self.vocab) + 1)
        e = np.einsum("ij,ij->i", left_emb[pairs[:, 0]], right_emb[pairs[:, 1]]).astype(np.float64)
        return np.concatenate([d, e[:, None]], axis=1)

    def _self_d(self, vectors: Sequence[tuple[np.ndarray, np.ndarray]], emb: np.ndarray) -> np.ndarray:
        """:meth:`_pair_d` of each vector with itself (the same sums, in the same order), without looking
        its terms up in itself."""
        out = np.zeros((len(vectors), N_KINDS + 1))
        lengths = np.fromiter((len(v[0]) for v in vectors), dtype=np.int64, count=len(vectors))
        if lengths.sum():
            ids = np.concatenate([v[0] for v in vectors])
            vals = np.concatenate([v[1] for v in vectors]).astype(np.float64)
            kinds, factor2 = self._weigh(ids)
            owner = np.repeat(np.arange(len(vectors)), lengths)
            out[:, :N_KINDS] = np.bincount(owner * N_KINDS + kinds, weights=vals * vals * factor2,
                                           minlength=len(vectors) * N_KINDS).reshape(len(vectors), N_KINDS)
        out[:, N_KINDS] = np.einsum("ij,ij->i", emb, emb).astype(np.float64)
        return out

    def _all_pair_d(self, vectors: Sequence[tuple[np.ndarray, np.ndarray]], emb: np.ndarray) -> np.ndarray:
        """The ``(k, k, features)`` ``D`` vectors of every pair of ``vectors`` (zero on the diagonal): pair by
        pair for a few short vectors, else one sparse product (see ``SPARSE_PRODUCT_MIN_COPIES``)."""
        k = len(vectors)
        d = np.zeros((k, k, N_KINDS + 1))
        if sum(len(v[0]) for v in vectors) * (k - 1) // 2 < S.SPARSE_PRODUCT_MIN_COPIES:
            iu = np.triu_indices(k, 1)
            pair_d = self._pair_d(vectors, emb, vectors, emb, np.stack(iu, axis=1))
            d[iu], d[iu[1], iu[0]] = pair_d, pair_d
            return d
        d[:, :, :N_KINDS] = V.all_pair_dots(vectors, self._weigh, N_KINDS, len(self.vocab) + 1)
        d[:, :, N_KINDS] = (emb @ emb.T).astype(np.float64)
        d[np.arange(k), np.arange(k)] = 0.0
        return d

    def _nodes_d(self, own: list[_Node], nodes: list[_Node], missing: list[tuple[int, int]]) -> list[np.ndarray]:
        """``D`` vectors of (own[side], nodes[c]) pairs: one at a time when few, else the neighbours of each
        side looked up in its parts at once (:func:`~storyline.cluster.sums.one_to_many_dots`)."""
        if len(missing) < S.BULK_DOTS:
            return [self._node_d(own[side], nodes[c]) for side, c in missing]
        out: list[np.ndarray] = [np.empty(0)] * len(missing)
        for side in (0, 1):
            at = [k for k, (s, _) in enumerate(missing) if s == side]
            if not at:
                continue
            others = [nodes[missing[k][1]] for k in at]
            right = [o.sums() for o in others]
            block = np.empty((len(at), N_KINDS + 1))
            block[:, :N_KINDS] = sum(V.one_to_many_dots(ids, vals, right, self._weigh, N_KINDS)
                                     for ids, vals in own[side].few_parts())
            block[:, N_KINDS] = np.stack([o.emb for o in others]) @ own[side].emb
            for j, k in enumerate(at):
                out[k] = block[j]
        return out

    def _node_d(self, a: _Node, b: _Node) -> np.ndarray:
        if len(a.parts) < len(b.parts):
            a, b = b, a
        ib, vb = b.sums()
        d = sum(V.dot(ia, va, ib, vb, self._weigh, N_KINDS) for ia, va in a.few_parts())
        return np.append(d, float(np.dot(a.emb, b.emb)))

    # --- agglomeration --------------------------------------------------------------------------------

    def _agglomerate(self, nodes: list[_Node], edges: list[tuple[int, int, np.ndarray]], level: _Level,
                     fixed: bool = True, vetoed: list[tuple[int, list[int]]] | None = None) -> None:
        """Average-linkage agglomeration over the candidate graph: best pair first, until none clears the
        threshold. Nodes holding an existing group never merge with each other here (``fixed``). A pair
        kept apart by the earlier-date rule although it scored the threshold is noted in ``vetoed`` as
        (existing group, sides of the other node) when one of them holds an existing group."""
        if fixed:
            edges = [x for x in edges if nodes[x[0]].group < 0 or nodes[x[1]].group < 0]
        heap: list[tuple[float, int, int, int, int]] = []
        if edges:
            a_idx = np.array([x[0] for x in edges])
            b_idx = np.array([x[1] for x in edges])
            d = np.stack([x[2] for x in edges])
            n = np.array([nd.n for nd in nodes], dtype=np.float64)
            has = np.stack([nd.has for nd in nodes])
            z = level.scores(d, n[a_idx], n[b_idx], has[a_idx], has[b_idx])
            for (a, b, dv), za in zip(edges, z.tolist(), strict=True):
                nodes[a].nbrs[b] = dv
                nodes[b].nbrs[a] = dv
                if za >= level.threshold:
                    heap.append((-za, min(a, b), max(a, b), 0, 0))
        heapq.heapify(heap)
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            na, nb = nodes[a], nodes[b]
            if not (na.alive and nb.alive) or na.version != va or nb.version != vb:
                continue
            if (na.earlier and na.earlier & nb.own) or (nb.earlier and nb.earlier & na.own):
                # One side dates the other's happening as earlier: it reports a later one.
                if vetoed is not None and (na.group >= 0) != (nb.group >= 0):
                    g, other = (na, nb) if na.group >= 0 else (nb, na)
                    vetoed.append((g.group, list(other.sides)))
                continue
            # The node with an existing group (else the earlier one) absorbs the other.
            if nb.group >= 0 or (na.group < 0 and b < a):
                a, b, na, nb = b, a, nb, na
            merged: dict[int, np.ndarray] = {}
            missing: list[tuple[int, int]] = []  # (0 for na / 1 for nb, neighbour) pairs to compute
            for c in na.nbrs.keys() | nb.nbrs.keys():
                if c in (a, b):
                    continue
                nc = nodes[c]
                if fixed and nc.group >= 0 and (na.group >= 0 or nb.group >= 0):
                    nc.nbrs.pop(a, None)
                    nc.nbrs.pop(b, None)
                    continue
                da = na.nbrs.get(c)
                db = nb.nbrs.get(c)
                if da is None:
                    missing.append((0, c))
                    da = 0.0
                if db is None:
                    missing.append((1, c))
                    db = 0.0
                merged[c] = da + db
            if missing:
                for (_, c), d in zip(missing, self._nodes_d([na, nb], nodes, missing), strict=True):
                    merged[c] = merged[c] + d
            na.parts.extend(nb.parts)
            na.emb = na.emb + nb.emb
            na.n += nb.n
            na.has = na.has + nb.has
            na.sides.extend(nb.sides)
            na.own = na.own | nb.own
            na.earlier = na.earlier | nb.earlier
            if na.group < 0:
                na.group = nb.group
            na.version += 1
            nb.alive = False
            nb.nbrs = {}
            nb.parts = []
            na.nbrs = merged
            if not merged:
                continue
            cs = list(merged)
            for c in cs:
                nc = nodes[c]
                nc.nbrs.pop(b, None)
                nc.nbrs[a] = merged[c]
            d = np.stack([merged[c] for c in cs])
            n_c = np.array([nodes[c].n for c in cs], dtype=np.float64)
            has_c = np.stack([nodes[c].has for c in cs])
            z = level.scores(d, float(na.n), n_c, na.has[None, :], has_c)
            for c, zc in zip(cs, z.tolist(), strict=True):
                if zc >= level.threshold:
                    lo, hi = (a, c) if a < c else (c, a)
                    heapq.heappush(heap, (-zc, lo, hi, nodes[lo].version, nodes[hi].version))

    # --- one batch ------------------------------------------------------------------------------------

    def _cluster_in_chunks(self, units: list[_Side]) -> None:
        """Cluster units at most ``BATCH_UNITS_MAX`` at a time: a batch's new events are compared with each
        other all pairs at once (:meth:`_cluster_storylines`), so one huge batch would need memory in the
        square of its size. Settling makes the result depend little on where the chunks end."""
        for start in range(0, len(units), S.BATCH_UNITS_MAX):
            self._cluster(units[start : start + S.BATCH_UNITS_MAX])

    def _cluster(self, units: list[_Side]) -> None:
        if not units:
            return
        self._vetoed: dict[int, int] = {}  # unit -> an earlier event the earlier-date rule kept it out of
        unit_event, candidates, _, queries = self._cluster_events(units)
        kept, ejected = self._eject(units, unit_event)
        if ejected:
            # What left an event is placed again, against everything now known (it cannot rejoin the event it
            # left: that event is unchanged and scored it below the threshold).
            ev2, cand2, _, q2 = self._cluster_events(ejected)
            units = [units[k] for k in kept] + ejected
            unit_event = [unit_event[k] for k in kept] + ev2
            candidates = [candidates[k] for k in kept] + cand2
            queries = [queries[k] for k in kept] + q2
            unit_event = [int(self.events_.root[e]) for e in unit_event]
        self._cluster_storylines(units, unit_event, candidates)
        unit_event = [int(self.events_.root[e]) for e in unit_event]
        self._explain_units(units, unit_event)
        for u in range(len(units)):
            self._index(int(self.events_.root[unit_event[u]]), queries[u])
        self._refresh_storyline_index()

    def _refresh_storyline_index(self) -> None:
        """File the storylines changed in this batch under their mean embeddings (dead ones leave)."""
        sl = self.storylines_
        changed = sorted(sl.changed)
        sl.changed.clear()
        self._unsettled.update(changed)
        live = [s for s in changed if sl.alive(s)]
        for s in changed:
            if not sl.alive(s):
                self._storyline_index.remove(s)
        if live:
            self._storyline_index.put_many(live, sl.emb[live] / sl.n[live][:, None])

    def _cluster_events(self, units: list[_Side]
                        ) -> tuple[list[int], list[list[int]], list[tuple[int, int]], list[np.ndarray]]:
        """Place the batch's units in events; returns each unit's event, its candidate events, the
        unit pairs that were compared, and each unit's query terms."""
        ev = self.events_
        level = self._event_level
        queries = [self._query_terms(u) for u in units]
        candidates = self._index_candidates(queries)
        forced: dict[int, int] = {}
        for k, unit in enumerate(units):
            fam = self._family_of[unit.members[0]]
            if fam is not None and fam in self._family_event:
                forced[k] = int(ev.root[self._family_event[fam]])
        unit_pairs = self._batch_candidates(queries, self.settings.batch_candidates)
        # Nodes: the units, then every candidate event.
        cand_events = sorted({e for k, cs in enumerate(candidates) if k not in forced for e in cs} | set(forced.values()))
        slot = {e: len(units) + j for j, e in enumerate(cand_events)}
        nodes = [_Node(u.ids, u.vals, u.emb, u.n, u.has, -1, [k], u.own, u.earlier) for k, u in enumerate(units)]
        nodes += [_Node(ev.ids[e], ev.vals[e], ev.emb[e].copy(), int(ev.n[e]), ev.has[e].copy(), e, [],
                        set(ev.own[e]), set(ev.earlier[e])) for e in cand_events]
        for k, e in forced.items():  # a later member of a known family joins its event, whatever its text
            node = nodes[slot[e]]
            u = units[k]
            node.parts.append((u.ids, u.vals))
            node.emb, node.n, node.has = node.emb + u.emb, node.n + u.n, node.has + u.has
            node.own, node.earlier = node.own | u.own, node.earlier | u.earlier
            node.sides.append(k)
            nodes[k].alive = False
        edges: list[tuple[int, int, np.ndarray]] = []
        unit_event_d: list[tuple[int, int, np.ndarray]] = []  # (unit, candidate event, D)
        side_parts = [(u.ids, u.vals) for u in units]
        side_emb = np.stack([u.emb for u in units])
        ue_pairs = [(k, e) for k, cs in enumerate(candidates) if k not in forced for e in cs]
        if ue_pairs:
            right = [(ev.ids[e], ev.vals[e]) for e in cand_events]
            position = {e: j for j, e in enumerate(cand_events)}
            local = np.array([[k, position[e]] for k, e in ue_pairs], dtype=np.int64)
            d = self._pair_d(side_parts, side_emb, right, ev.emb[cand_events], local)
            for j, (k, e) in enumerate(ue_pairs):
                edges.append((k, slot[e], d[j]))
                unit_event_d.append((k, e, d[j]))
        uu = np.array([p for p in unit_pairs if p[0] not in forced and p[1] not in forced],
                      dtype=np.int64).reshape(-1, 2)
        if len(uu):
            d = self._pair_d(side_parts, side_emb, side_parts, side_emb, uu)
            edges += [(a, b, d[j]) for j, (a, b) in enumerate(uu.tolist())]
        vetoed: list[tuple[int, list[int]]] = []
        self._agglomerate(nodes, edges, level, vetoed=vetoed)
        for e, sides in vetoed:
            for k in sides:
                self._vetoed.setdefault(k, e)
        unit_event = [-1] * len(units)
        grown: list[int] = []
        for node in nodes:
            if not node.alive or not node.sides:
                continue
            sides = sorted(node.sides)
            members = [i for k in sides for i in units[k].members]
            lo, hi = _span([units[k] for k in sides])
            node_ids, node_vals = node.sums()
            if node.group >= 0:
                e = node.group
                ev.set_sums(e, node_ids, node_vals)
                ev.emb[e], ev.n[e], ev.has[e] = node.emb, node.n, node.has
                ev.members[e].extend(members)
                ev.own[e], ev.earlier[e] = node.own, node.earlier
                ev._widen(e, lo, hi)
                grown.append(e)
            else:
                e = ev.new(self.article_ids[members[0]], node_ids, node_vals, node.emb, node.n, node.has,
                           members, lo, hi, node.own, node.earlier)
            self._event_of[members] = e
            for k in sides:
                unit_event[k] = e
                fam = self._family_of[units[k].members[0]]
                if fam is not None:
                    self._family_event.setdefault(fam, e)
        self._merge_grown_events(grown, units, unit_event, unit_event_d)
        unit_event = [int(ev.root[e]) for e in unit_event]
        return unit_event, candidates, unit_pairs, queries

    def _eject(self, units: list[_Side], unit_event: list[int]) -> tuple[list[int], list[_Side]]:
        """Keep average linkage honest across batches: an earlier event that gained articles in this batch
        (and has at most ``EJECT_CHECK_MAX`` articles) is clustered again from its parts -- the new units and
        its earlier articles -- with every pair compared. If its parts now fall into several groups, the one
        holding its first article stays the event and the others leave, to be placed again.

        Within one batch, agglomeration merges the best pairs first; across batches an early merge was made
        without the articles that arrive later, which may show it wrong (A and C merged; then B, which belongs
        with A, arrives, and C no longer fits). Returns the indexes of the units that stay and the groups of
        parts that left, as new units (earlier articles leave their event's storyline too).
        """
        ev = self.events_
        level = self._event_level
        new_articles = {i for u in units for i in u.members}
        by_event: dict[int, list[int]] = {}
        for k, e in enumerate(unit_event):
            by_event.setdefault(int(ev.root[e]), []).append(k)
        left_units: set[int] = set()
        ejected: list[_Side] = []
        # First a bulk score of every new unit against the rest of its event; only events where one fits
        # loosely are clustered again (a new unit that sits well inside its event changes little; on the dev
        # files checking the earlier articles too changed no figure of the batching test and cost 3x).
        checked: list[tuple[int, list[int], list[int], list[int]]] = []  # event, movable units, articles, core
        # A unit the earlier-date rule kept out of an earlier event it resembles: that event is clustered again
        # with it, so that the conflict is settled by all of them (the follow-up report, not the report that
        # came after it, ends up apart).
        forced: dict[int, list[int]] = {}
        for k, e in sorted(self._vetoed.items()):
            e = int(ev.root[e])
            if ev.alive(e) and self._family_of[units[k].members[0]] is None and int(ev.root[unit_event[k]]) != e:
                forced.setdefault(e, []).append(k)
        for e in forced:
            by_event.setdefault(e, [])
        for e in sorted(by_event):
            old = [i for i in ev.members[e] if i not in new_articles]
            if e in forced:
                if ev.n[e] > S.EJECT_CHECK_MAX:
                    continue
            elif not old or ev.n[e] < 3 or ev.n[e] > S.EJECT_CHECK_MAX:
                continue  # new events are the agglomeration's own result already
            # Families stay whole, with the event: their earlier articles and new members are one fixed core.
            core = [i for i in old if self._family_of[i] is not None]
            core += [i for k in by_event[e] if self._family_of[units[k].members[0]] is not None
                     for i in units[k].members]
            movable = [k for k in by_event[e] if self._family_of[units[k].members[0]] is None]
            checked.append((e, movable + forced.get(e, []), [i for i in old if self._family_of[i] is None], core))
        if not checked:
            return list(range(len(units))), []
        left: list[tuple[np.ndarray, np.ndarray]] = []
        emb_rows: list[np.ndarray] = []
        n_list: list[float] = []
        has_rows: list[np.ndarray] = []
        owner: list[int] = []
        owner_unit: list[int] = []
        for j, (_, movable, _, _) in enumerate(checked):
            for k in movable:
                owner_unit.append(k)
                u = units[k]
                left.append((u.ids, u.vals))
                emb_rows.append(u.emb)
                n_list.append(float(u.n))
                has_rows.append(u.has)
                owner.append(j)
        if not left:
            return list(range(len(units))), []
        events = [checked[j][0] for j in owner]
        left_emb = np.stack(emb_rows)
        idx = np.arange(len(left))
        right = [(ev.ids[e], ev.vals[e]) for e, *_ in checked]
        d_all = self._pair_d(left, left_emb, right, ev.emb[[e for e, *_ in checked]],
                             np.stack([idx, np.asarray(owner)], axis=1))
        d_self = self._self_d(left, left_emb)
        n = np.asarray(n_list)
        has = np.stack(has_rows)
        # A unit brought in from outside (forced) is not part of the event: nothing of it to take away.
        inside = np.array([k not in forced.get(checked[j][0], ()) for j, k in zip(owner, owner_unit, strict=True)])
        z = level.scores(d_all - inside[:, None] * d_self, n, ev.n[events].astype(np.float64) - inside * n, has,
                         ev.has[events] - inside[:, None] * has)
        loose = {owner[k] for k in np.flatnonzero(z < level.threshold + S.REGROUP_MARGIN).tolist()}
        loose |= {j for j, (e, *_) in enumerate(checked) if e in forced}
        moved: set[int] = set()  # units already moved in or out by an earlier check of this batch
        for j in sorted(loose):
            e, movable, singles, core = checked[j]
            # A unit the earlier-date rule kept out of this event sits in another event that may be checked
            # too: whichever check comes first moves it, and the other leaves it be (moving it twice would take
            # it out of an event it has left and place it in two).
            parts: list[tuple[int, _Side]] = [(k, units[k]) for k in movable if k not in moved]
            parts += [(-1, self._side_of([i])) for i in singles]
            if core:
                parts.append((-2, self._side_of(core)))
            if len(parts) < 2:
                continue
            groups = self._regroup([p for _, p in parts], level)
            if len(groups) == 1:
                continue
            first = min(ev.members[e], key=lambda i: (_day_key(self._days[i]), self.article_ids[i]))
            stay = next(g for g in groups if any(first in parts[q][1].members for q in g))
            outside = set(forced.get(e, ()))  # units placed elsewhere, brought in for this check
            for g in groups:
                if g is stay:
                    for q in g:
                        k, part = parts[q]
                        if k in outside:  # it belongs here after all: move it in
                            self._take_out(int(ev.root[unit_event[k]]), part, from_storyline=False)
                            self._put_in(e, part)
                            unit_event[k] = e
                            moved.add(k)
                    continue
                if any(parts[q][0] == -2 for q in g):
                    continue  # a family core stays
                for q in g:
                    k, part = parts[q]
                    # New units are not in the storyline's sums yet (storylines come after events).
                    self._take_out(int(ev.root[unit_event[k]]) if k in outside else e, part, from_storyline=k < 0)
                    if k >= 0:
                        left_units.add(k)
                        moved.add(k)
                members = [i for q in g for i in parts[q][1].members]
                ejected.append(self._side_of(members))
        kept = [k for k in range(len(units)) if k not in left_units]
        ejected.sort(key=lambda u: u.order)
        return kept, ejected

    def _regroup_storylines(self, touched: list[int], cap: int = S.EVENT_SETTLE_MAX) -> None:
        """Each touched storyline of at most ``cap`` articles is clustered again from its events alone (kept
        whole), all pairs compared; if they now fall apart (by ``STORYLINE_SPLIT_MARGIN`` below the
        threshold), the part holding its first event stays and each other part becomes a storyline of its
        own, which may then join another storyline (:meth:`_join_storylines`). What settling does where a
        neighbourhood is too large to be clustered again whole (:meth:`_resettle_storylines`)."""
        ev, sl = self.events_, self.storylines_
        level = self._storyline_level
        parts: list[int] = []
        for s in touched:
            if not sl.alive(s) or len(sl.members[s]) < 2 or sl.n[s] > cap:
                continue
            events = self._nonempty(sl.members[s])
            if len(events) < 2:
                continue
            # No earlier-date veto: a follow-up belongs to the storyline.
            labels = mean_of_max_clusters(self._cross_scores(events, events, level), ev.n[events],
                                          level.threshold - S.STORYLINE_SPLIT_MARGIN)
            by_label: dict[int, list[int]] = {}
            for j, lab in enumerate(labels.tolist()):
                by_label.setdefault(lab, []).append(j)
            groups = list(by_label.values())
            if len(groups) == 1:
                continue
            first = min(range(len(events)), key=lambda j: min(
                (_day_key(self._days[i]), self.article_ids[i]) for i in ev.members[events[j]]))
            for g in groups:
                if first in g:
                    continue
                moved = [events[j] for j in g]
                for e in moved:
                    sl.add(s, ev.ids[e], ev.vals[e], ev.emb[e], int(ev.n[e]), ev.has[e], [e], float(ev.lo[e]),
                           float(ev.hi[e]), sign=-1.0)
                ids, vals = V.add_many([(ev.ids[e], ev.vals[e]) for e in moved])
                lo = ev.lo[moved]
                hi = ev.hi[moved]
                new = sl.new(self._storyline_key(moved), ids, vals, ev.emb[moved].sum(axis=0), int(ev.n[moved].sum()),
                             ev.has[moved].sum(axis=0), moved,
                             float(np.nanmin(lo)) if not np.all(np.isnan(lo)) else math.nan,
                             float(np.nanmax(hi)) if not np.all(np.isnan(hi)) else math.nan)
                ev.parent[moved] = new
                parts.append(new)
            members = [i for e in sl.members[s] for i in ev.members[e]]
            days = self._days[members]
            days = days[~np.isnan(days)]
            sl.lo[s], sl.hi[s] = (days.min(), days.max()) if len(days) else (math.nan, math.nan)
            parts.append(s)
        self._join_storylines(parts)

    def _storyline_neighbours(self, parts: list[int]) -> dict[int, set[int]]:
        """The live storylines near each of ``parts``: those its mean embedding finds in the storyline index
        and those its events' summed terms find through the inverted index."""
        ev, sl = self.events_, self.storylines_
        near: dict[int, set[int]] = {s: set() for s in parts}
        means = sl.emb[parts] / sl.n[parts][:, None]
        for s, found in zip(parts, self._storyline_index.query_many(means, S.ANN_CANDIDATES), strict=True):
            near[s].update(int(sl.root[x]) for x in found if sl.alive(int(sl.root[x])))
        queries, owner = [], []
        for s in parts:
            # Its largest events speak for it: a storyline of hundreds of events would cost an index look-up
            # each, and the small ones mostly find what the large ones do.
            events = sorted(self._nonempty(sl.members[s]), key=lambda e: (-int(ev.n[e]), e))
            for e in events[: S.STORYLINE_NEIGHBOUR_EVENTS]:
                side = _Side(ev.ids[e], ev.vals[e], ev.emb[e], int(ev.n[e]), ev.has[e], [], math.nan, math.nan)
                queries.append(self._query_terms(side, S.STORYLINE_QUERY_TERMS, S.STORYLINE_QUERY_WORDS))
                owner.append(s)
        for s, found in zip(owner, self._index_candidates(queries), strict=True):
            for c in found:
                p = int(ev.parent[int(ev.root[c])])
                if p >= 0 and sl.alive(int(sl.root[p])):
                    near[s].add(int(sl.root[p]))
        for s in parts:
            near[s].discard(s)
        return near

    def _resettle_storylines(self, touched: list[int]) -> None:
        """Cut the storylines around ``touched`` again from their events, as one batch would.

        Mean-of-max agglomeration depends on the order of its merges, and online those follow the order the
        articles came in: on ecbplus.dev, in ten shuffled batches, one killing joined another topic's shooting
        before the shooting's other events had arrived. Here the touched storylines and their neighbours
        (:meth:`_storyline_neighbours`), in connected groups, are clustered again from their events alone, all
        pairs compared, at most ``STORYLINE_SETTLE_EVENTS`` events at once (the touched storylines of a larger
        group are split and joined as in :meth:`_regroup_storylines`). New groups take the ids of the old
        storylines they share most articles with; an old storyline left without a group is absorbed by the
        one that took most of its articles (``last_storyline_merges``).
        """
        ev, sl = self.events_, self.storylines_
        level = self._storyline_level
        touched = sorted({int(sl.root[s]) for s in touched if sl.alive(int(sl.root[s]))})
        if not touched:
            return
        # The touched storylines and their neighbours, in connected groups: each is clustered again as one.
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        near = self._storyline_neighbours(touched)
        nodes = sorted({x for s in touched for x in (s, *near[s])})
        at = {x: k for k, x in enumerate(nodes)}
        links = [(at[s], at[x]) for s in touched for x in near[s]]
        rows, cols = (list(v) for v in zip(*links, strict=True)) if links else ([], [])
        graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(nodes), len(nodes)))
        _, component = connected_components(graph, directed=False)
        hoods: dict[int, list[int]] = {}
        for x, c in zip(nodes, component.tolist(), strict=True):
            hoods.setdefault(c, []).append(x)
        for hood in hoods.values():
            events = self._nonempty(sorted({int(ev.root[e]) for x in hood for e in sl.members[x]}))
            if len(events) > S.STORYLINE_SETTLE_EVENTS:
                self._regroup_storylines([x for x in hood if x in near])
                continue
            if len(events) < 2:
                continue
            empty = {x: [e for e in sl.members[x] if ev.n[e] == 0] for x in hood}
            labels = mean_of_max_clusters(self._cross_scores(events, events, level), ev.n[events], level.threshold)
            by_label: dict[int, list[int]] = {}
            for e, lab in zip(events, labels.tolist(), strict=True):
                by_label.setdefault(lab, []).append(e)
            groups = sorted(by_label.values())
            old_of = {e: int(sl.root[ev.parent[e]]) for e in events}
            if all(len({old_of[e] for e in g}) == 1 for g in groups) and len(groups) == len(hood):
                continue
            group_storyline = _match_groups(groups, old_of, lambda e: int(ev.n[e]))
            taken = set(group_storyline.values())
            placed: dict[int, int] = {}
            for j, g in enumerate(groups):
                ids, vals = V.add_many([(ev.ids[e], ev.vals[e]) for e in g])
                lo, hi = ev.lo[g], ev.hi[g]
                lo_v = float(np.nanmin(lo)) if not np.all(np.isnan(lo)) else math.nan
                hi_v = float(np.nanmax(hi)) if not np.all(np.isnan(hi)) else math.nan
                emb, n, has = ev.emb[g].sum(axis=0), int(ev.n[g].sum()), ev.has[g].sum(axis=0)
                x = group_storyline.get(j)
                if x is None:
                    x = sl.new(self._storyline_key(g), ids, vals, emb, n, has, g, lo_v, hi_v)
                else:
                    sl.replace(x, ids, vals, emb, n, has, g, lo_v, hi_v, set(), set())
                ev.parent[g] = x
                for e in g:
                    placed[e] = x
            for x in hood:
                if x not in taken:
                    counts = {}
                    for e in events:
                        if old_of[e] == x:
                            counts[placed[e]] = counts.get(placed[e], 0) + int(ev.n[e])
                    if not counts:
                        continue
                    into = min(counts, key=lambda y: (-counts[y], y))
                    self.last_storyline_merges[sl.keys[x]] = sl.keys[into]
                    sl.retire(x, into)
            for x, es in empty.items():
                if es:
                    home = int(sl.root[x])
                    sl.members[home].extend(es)
                    ev.parent[es] = home

    def _join_storylines(self, parts: list[int]) -> None:
        """Storylines split off another (or left by a split) may continue a third: each is compared, by
        mean-of-max linkage, with the storylines its events' terms and its mean embedding point to, and the
        best pairs that clear the threshold merge first. Without this a split could only ever fragment: on
        timeline17.dev (one batch) the settled storylines went from 75 to 94 for its 4 topics."""
        sl = self.storylines_
        level = self._storyline_level
        parts = sorted({int(sl.root[s]) for s in parts if sl.alive(int(sl.root[s]))})
        if not parts:
            return
        near = self._storyline_neighbours(parts)
        heap: list[tuple[float, int, int, int, int]] = []
        matrices: dict[tuple[int, ...], Any] = {}  # each storyline's events laid out once for all its pairs
        for s in parts:
            others = [o for o in sorted(near[s]) if o != s and sl.alive(o)]
            links = self._storyline_links(sl.members[s], [sl.members[o] for o in others], matrices)
            for o, z in zip(others, links, strict=True):
                if z >= level.threshold:
                    heap.append((-z, min(s, o), max(s, o), int(sl.version[s]), int(sl.version[o])))
        heapq.heapify(heap)
        while heap:
            _, a, b, va, vb = heapq.heappop(heap)
            a, b = int(sl.root[a]), int(sl.root[b])
            if a == b or not (sl.alive(a) and sl.alive(b)):
                continue
            if int(sl.version[a]) != va or int(sl.version[b]) != vb:
                # One side changed since: score it again.
                z = self._storyline_link(sl.members[a], sl.members[b])
                if z >= level.threshold:
                    heapq.heappush(heap, (-z, a, b, int(sl.version[a]), int(sl.version[b])))
                continue
            self._merge_storylines(a, b)

    def settle(self) -> list[str]:
        """Make each changed storyline's events what average linkage over all its articles' pairs gives, and
        its storyline what mean-of-max linkage over the events around it gives.

        Events are cut out of a storyline by agglomeration, and where a story is covered day after day
        (Timeline17's months of daily reports) where the cut falls depends on the order the articles came in:
        a merge made early cannot be taken back by the bounded second looks of :meth:`add_batch`. Settling
        clusters a storyline of at most ``EVENT_SETTLE_MAX`` articles again into events, every article pair
        compared (families kept whole, the earlier-date rule applied as in :meth:`_regroup`), so that its
        events depend on which articles it holds, not on the order or batches they came in. It costs the
        square of the storyline's size, so it is done once per run (the pipeline calls it after the last
        batch of an ingest), for the storylines changed since. Even one article more may move a cut: on
        Timeline17's largest storyline (1,461 articles) two late articles moved 114 others.

        The settled storylines and their neighbours are then cut again from their events, as one batch of
        them would be (:meth:`_resettle_storylines`), and the storylines that changed are settled in turn.

        Old events are matched to the new groups by most shared articles and keep their ids; an event left
        without articles is absorbed (its id resolves to the group that took most of them, see
        ``last_merges``; storylines likewise, ``last_storyline_merges``). Articles that changed event are
        explained again. Returns their ids.
        """
        self.last_merges, self.last_storyline_merges = {}, {}
        self._folded_memo = None
        with _batch_runtime():
            moved_set: set[int] = set()
            # Articles -> their settled groups, for this call: no article is added meanwhile, so the same articles
            # group the same way again (a storyline regrouped back to the articles it held is not clustered twice).
            settled_groups: dict[frozenset[int], tuple[list[list[int]], list[list[int]]]] = {}
            settled_storylines: set[int] = set()
            # A settled storyline is clustered again from its events; the parts it splits into are settled in
            # turn (any left after SETTLE_ROUNDS wait for the next call).
            for _ in range(S.SETTLE_ROUNDS):
                if not self._unsettled:
                    break
                changed, settled = self._settle_events(settled_groups)
                moved_set.update(changed)
                settled_storylines.update(settled)
                self._resettle_storylines(settled)
                self._refresh_storyline_index()
            refolded = self._fold_small_events(settled_storylines, settled_groups)
            moved = sorted(moved_set)
            if moved:
                sides = [self._side_of([i]) for i in moved]
                events = [int(self._event_of[i]) for i in moved]
                for x, e in zip(sides, events, strict=True):
                    self._index(e, self._query_terms(x))
            # Explained against the event they are shown in (a folded small event's articles, against the event
            # that took them).
            moved = sorted(moved_set.union(refolded))
            if moved:
                self._explain_units([self._side_of([i]) for i in moved], [int(self._event_of[i]) for i in moved])
        self._folded_memo = None
        return [self.article_ids[i] for i in moved]

    def _settle_events(self, known: dict[frozenset[int], tuple[list[list[int]], list[list[int]]]]
                       ) -> tuple[list[int], list[int]]:
        """Settle the events of the unsettled storylines: returns the articles that changed event and the
        storylines settled. ``known`` holds the groups of article sets already settled under today's idf."""
        ev, sl = self.events_, self.storylines_
        moved: list[int] = []
        todo = sorted({int(sl.root[s]) for s in self._unsettled})
        self._unsettled = set()
        for s in todo:
            if not sl.alive(s) or sl.n[s] > S.EVENT_SETTLE_MAX or sl.n[s] < 2:
                continue
            events = sorted(int(ev.root[e]) for e in sl.members[s])
            members = sorted((i for e in events for i in ev.members[e]),
                             key=lambda i: (_day_key(self._days[i]), self.article_ids[i]))
            key = frozenset(members)
            if key not in known:
                known[key] = self._settled_groups(members)
            groups = known[key][0]
            old_of = {i: e for e in events for i in ev.members[e]}
            if len(groups) == len(events) and all(len({old_of[i] for i in g}) == 1 for g in groups):
                continue
            group_event = _match_groups(groups, old_of, lambda i: 1)
            taken = set(group_event.values())
            new_members: list[int] = []
            for j, g in enumerate(groups):
                side = self._side_of(g)
                e = group_event.get(j)
                if e is None:
                    e = ev.new(self.article_ids[side.members[0]], side.ids, side.vals, side.emb, side.n, side.has,
                               list(side.members), side.lo, side.hi, side.own, side.earlier)
                    ev.parent[e] = s
                    self._index(e, self._query_terms(side))
                else:
                    ev.replace(e, side.ids, side.vals, side.emb, side.n, side.has, list(side.members), side.lo,
                               side.hi, side.own, side.earlier)
                    if self.article_index.get(ev.keys[e]) not in side.members:
                        self.last_merges[ev.keys[e]] = self.article_ids[side.members[0]]
                        ev.rename(e, self.article_ids[side.members[0]])
                new_members.append(e)
                changed = [i for i in g if old_of[i] != e]
                moved += changed
                self._event_of[g] = e
                for i in g:
                    fam = self._family_of[i]
                    if fam is not None:
                        self._family_event[fam] = e
            for e in events:
                if e not in taken:  # its articles all went to other groups: it is absorbed by the main one
                    counts = {}
                    for i in ev.members[e]:
                        counts[int(self._event_of[i])] = counts.get(int(self._event_of[i]), 0) + 1
                    if not counts:  # it had none left (they moved out in a batch): it stays, empty
                        new_members.append(e)
                        continue
                    into = min(counts, key=lambda x: (-counts[x], x))
                    self.last_merges[ev.keys[e]] = ev.keys[into]
                    ev.retire(e, into)
            sl.members[s] = new_members
        return moved, [s for s in todo if sl.alive(s)]

    def _fold_small_events(self, storylines: Iterable[int],
                           known: dict[frozenset[int], tuple[list[list[int]], list[list[int]]]]) -> list[int]:
        """Fold the small events of settled storylines into the events they score best against (the joins
        :meth:`_settled_groups` found with the cut, see :func:`_absorb_small`): returns the articles whose
        shown event changed.

        The events stay as the cut made them, inside: storylines are cut from events by mean-of-max linkage,
        each event's best match, and a lone article is often the best match of another that continues the
        story; merged into a large event, it no longer is (timeline17.dev's storylines fell from 0.965 to
        0.952 when the joins were merged events). A folded event is shown, listed, explained and titled as
        part of the event that took it (:meth:`_shown_of`); it takes new articles and is settled again as
        before. A storyline whose events are no longer the groups settled from its articles (it changed after
        its settling and the rounds ran out) has its events shown as they are.
        """
        ev, sl = self.events_, self.storylines_
        changed: list[int] = []
        for s in sorted({int(sl.root[x]) for x in storylines}):
            if not sl.alive(s):
                continue
            events = self._nonempty(sorted({int(ev.root[e]) for e in sl.members[s]}))
            found = known.get(frozenset(i for e in events for i in ev.members[e]))
            if found is None:
                continue  # not settled (larger than EVENT_SETTLE_MAX): its folds stay as they were
            fold: dict[int, int] = {}
            groups, joins = found
            if joins and {frozenset(ev.members[e]) for e in events} == {frozenset(g) for g in groups}:
                for js in joins:
                    # Shown under the largest event's id (ties: the older).
                    parts = sorted({int(self._event_of[groups[j][0]]) for j in js}, key=lambda e: (-int(ev.n[e]), e))
                    fold.update((e, parts[0]) for e in parts[1:])
            before = [self._shown_of(e) for e in events]
            for e in events:
                self._shown.pop(e, None)
            self._shown.update(fold)
            for e, was in zip(events, before, strict=True):
                if self._shown_of(e) != was:
                    changed += ev.members[e]
        return changed

    def _shown_of(self, e: int) -> int:
        """The event live event ``e`` is shown as: itself, or the event of its storyline its articles were
        folded into when it was settled (:meth:`_fold_small_events`), while both stay in one storyline."""
        ev, sl = self.events_, self.storylines_
        seen = {e}
        while True:
            into = self._shown.get(e)
            if into is None:
                return e
            into = int(ev.root[into])
            # Stale once either has left the storyline or died (batches move and merge events between settlings).
            if (into in seen or not ev.alive(into) or int(ev.parent[into]) < 0 or int(ev.parent[e]) < 0
                    or int(sl.root[ev.parent[into]]) != int(sl.root[ev.parent[e]])):
                return e
            seen.add(into)
            e = into

    def _folded(self, only: set[int] | None = None) -> dict[int, list[int]]:
        """Shown event -> the other live events shown as part of it (for the shown events in ``only``, if
        given: a batch explains its articles against a few events, and checking every fold costs ms)."""
        ev = self.events_
        out: dict[int, list[int]] = {}
        for e in sorted(self._shown):
            # A fold into an event that is itself folded may chain to one of ``only``: checked in full.
            if only is not None and int(ev.root[self._shown[e]]) not in only and self._shown[e] not in self._shown:
                continue
            if ev.alive(e):
                into = self._shown_of(e)
                if into != e and (only is None or into in only):
                    out.setdefault(into, []).append(e)
        return out

    def _shown_parts(self, e: int, folded: Mapping[int, list[int]] | None = None) -> list[int]:
        """The live events shown as event ``e`` (itself first). Without ``folded``, as of the last batch or
        settling (for the public calls: explaining and titling every changed event of a run asks once)."""
        if not self._shown:
            return [e]
        if folded is None:
            if self._folded_memo is None:
                self._folded_memo = self._folded()
            folded = self._folded_memo
        return [e, *folded.get(e, ())]

    def _settled_groups(self, members: list[int]) -> tuple[list[list[int]], list[list[int]]]:
        """Average-linkage clustering of articles (in C, scipy's) at the event threshold with every pair
        compared: the groups of articles. Near-duplicate families stay together; a pair where one dates
        the other's publication day as earlier is kept apart as in :meth:`_regroup`. Also returns the small
        groups' joins (lists of group indexes to merge, see :func:`_absorb_small`), made once the
        storylines are settled (:meth:`_fold_small_events`)."""
        from scipy.spatial.distance import squareform

        level = self._event_level
        z = self._pair_score_matrix(members, level)
        big = 1e3
        fam = [self._family_of[i] for i in members]
        by_family: dict[str, list[int]] = {}
        for j, f in enumerate(fam):
            if f is not None:
                by_family.setdefault(f, []).append(j)
        for js in by_family.values():
            if len(js) > 1:
                z[np.ix_(js, js)] += big
        # The earlier-date rule, through a day -> articles map rather than every pair in Python: a storyline of
        # 2,000 articles, most of them dating something earlier, would otherwise cost millions of set tests.
        owners: dict[int, list[int]] = {}
        for b, i in enumerate(members):
            for day in self._own_days([i]):
                owners.setdefault(day, []).append(b)
        for a, i in enumerate(members):
            early = self._earlier[i]
            if early:
                others = sorted({b for day in set(early) for b in owners.get(day, ()) if b != a})
                if others:
                    z[a, others] -= big
                    z[others, a] -= big
        labels = _average_linkage_cut(squareform(z, checks=False), level.threshold)
        out: dict[int, list[int]] = {}
        for lab, i in zip(labels.tolist(), members, strict=True):
            out.setdefault(lab, []).append(i)
        order = sorted(out, key=lambda lab: (_day_key(self._days[out[lab][0]]), self.article_ids[out[lab][0]]))
        groups = [out[lab] for lab in order]
        joins: list[list[int]] = []
        most = self.settings.small_event_max
        if most > 0 and len(groups) > 1:
            index = {lab: j for j, lab in enumerate(order)}
            together: dict[int, set[int]] = {}
            joined = _absorb_small(z, labels, most, self.settings.small_event_threshold)
            for lab, into in zip(labels.tolist(), joined.tolist(), strict=True):
                together.setdefault(into, set()).add(index[lab])
            joins = sorted(sorted(js) for js in together.values() if len(js) > 1)
        return groups, joins

    def _pair_score_matrix(self, members: list[int], level: _Level) -> np.ndarray:
        """The ``(n, n)`` scores of every pair of the given articles under one level: all weighted kinds in
        one sparse product (each term's value times the square root of its kind's weight; the weights of
        summed features are >= 0), plus the embedding and presence terms."""
        from scipy.sparse import csr_matrix

        n = len(members)
        ids = np.concatenate([self._all_terms[i] for i in members]).astype(np.int64)
        tf = np.concatenate([self._all_tf[i] for i in members]).astype(np.float64)
        rows = np.repeat(np.arange(n), [len(self._all_terms[i]) for i in members])
        kinds, f2 = self._weigh(ids)
        # Each article's terms are selected and weighed again under today's idf, exactly as a one-batch run
        # over today's library would: the weights stored at arrival were chosen under the idf of that day,
        # which drifts while a young library grows, and would make the settled events depend on arrival order.
        vals = tf * np.sqrt(f2)
        keep, norms, group = self._top_terms(rows, kinds, vals, n)
        ids, vals, rows, kinds, group = ids[keep], vals[keep], rows[keep], kinds[keep], group[keep]
        w = level.w_sum[kinds]
        keep = w > 0
        x = vals / norms[group] * np.sqrt(w)  # kept terms lie in groups of norm > 0

        def product(mask: np.ndarray) -> Any:
            m = csr_matrix((x[mask], (rows[mask], ids[mask])), shape=(n, len(self.vocab) + 1))
            return m @ m.T

        emb = self._emb[members].astype(np.float64)
        embedding = level.w_sum[N_KINDS] * (emb @ emb.T)
        if not level.linear:
            # The gates need the words-and-names part, the time part and the embedding part of each pair apart.
            shared_kinds = (kinds == _KIND["w"]) | (kinds == _KIND["e"])
            time_kind = kinds == level.time_col
            shared = product(keep & shared_kinds).toarray()
            # Few pairs share a time term (articles days apart do not), so the time part stays sparse and is
            # added and gated at its pairs only: the same sums, element by element, as on the dense square (a
            # pair without a time term gets ``+ 0.0`` and ``- 0.0`` there), without its n x n temporaries.
            time = product(keep & time_kind).tocoo()
            time.sum_duplicates()
            at = (time.row, time.col)
            z = shared.copy()
            z[at] += time.data
            z += product(keep & ~shared_kinds & ~time_kind).toarray()
            if level.time_gate > 0:
                z[at] -= level.time_cut(time.data, np.maximum(shared[at], 0.0))
            if level.embedding_gate > 0:
                z -= level.embedding_cut(embedding, np.maximum(shared, 0.0))
            z += embedding
        else:
            z = product(keep).toarray() + embedding
        present = np.zeros((n, N_KINDS))
        present[rows, kinds] = 1.0
        has = present[:, _PRESENCE_KINDS]
        z += (has * level.w_presence) @ has.T
        z += level.bias
        return z

    def _regroup(self, parts: list[_Side], level: _Level, veto: bool = True) -> list[list[int]]:
        """Average-linkage clustering of a few parts with every article pair compared (scipy's, in C): the
        groups of part indexes. A part's articles stay together; a pair where one dates the other's
        publication day as earlier never joins."""
        members = [i for p in parts for i in p.members]
        part_of = np.repeat(np.arange(len(parts)), [len(p.members) for p in parts])
        n = len(members)
        vecs = [(self._terms[i], self._weights[i]) for i in members]
        emb = self._emb[members]
        iu = np.triu_indices(n, 1)
        d = self._all_pair_d(vecs, emb)[iu]
        has = self._has[members]
        z = level.scores(d, 1.0, 1.0, has[iu[0]], has[iu[1]])
        big = 1e3
        z[part_of[iu[0]] == part_of[iu[1]]] += big
        own = [self._own_days([i]) for i in members] if veto else []
        for k, (a, b) in enumerate(zip(*iu, strict=True) if veto else ()):
            if (self._earlier[members[a]] and own[b] & set(self._earlier[members[a]])) or (
                    self._earlier[members[b]] and own[a] & set(self._earlier[members[b]])):
                z[k] -= big
        labels = _average_linkage_cut(z, level.threshold)
        groups: dict[int, set[int]] = {}
        for lab, p in zip(labels.tolist(), part_of.tolist(), strict=True):
            groups.setdefault(lab, set()).add(p)
        return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])

    def _side_of(self, members: list[int]) -> _Side:
        members = sorted(members, key=lambda i: (_day_key(self._days[i]), self.article_ids[i]))
        ids, vals = self._sum_of(members)
        days = self._days[members]
        dated = days[~np.isnan(days)]
        return _Side(
            ids=ids, vals=vals, emb=self._emb[members].sum(axis=0), n=len(members),
            has=self._has[members].sum(axis=0), members=members,
            lo=float(dated.min()) if len(dated) else math.nan, hi=float(dated.max()) if len(dated) else math.nan,
            order=(_day_key(days[0]), self.article_ids[members[0]]),
            own=self._own_days(members), earlier={d for i in members for d in self._earlier[i]},
        )

    def _put_in(self, e: int, part: _Side) -> None:
        """Add a part to event ``e`` (its storyline gains it with the batch's other new articles)."""
        ev = self.events_
        ev.add(e, part.ids, part.vals, part.emb, part.n, part.has, list(part.members), part.lo, part.hi)
        ev.own[e] |= part.own
        ev.earlier[e] |= part.earlier
        self._event_of[part.members] = e

    def _take_out(self, e: int, part: _Side, from_storyline: bool) -> None:
        """Remove a part from event ``e`` (and from the event's storyline when it was counted there)."""
        ev, sl = self.events_, self.storylines_
        ev.add(e, part.ids, part.vals, part.emb, part.n, part.has, part.members, part.lo, part.hi, sign=-1.0)
        members = ev.members[e]
        ev.own[e] = self._own_days(members)
        ev.earlier[e] = {d for i in members for d in self._earlier[i]}
        days = self._days[members]
        days = days[~np.isnan(days)]
        ev.lo[e], ev.hi[e] = (days.min(), days.max()) if len(days) else (math.nan, math.nan)
        p = int(ev.parent[e])
        if p >= 0 and from_storyline:
            p = int(sl.root[p])
            sl.add(p, part.ids, part.vals, part.emb, part.n, part.has, [], part.lo, part.hi, sign=-1.0)
        self._event_of[part.members] = -1
        if self.article_index.get(ev.keys[e]) in part.members and members:
            # The article the event was named after left: the event takes the name of its earliest member.
            first = min(members, key=lambda i: (_day_key(self._days[i]), self.article_ids[i]))
            self.last_merges[ev.keys[e]] = self.article_ids[first]
            ev.rename(e, self.article_ids[first])
        for i in part.members:
            fam = self._family_of[i]
            if fam is not None and self._family_event.get(fam) == e:
                del self._family_event[fam]

    def _merge_grown_events(self, grown: list[int], units: list[_Side], unit_event: list[int],
                            unit_event_d: list[tuple[int, int, np.ndarray]]) -> None:
        """An earlier event that gained articles may now resemble another earlier event on average: check
        it against the ``merge_candidates`` events its new articles scored best with, and merge."""
        ev = self.events_
        level = self._event_level
        grown_set = set(grown)
        best: dict[int, dict[int, float]] = {}
        for k, target, d in unit_event_d:
            own = unit_event[k]
            if own not in grown_set or target == own:
                continue
            u = units[k]
            z = level.score(d, u.n, float(ev.n[target]), u.has, ev.has[target])
            row = best.setdefault(own, {})
            row[target] = max(row.get(target, -math.inf), z)
        for e0 in sorted(best):
            e = int(ev.root[e0])
            ranked = sorted(best[e0].items(), key=lambda kv: (-kv[1], kv[0]))[: self.settings.merge_candidates]
            for other, _ in ranked:
                other = int(ev.root[other])
                if other == e or not ev.alive(other) or not ev.alive(e):
                    continue
                if ev.earlier[e] & ev.own[other] or ev.earlier[other] & ev.own[e]:
                    continue
                if self._group_score(ev, e, other, level) < level.threshold:
                    continue
                # Two events of different storylines merge only if their storylines would: events lie inside
                # storylines, and one loose pair of events must not join two large stories.
                sa, sb = int(ev.parent[e]), int(ev.parent[other])
                if sa >= 0 and sb >= 0:
                    sa, sb = int(self.storylines_.root[sa]), int(self.storylines_.root[sb])
                    sl = self.storylines_
                    if sa != sb and self._storyline_link(sl.members[sa], sl.members[sb]) < (
                            self._storyline_level.threshold):
                        continue
                e = self._merge_events(e, other)

    def _group_score(self, groups: Groups, a: int, b: int, level: _Level) -> float:
        pa = groups.probe(a, self._weigh, GROUP_PROBE_TERMS)
        pb = groups.probe(b, self._weigh, GROUP_PROBE_TERMS)
        d = V.dot(pa[0], pa[1], pb[0], pb[1], self._weigh, N_KINDS)
        d = np.append(d, float(np.dot(groups.emb[a], groups.emb[b])))
        return level.score(d, float(groups.n[a]), float(groups.n[b]), groups.has[a], groups.has[b])

    def _merge_events(self, a: int, b: int) -> int:
        """Merge two live events; the older one (lower index) absorbs the other and keeps its id. Their
        storylines merge too (an event lies in one storyline). Folds from or into either are dropped (the
        next settling folds again): kept, two merges could chain them into a loop."""
        ev, sl = self.events_, self.storylines_
        if b < a:
            a, b = b, a
        if self._shown:
            self._shown = {e: r for e, r in self._shown.items()
                           if e not in (a, b) and int(ev.root[r]) not in (a, b)}
        pa, pb = int(ev.parent[a]), int(ev.parent[b])
        if pa >= 0 and pb >= 0:
            pa, pb = int(sl.root[pa]), int(sl.root[pb])
            if pa != pb:
                pa = self._merge_storylines(pa, pb)
            sl.members[pa] = [e for e in sl.members[pa] if e != b]
        elif pb >= 0:
            # b's articles are in b's storyline already; a joins it.
            pb = int(sl.root[pb])
            sl.add(pb, ev.ids[a], ev.vals[a], ev.emb[a], int(ev.n[a]), ev.has[a], [], float(ev.lo[a]),
                   float(ev.hi[a]))
            sl.members[pb] = [a if e == b else e for e in sl.members[pb]]
            ev.parent[a] = pb
        elif pa >= 0:
            pa = int(sl.root[pa])
            sl.add(pa, ev.ids[b], ev.vals[b], ev.emb[b], int(ev.n[b]), ev.has[b], [], float(ev.lo[b]),
                   float(ev.hi[b]))
        self.last_merges[ev.keys[b]] = ev.keys[a]
        members_b = list(ev.members[b])
        ev.absorb(a, b)
        self._event_of[members_b] = a
        return a

    def _storyline_key(self, events: list[int]) -> str:
        """The id of a new storyline: that of its first event, unless a live storyline has it already (its
        namesake event may have left it, or an article that started both may have moved), then that of its
        next event, and so on. Two live storylines never share an id."""
        ev, sl = self.events_, self.storylines_
        for e in events:
            if not sl.key_in_use(ev.keys[e]):
                return ev.keys[e]
        base = ev.keys[events[0]]
        k = 2
        while sl.key_in_use(f"{base}~{k}"):
            k += 1
        return f"{base}~{k}"

    def _merge_storylines(self, a: int, b: int) -> int:
        sl, ev = self.storylines_, self.events_
        a, b = int(sl.root[a]), int(sl.root[b])
        if a == b:
            return a
        if b < a:
            a, b = b, a
        events_b = list(sl.members[b])
        self.last_storyline_merges[sl.keys[b]] = sl.keys[a]
        sl.absorb(a, b)
        ev.parent[events_b] = a
        return a

    # --- storylines -----------------------------------------------------------------------------------

    def _cross_scores(self, left: Sequence[int], right: Sequence[int], level: _Level,
                      right_groups: Groups | None = None) -> np.ndarray:
        """Scores under ``level`` of every (left event, right event) pair -- or, with ``right_groups``, of
        every (left event, right group) pair -- average linkage over their articles, from sums (gated, the
        gate applies to the means)."""
        ev = self.events_
        rg = right_groups or ev
        left, right = list(left), list(right)
        if level.time_gate <= 0:
            return self._sparse_cross_scores(left, right, level, rg)
        d = np.empty((len(left), len(right), N_KINDS + 1))
        d[:, :, :N_KINDS] = V.cross_dots([(ev.ids[e], ev.vals[e]) for e in left],
                                         [(rg.ids[g], rg.vals[g]) for g in right], self._weigh, N_KINDS,
                                         len(self.vocab) + 1)
        d[:, :, N_KINDS] = (ev.emb[left] @ rg.emb[right].T).astype(np.float64)
        n_l, n_r = ev.n[left].astype(np.float64), rg.n[right].astype(np.float64)
        return level.scores(d, n_l[:, None], n_r[None, :], ev.has[left][:, None, :], rg.has[right][None, :, :])

    def _nonempty(self, events: Sequence[int]) -> list[int]:
        """The events that hold articles: an event whose articles all moved out stays in its storyline's list
        until it gains some again."""
        n = self.events_.n
        return [e for e in events if n[e] > 0]

    def _sparse_cross_scores(self, left: list[int], right: list[int], level: _Level, rg: Groups,
                             m_left: tuple[Any, ...] | None = None, m_right: tuple[Any, ...] | None = None
                             ) -> np.ndarray:
        """:meth:`_cross_scores` for a level without a time gate, by sparse products of the sides'
        :meth:`_term_matrices` (``m_left`` / ``m_right`` if already built), without the ``(k, k, features)``
        array: one product for a linear level; with an embedding gate, one for the words and names terms the
        gate reads and one for the rest (the gate is applied in place: a chunk of 4M scores holds about four
        matrices of its size at once)."""
        if level.time_gate > 0:
            raise ValueError("a level with a time gate is scored by _cross_scores' dense path")
        ev = self.events_
        if m_left is None:
            m_left = self._term_matrices(ev, left, level)
        if m_right is None:
            m_right = m_left if rg is ev and right == left else self._term_matrices(rg, right, level)
        nn = np.outer(ev.n[left].astype(np.float64), rg.n[right].astype(np.float64))
        embedding = ev.emb[left].astype(np.float64) @ rg.emb[right].astype(np.float64).T
        embedding *= level.w_sum[N_KINDS]
        if len(m_left) == 1:
            z = (m_left[0] @ m_right[0].T).toarray()
            z += embedding
        else:
            shared = (m_left[0] @ m_right[0].T).toarray()
            z = (m_left[1] @ m_right[1].T).toarray()
            z += shared
            z += embedding
        z += (ev.has[left] * level.w_presence) @ rg.has[right].T
        z /= nn
        z += level.bias
        if len(m_left) > 1:
            # level.gate(z, 0, shared / nn, embedding / nn), without its temporaries
            embedding /= nn
            shared /= nn
            np.maximum(shared, 0.0, out=shared)
            shared /= level.embedding_gate
            np.minimum(shared, 1.0, out=shared)
            np.subtract(1.0, shared, out=shared)
            embedding *= shared
            z -= embedding
        return z

    def _term_matrices(self, groups: Groups, which: list[int], level: _Level) -> tuple[Any, ...]:
        """A sparse row per group of its summed terms, each value times the square root of its kind's weight
        under ``level``: the product of two such matrices sums the weighted term dot products. One matrix for
        a linear level; for a gated one, the words and names terms and the rest apart."""
        from scipy.sparse import csr_matrix

        lengths = np.array([len(groups.ids[g]) for g in which], dtype=np.int64)
        ids = np.concatenate([groups.ids[g] for g in which] or [V.EMPTY_IDS]).astype(np.int64)
        vals = np.concatenate([groups.vals[g] for g in which] or [V.EMPTY_VALS]).astype(np.float64)
        kinds, factor2 = self._weigh(ids)
        x = vals * np.sqrt(factor2 * level.w_sum[kinds])
        shape = (len(which), len(self.vocab) + 1)

        def rows_of(data: np.ndarray, columns: np.ndarray, counts: np.ndarray) -> Any:
            # A group's ids are sorted and distinct: its row is laid out as it is, without the sort a
            # (rows, ids) construction would make.
            indptr = np.zeros(len(counts) + 1, dtype=np.int64)
            np.cumsum(counts, out=indptr[1:])
            return csr_matrix((data, columns, indptr), shape=shape)

        if level.linear:
            return (rows_of(x, ids, lengths),)
        rows = np.repeat(np.arange(len(which), dtype=np.int64), lengths)
        shared = (kinds == _W) | (kinds == _E)
        return tuple(rows_of(x[m], ids[m], np.bincount(rows[m], minlength=len(which))) for m in (shared, ~shared))

    def _storyline_link(self, a: Sequence[int], b: Sequence[int]) -> float:
        """Mean-of-max linkage (see :mod:`storyline.cluster.linkage`) of two sets of events (emptied ones,
        whose articles all left, are left out)."""
        return self._storyline_links(a, [b])[0]

    def _storyline_links(self, a: Sequence[int], others: Sequence[Sequence[int]],
                         matrices: dict[tuple[int, ...], Any] | None = None) -> list[float]:
        """:meth:`_storyline_link` of ``a`` with each of ``others``, from few matrices of scores: a storyline
        of hundreds of events is then laid out once, not once per neighbour (on bench/cluster.py's corpus the
        final settle spent most of its storyline half rebuilding the same storylines' matrices). The
        neighbours are taken a chunk at a time so that a matrix holds at most ``LINK_MATRIX_MAX`` scores.
        ``matrices`` keeps each set of events' :meth:`_term_matrices` for the next call (a storyline is the
        neighbour of many)."""
        from scipy.sparse import vstack

        level = self._storyline_level
        ev = self.events_

        def term_matrices(events: list[int]) -> tuple[Any, ...]:
            key = tuple(events)
            m = matrices.get(key) if matrices is not None else None
            if m is None:
                m = self._term_matrices(ev, events, level)
                if matrices is not None:
                    matrices[key] = m
            return m

        a = self._nonempty(a)
        blocks = [self._nonempty(b) for b in others]
        out = [-math.inf] * len(blocks)
        if not a:
            return out
        n = self.events_.n
        n_a = n[a].astype(np.float64)
        todo = [j for j, b in enumerate(blocks) if b]
        while todo:
            chunk, width = [], 0
            while todo and (not chunk or (width + len(blocks[todo[0]])) * len(a) <= S.LINK_MATRIX_MAX):
                chunk.append(todo.pop(0))
                width += len(blocks[chunk[-1]])
            right = [e for j in chunk for e in blocks[j]]
            if level.time_gate > 0:
                z = self._cross_scores(a, right, level)
            else:
                m_right = term_matrices(blocks[chunk[0]]) if len(chunk) == 1 else tuple(
                    vstack(ms, format="csr") for ms in zip(*(term_matrices(blocks[j]) for j in chunk), strict=True))
                z = self._sparse_cross_scores(a, right, level, ev, term_matrices(a), m_right)
            start = 0
            for j in chunk:
                b = blocks[j]
                zb = z[:, start:start + len(b)]
                start += len(b)
                n_b = n[b].astype(np.float64)
                out[j] = 0.5 * (float(n_a @ zb.max(axis=1)) / n_a.sum() + float(n_b @ zb.max(axis=0)) / n_b.sum())
        return out

    def _cluster_storylines(self, units: list[_Side], unit_event: list[int], candidates: list[list[int]]) -> None:
        """Give each new event a storyline (existing or new) by mean-of-max linkage over events, and keep
        grown events' storylines' sums up to date. Two earlier storylines that the batch makes alike merge
        when their neighbourhood is settled (:meth:`_resettle_storylines`): checked here, batch after batch,
        it cost a third of the clustering time and changed no dev figure.

        The batch's new events are compared with each other and with the candidate storylines found through
        their articles' candidate events, the index (their summed terms) and the embedding index. A new
        event's best match inside a candidate storyline is the best of its candidate events there, and never
        below its average linkage with the whole storyline (a maximum is at least the mean); how well the
        storyline's events are matched by the new one is that average (exact for one event, from sums).
        With the embedding gated, the score against a storyline's sums is no longer exactly a mean of its
        events' scores: one event may bring the shared names and another the embedding. On the dev files it
        beat the best event's score in 34 of 7,249 (new event, storyline) pairs, by at most 0.054, and never
        across the threshold; and settling links storylines event by event (:meth:`_resettle_storylines`).
        Leaving the embedding's share out instead (a bound below every event) changed no one-batch dev F1,
        but on bench/cluster.py's 100,000 articles it left 738 storylines where this gives 579, and the
        settles that joined them afterwards took up to 1.2 s after a one-article ingest.
        """
        ev, sl = self.events_, self.storylines_
        level = self._storyline_level
        # Grown earlier events: their storylines gain the new articles (all of a storyline's at once).
        gained: dict[int, list[tuple[Any, ...]]] = {}
        for k, unit in enumerate(units):
            p = int(ev.parent[unit_event[k]])
            if p >= 0:
                gained.setdefault(int(sl.root[p]), []).append(
                    (unit.ids, unit.vals, unit.emb, unit.n, unit.has, unit.lo, unit.hi))
        for p, parts in gained.items():
            sl.add_parts(p, parts)
        new_events = sorted({e for e in unit_event if ev.parent[e] < 0})
        if not new_events:
            return
        cand_events: set[int] = set()
        for k, cs in enumerate(candidates):
            if ev.parent[unit_event[k]] < 0:
                cand_events.update(int(ev.root[c]) for c in cs)
        # Articles were compared with the events their rare terms point to; a storyline is wider. Each new
        # event also asks the index with its own (summed) terms.
        sides = [_Side(ev.ids[e], ev.vals[e], ev.emb[e], int(ev.n[e]), ev.has[e], [], math.nan, math.nan)
                 for e in new_events]
        queries = [self._query_terms(x, S.STORYLINE_QUERY_TERMS, S.STORYLINE_QUERY_WORDS) for x in sides]
        for cs in self._index_candidates(queries):
            cand_events.update(int(ev.root[c]) for c in cs)
        old_events = sorted(e for e in cand_events if ev.alive(e) and ev.parent[e] >= 0)
        cand_storylines = {int(sl.root[ev.parent[e]]) for e in old_events}
        # Events of one topic may share no rare term and yet read alike: the embedding index finds storylines.
        means = ev.emb[new_events] / ev.n[new_events][:, None]
        for near in self._storyline_index.query_many(means, S.ANN_CANDIDATES):
            cand_storylines.update(int(sl.root[x]) for x in near if sl.alive(int(sl.root[x])))
        storylines = sorted(cand_storylines)
        kn, ko, ks = len(new_events), len(old_events), len(storylines)
        new_new = self._cross_scores(new_events, new_events, level)
        new_old = self._cross_scores(new_events, old_events, level)
        average = self._cross_scores(new_events, storylines, level, right_groups=sl)
        # Atoms: the new events, then one per candidate storyline (its events so far, kept together).
        z = np.full((kn + ks, kn + ks), -np.inf)
        z[:kn, :kn] = new_new
        where = {s: j for j, s in enumerate(storylines)}
        best = average.copy()
        if ko:
            column = np.array([where[int(sl.root[ev.parent[e]])] for e in old_events])
            for j in np.unique(column).tolist():
                best[:, j] = np.maximum(best[:, j], new_old[:, column == j].max(axis=1))
        z[:kn, kn:] = best
        z[kn:, :kn] = average.T
        sizes = np.concatenate([ev.n[new_events], sl.n[storylines]]).astype(np.float64)
        fixed = np.arange(kn + ks) >= kn
        labels = mean_of_max_clusters(z, sizes, level.threshold, fixed)
        clusters: dict[int, list[int]] = {}
        for atom, lab in enumerate(labels.tolist()):
            clusters.setdefault(lab, []).append(atom)
        for atoms in clusters.values():
            events = [new_events[a] for a in atoms if a < kn]
            if not events:
                continue
            lo = np.nanmin(ev.lo[events]) if not np.all(np.isnan(ev.lo[events])) else math.nan
            hi = np.nanmax(ev.hi[events]) if not np.all(np.isnan(ev.hi[events])) else math.nan
            ids, vals = V.add_many([(ev.ids[e], ev.vals[e]) for e in events])
            emb, n, has = ev.emb[events].sum(axis=0), int(ev.n[events].sum()), ev.has[events].sum(axis=0)
            old = [storylines[a - kn] for a in atoms if a >= kn]
            if old:
                s = old[0]
                sl.add(s, ids, vals, emb, n, has, events, float(lo), float(hi))
            else:
                s = sl.new(self._storyline_key(events), ids, vals, emb, n, has, events, float(lo), float(hi))
            ev.parent[events] = s

    # --- reasons --------------------------------------------------------------------------------------

    def _explain_units(self, units: list[_Side], unit_event: list[int]) -> None:
        """Each unit's fit to the event it is shown in (against the rest of it) and the terms they share."""
        ev = self.events_
        level = self._event_level
        unit_event = [self._shown_of(int(ev.root[e])) for e in unit_event]
        folded = self._folded(set(unit_event)) if self._shown else {}
        sides = {e: self._shown_side(e, folded) for e in set(unit_event)}
        size = {e: side[4] for e, side in sides.items()}
        # The unit that started its event (holds the article the event is named after) joined nothing.
        joined = [k for k, u in enumerate(units)
                  if size[unit_event[k]] > u.n and self.article_index[ev.keys[unit_event[k]]] not in u.members]
        for k, u in enumerate(units):
            if k not in joined:
                for i in u.members:
                    self._why[i], self._score[i] = {}, 0.0
        if not joined:
            return
        left = [(units[k].ids, units[k].vals) for k in joined]
        left_emb = np.stack([units[k].emb for k in joined])
        events = [unit_event[k] for k in joined]
        # Each event once: many units of a batch join the same large event.
        distinct = sorted(set(events))
        where = np.searchsorted(distinct, events)
        right = [(sides[e][1], sides[e][2]) for e in distinct]
        own = np.arange(len(joined))
        # The terms each unit shares with its event, found once: they give both the score and the reasons.
        matches = V.pair_matches(left, right, own, where, len(self.vocab) + 1)
        pair, ids, lv, rv = matches
        kinds, factor2 = self._weigh(ids)
        d_all = np.zeros((len(joined), N_KINDS + 1))
        d_all[:, :N_KINDS] = np.bincount(pair * N_KINDS + kinds, weights=lv * rv * factor2,
                                         minlength=len(joined) * N_KINDS).reshape(len(joined), N_KINDS)
        emb = np.stack([np.asarray(sides[e][3]) for e in distinct])
        d_all[:, N_KINDS] = np.einsum("ij,ij->i", left_emb, emb[where]).astype(np.float64)
        d_self = self._self_d(left, left_emb)
        n_u = np.array([units[k].n for k in joined], dtype=np.float64)
        has_u = np.stack([units[k].has for k in joined])
        n_e = np.array([sides[e][4] for e in distinct], dtype=np.float64)[where]
        has_e = np.stack([np.asarray(sides[e][5]) for e in distinct])[where]
        z = level.scores(d_all - d_self, n_u, n_e - n_u, has_u, has_e - has_u)
        whys = self._shared(left, right, where, matches=matches)
        for j, k in enumerate(joined):
            score = _sigmoid(float(z[j]))
            for i in units[k].members:
                self._why[i], self._score[i] = whys[j], score

    def _shared(self, left: Sequence[tuple[np.ndarray, np.ndarray]], right: Sequence[tuple[np.ndarray, np.ndarray]],
                where: np.ndarray | None = None, top: int = 5,
                matches: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
                ) -> list[dict[str, list[str]]]:
        """For each side ``left[j]`` inside its group ``right[where[j]]`` (default ``right[j]``): the terms that
        contribute most to their similarity (the group minus the side itself), per kind, as readable strings.
        In bulk."""
        n = len(left)
        outs: list[dict[str, list[str]]] = [{"terms": [], "entities": [], "dates": [], "numbers": []} for _ in range(n)]
        idx = np.arange(n)
        if matches is None:
            matches = V.pair_matches(left, right, idx, idx if where is None else where, len(self.vocab) + 1)
        pair, ids, lv, rv = matches
        rest = rv - lv
        ok = rest > 1e-9
        pair, ids, w = pair[ok], ids[ok], lv[ok] * rest[ok]
        kinds, f2 = self._weigh(ids)
        w = w * f2
        text = kinds < 5
        pair, ids, w, kinds = pair[text], ids[text], w[text], kinds[text]
        kinds = np.minimum(kinds, 3)  # head numbers are numbers
        order = np.lexsort((ids, -w, kinds, pair))
        group = (pair * 4 + kinds)[order]
        starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]]) if len(group) else group
        rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        keep = order[rank < top]
        names = ("terms", "entities", "dates", "numbers")
        terms = self.vocab.terms
        for j, kind, tid in zip(pair[keep].tolist(), kinds[keep].tolist(), ids[keep].tolist(), strict=True):
            lst = outs[j][names[kind]]
            term = readable(terms[tid])
            if term not in lst:
                lst.append(term)
        for why in outs:
            repeats = _name_words(why["entities"])
            why["terms"] = [t for t in why["terms"] if t not in repeats]
        return outs

    # --- reporting ------------------------------------------------------------------------------------

    def _assignment(self, i: int) -> ClusterAssignment:
        ev, sl = self.events_, self.storylines_
        e = self._shown_of(int(ev.root[self._event_of[i]]))
        p = int(ev.parent[e])
        storyline = sl.keys[int(sl.root[p])] if p >= 0 else ev.keys[e]
        return ClusterAssignment(
            article=self.article_ids[i], event=ev.keys[e], storyline=storyline, score=self._score[i], why=self._why[i]
        )

    def _event_by_key(self, event_id: str) -> int:
        i = self.article_index.get(event_id)
        if i is None:
            raise KeyError(event_id)
        # An event's id is the id of the article that started it; after a merge, that article's event is
        # the one that absorbed it, so an old id still finds its articles (a folded event's, the event shown).
        return self._shown_of(int(self.events_.root[self._event_of[i]]))

    def _shown_side(self, e: int, folded: Mapping[int, list[int]] | None = None
                    ) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray, int, np.ndarray, float, float]:
        """What event ``e`` is shown as, summed over its parts: members, term ids and sums, embedding sum,
        size, presence counts, first and last day."""
        ev = self.events_
        parts = self._shown_parts(e, folded)
        if len(parts) == 1:
            return (list(ev.members[e]), ev.ids[e], ev.vals[e], ev.emb[e], int(ev.n[e]), ev.has[e],
                    float(ev.lo[e]), float(ev.hi[e]))
        ids, vals = V.add_many([(ev.ids[f], ev.vals[f]) for f in parts])
        lo, hi = ev.lo[parts], ev.hi[parts]
        return ([i for f in parts for i in ev.members[f]], ids, vals, ev.emb[parts].sum(axis=0), int(ev.n[parts].sum()),
                ev.has[parts].sum(axis=0), float(np.nanmin(lo)) if not np.all(np.isnan(lo)) else math.nan,
                float(np.nanmax(hi)) if not np.all(np.isnan(hi)) else math.nan)

    def explain(self, event_id: str) -> dict[str, Any]:
        """Why an event's articles belong together: the terms, names, dates and numbers they share.

        Each list holds ``{"term", "articles"}`` (how many members contain it), best first: terms in at
        least two members (or the one member of a single-article event), ranked by their share of members
        times their idf. Also gives the event's storyline and its publication span.
        """
        ev, sl = self.events_, self.storylines_
        e = self._event_by_key(event_id)
        members, *_, lo, hi = self._shown_side(e)
        out: dict[str, Any] = {"event": ev.keys[e], "articles": len(members), **self._shared_by(members)}
        p = int(ev.parent[e])
        out["storyline"] = sl.keys[int(sl.root[p])] if p >= 0 else ev.keys[e]
        out["first_day"] = _iso_day(lo)
        out["last_day"] = _iso_day(hi)
        return out

    def _shared_by(self, members: Sequence[int]) -> dict[str, Any]:
        """The terms, names, dates and numbers that ``members`` (articles) share: for each kind a list of
        ``{"term", "articles"}``, best first (see :meth:`explain`)."""
        n = len(members)
        ids = np.concatenate([self._terms[i] for i in members]) if members else V.EMPTY_IDS
        uniq, counts = np.unique(ids, return_counts=True)
        need = 2 if n > 1 else 1
        keep = counts >= need
        uniq, counts = uniq[keep], counts[keep]
        kinds = self.vocab.kinds(uniq)
        rank = counts / max(n, 1) * self.vocab.idf(uniq)
        out: dict[str, Any] = {}
        lists: dict[str, list[tuple[str, int]]] = {}
        for name, kind_codes in (("terms", (0,)), ("entities", (1,)), ("dates", (2,)), ("numbers", (3, 4))):
            sel = np.isin(kinds, kind_codes)
            order = np.lexsort((uniq[sel], -rank[sel]))
            chosen: list[tuple[str, int]] = []
            seen: set[str] = set()
            raw = [(self.vocab.terms[tid], int(c)) for tid, c in
                   zip(uniq[sel][order].tolist(), counts[sel][order].tolist(), strict=True)]
            if name == "dates":
                raw = _precise_dates(raw)
            for t, c in raw:
                term = readable(t)
                if term not in seen:
                    seen.add(term)
                    chosen.append((term, c))
            if name == "entities":
                # "lohan" adds nothing beside "lindsay lohan" in as many articles.
                phrases = [(p, c) for p, c in chosen if " " in p]
                chosen = [(p, c) for p, c in chosen if " " in p or not any(
                    p in q.split() and c <= qc for q, qc in phrases)]
            lists[name] = chosen
        repeats = _name_words(p for p, _ in lists["entities"])
        lists["terms"] = [(t, c) for t, c in lists["terms"] if t not in repeats]
        for name, top in (("terms", 10), ("entities", 10), ("dates", 5), ("numbers", 5)):
            out[name] = [{"term": p, "articles": c} for p, c in lists[name][:top]]
        return out

    def explain_storyline(self, storyline_id: str) -> dict[str, Any]:
        """Why a storyline's events belong together: what its articles share most, as :meth:`explain` lists
        it for an event (a term counts by its share of all the storyline's articles, so what runs through its
        events ranks above what one event repeats), with its events and publication span."""
        ev, sl = self.events_, self.storylines_
        s = sl.live_with_key(storyline_id)
        if s is None:
            raise KeyError(storyline_id)
        members = [i for e in sl.members[s] for i in ev.members[e]]
        return {"storyline": sl.keys[s], "events": [ev.keys[e] for e in sorted(sl.members[s])
                                                    if ev.n[e] > 0 and self._shown_of(e) == e],
                "articles": len(members), **self._shared_by(members), "first_day": _iso_day(float(sl.lo[s])),
                "last_day": _iso_day(float(sl.hi[s]))}

    def central_articles(self, event_id: str) -> list[str]:
        """The event's articles, most central first (highest mean score against the others)."""
        members, ids, vals, emb, n, has_sum, _, _ = self._shown_side(self._event_by_key(event_id))
        if len(members) == 1:
            return [self.article_ids[members[0]]]
        left = [(self._terms[i], self._weights[i].astype(np.float64)) for i in members]
        left_emb = self._emb[members]
        pairs = np.stack([np.arange(len(members)), np.zeros(len(members), dtype=np.int64)], axis=1)
        d_all = self._pair_d(left, left_emb, [(ids, vals)], np.asarray(emb)[None, :], pairs)
        d_self = self._self_d(left, left_emb)
        has = self._has[members]
        z = self._event_level.scores(d_all - d_self, np.ones(len(members)), float(n) - 1.0, has, has_sum - has)
        order = sorted(range(len(members)), key=lambda j: (-z[j], self.article_ids[members[j]]))
        return [self.article_ids[members[j]] for j in order]

    def title(self, event_id: str, articles: Mapping[str, Article]) -> str:
        """A readable title: the headline of the event's most central article that has one, else the
        most central sentence of its most central article (never a bag of keywords)."""
        from storyline.cluster.titles import central_sentence, headline

        ranked = [a for a in self.central_articles(event_id) if a in articles]
        for aid in ranked:
            h = headline(articles[aid])
            if h:
                return h
        if not ranked:
            return event_id
        _, ids, vals, *_ = self._shown_side(self._event_by_key(event_id))
        kinds = self.vocab.kinds(ids)
        sel = kinds <= 1
        weight = vals[sel] * self.vocab.idf(ids[sel])
        profile = {self.vocab.terms[t]: float(w) for t, w in zip(ids[sel].tolist(), weight.tolist(), strict=True)}
        return central_sentence(articles[ranked[0]], profile, self.vocab)

    # --- state ----------------------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        """Everything needed to continue later, as plain lists, dicts and numpy arrays.

        Per article (aligned arrays): id, family, event, day, presence flags, embedding, join score and
        reason, and its kept terms (flattened, with offsets). Per event and storyline: id, root (the live
        group that absorbed it), storyline of each event. The inverted index, flattened. Group sums and
        members are rebuilt from these.
        """
        n = self._count
        lengths = np.fromiter((len(t) for t in self._terms), dtype=np.int64, count=n)
        ev, sl = self.events_, self.storylines_
        post_terms = np.fromiter(self._postings.keys(), dtype=np.int64, count=len(self._postings))
        post_lengths = np.fromiter((len(p) for p in self._postings.values()), dtype=np.int64, count=len(self._postings))
        return {
            "version": STATE_VERSION,
            "vocabulary": self.vocab.export_state(),
            "article_ids": list(self.article_ids),
            "families": list(self._family_of),
            "term_offsets": np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            "term_ids": np.concatenate(self._terms).astype(np.int32) if n else V.EMPTY_IDS,
            "term_weights": np.concatenate(self._weights).astype(np.float32) if n else np.zeros(0, np.float32),
            "all_term_offsets": np.concatenate([[0], np.cumsum([len(t) for t in self._all_terms])]).astype(np.int64),
            "all_term_ids": np.concatenate(self._all_terms).astype(np.int32) if n else V.EMPTY_IDS,
            "all_term_tf": np.concatenate(self._all_tf).astype(np.float32) if n else np.zeros(0, np.float32),
            "embeddings": self._emb[:n].copy(),
            "days": self._days[:n].copy(),
            "presence": self._has[:n].astype(np.uint8),
            "event_of": self._event_of[:n].copy(),
            "scores": np.asarray(self._score, dtype=np.float64),
            "why": list(self._why),
            "earlier_offsets": np.concatenate([[0], np.cumsum([len(x) for x in self._earlier])]).astype(np.int64),
            "earlier_days": np.fromiter((d for x in self._earlier for d in x), dtype=np.int64),
            "event_keys": list(ev.keys),
            "event_root": ev.root[: len(ev)].copy(),
            "event_parent": ev.parent[: len(ev)].copy(),
            "storyline_keys": list(sl.keys),
            "storyline_root": sl.root[: len(sl)].copy(),
            "family_event": dict(self._family_event),
            "shown_from": np.array([e for e in self._shown if ev.alive(e)], dtype=np.int64),
            "shown_as": np.array([r for e, r in self._shown.items() if ev.alive(e)], dtype=np.int64),
            "unsettled_storylines": np.array(sorted(self._unsettled), dtype=np.int64),
            "postings_terms": post_terms,
            "postings_offsets": np.concatenate([[0], np.cumsum(post_lengths)]).astype(np.int64),
            "postings_events": np.fromiter((e for p in self._postings.values() for e in p), dtype=np.int64,
                                           count=int(post_lengths.sum())),
        }

    @classmethod
    def import_state(cls, state: Mapping[str, Any], settings: S.ClusterSettings | None = None) -> StoryClusterer:
        """A clusterer that continues from :meth:`export_state`'s output.

        Raises ``ValueError`` for a state saved by an earlier version of the clusterer (other features): such
        a library needs its stories rebuilt (``storyline recluster``).
        """
        if state.get("version") != STATE_VERSION:
            raise StaleStateError(
                f"clusterer state version {state.get('version')!r}, expected {STATE_VERSION}: rebuild the stories "
                "(storyline recluster)"
            )
        c = cls(settings)
        c.vocab = Vocabulary.import_state(state["vocabulary"])
        ids = list(state["article_ids"])
        n = len(ids)
        c._grow_articles(n)
        c._count = n
        c.article_ids = ids
        c.article_index = {a: i for i, a in enumerate(ids)}
        c._family_of = list(state["families"])
        offsets = np.asarray(state["term_offsets"], dtype=np.int64)
        term_ids = np.asarray(state["term_ids"], dtype=np.int32)
        weights = np.asarray(state["term_weights"], dtype=np.float32)
        c._terms = np.split(term_ids, offsets[1:-1]) if n else []
        c._weights = np.split(weights, offsets[1:-1]) if n else []
        offsets = np.asarray(state["all_term_offsets"], dtype=np.int64)
        c._all_terms = np.split(np.asarray(state["all_term_ids"], dtype=np.int32), offsets[1:-1]) if n else []
        c._all_tf = np.split(np.asarray(state["all_term_tf"], dtype=np.float32), offsets[1:-1]) if n else []
        c._emb[:n] = np.asarray(state["embeddings"], dtype=np.float32).reshape(n, S.EMBED_DIM)
        c._days[:n] = np.asarray(state["days"], dtype=np.float64)
        c._has[:n] = np.asarray(state["presence"], dtype=np.float64).reshape(n, N_PRESENCE)
        c._event_of[:n] = np.asarray(state["event_of"], dtype=np.int64)
        c._score = [float(x) for x in np.asarray(state["scores"]).tolist()]
        c._why = [dict(w) for w in state["why"]]
        e_off = np.asarray(state["earlier_offsets"], dtype=np.int64).tolist()
        e_days = np.asarray(state["earlier_days"], dtype=np.int64).tolist()
        c._earlier = [tuple(e_days[e_off[k] : e_off[k + 1]]) for k in range(n)]
        c._family_event = {str(k): int(v) for k, v in dict(state["family_event"]).items()}
        c._unsettled = set(np.asarray(state["unsettled_storylines"], dtype=np.int64).tolist())
        c._shown = dict(zip(np.asarray(state["shown_from"], dtype=np.int64).tolist(),
                            np.asarray(state["shown_as"], dtype=np.int64).tolist(), strict=True))
        p_terms = np.asarray(state["postings_terms"], dtype=np.int64).tolist()
        p_off = np.asarray(state["postings_offsets"], dtype=np.int64)
        p_events = np.asarray(state["postings_events"], dtype=np.int64).tolist()
        c._postings = {t: p_events[p_off[k] : p_off[k + 1]] for k, t in enumerate(p_terms)}
        c._rebuild_groups(list(state["event_keys"]), np.asarray(state["event_root"], dtype=np.int64),
                          np.asarray(state["event_parent"], dtype=np.int64), list(state["storyline_keys"]),
                          np.asarray(state["storyline_root"], dtype=np.int64))
        return c

    def _rebuild_groups(self, event_keys: list[str], event_root: np.ndarray, event_parent: np.ndarray,
                        storyline_keys: list[str], storyline_root: np.ndarray) -> None:
        """Events and storylines with their sums, from per-article events and per-event storylines."""
        n = self._count
        event_of = event_root[self._event_of[:n]] if n else np.zeros(0, dtype=np.int64)
        self._event_of[:n] = event_of
        ev = _empty_groups(event_keys, event_root)
        order = np.lexsort((np.arange(n), event_of)) if n else np.zeros(0, dtype=np.int64)
        bounds = np.flatnonzero(np.diff(event_of[order])) + 1 if n else np.zeros(0, dtype=np.int64)
        for chunk in np.split(order, bounds) if n else []:
            e = int(event_of[chunk[0]])
            members = chunk.tolist()
            ev.ids[e], ev.vals[e] = self._sum_of(members)
            ev.members[e] = members
            ev.own[e] = self._own_days(members)
            ev.earlier[e] = {d for i in members for d in self._earlier[i]}
            ev.emb[e] = self._emb[members].sum(axis=0)
            ev.n[e] = len(members)
            ev.has[e] = self._has[members].sum(axis=0)
            days = self._days[members]
            days = days[~np.isnan(days)]
            if len(days):
                ev.lo[e], ev.hi[e] = days.min(), days.max()
        sl = _empty_groups(storyline_keys, storyline_root)
        live_events = ev.live()
        parents = {e: int(storyline_root[event_parent[e]]) if event_parent[e] >= 0 else -1 for e in live_events}
        ev.parent[: len(event_keys)] = [int(storyline_root[p]) if p >= 0 else -1 for p in event_parent.tolist()]
        by_storyline: dict[int, list[int]] = {}
        for e in live_events:
            if parents[e] >= 0:
                by_storyline.setdefault(parents[e], []).append(e)
        for s, events in by_storyline.items():
            sl.ids[s], sl.vals[s] = V.add_many([(ev.ids[e], ev.vals[e]) for e in events])
            sl.members[s] = events
            sl.emb[s] = ev.emb[events].sum(axis=0)
            sl.n[s] = int(ev.n[events].sum())
            sl.has[s] = ev.has[events].sum(axis=0)
            lo, hi = ev.lo[events], ev.hi[events]
            if not np.all(np.isnan(lo)):
                sl.lo[s], sl.hi[s] = np.nanmin(lo), np.nanmax(hi)
        self.events_, self.storylines_ = ev, sl
        ev.changed.clear()
        sl.changed.clear()
        live = sl.live()
        self._storyline_index = HyperplaneIndex(S.EMBED_DIM, S.ANN_TABLES, S.ANN_BITS)
        if live:
            self._storyline_index.put_many(live, sl.emb[live] / sl.n[live][:, None])


_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@contextmanager
def _batch_runtime() -> Iterator[None]:
    """How a batch or a settle runs: without the cyclic garbage collector, and with one BLAS thread.

    A batch allocates many short-lived objects and no reference cycles; the collector would rescan the whole
    library's objects again and again (14% of the time on bench/cluster.py). The matrix products here are
    small or medium; OpenBLAS's threads gained nothing on them and spun while waiting, taking the second core
    from the process that prepares the next batch: ``BLAS_THREADS`` (see settings) keeps them to one.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        with _blas_controller().limit(limits=S.BLAS_THREADS, user_api="blas"):
            yield
    finally:
        if collecting:
            gc.enable()


_BLAS_CONTROLLER: Any = None


def _blas_controller() -> Any:
    """threadpoolctl's view of the loaded BLAS libraries, taken once (``threadpool_limits`` looks them up on
    every call, about 0.6 ms: a noticeable share of a one-article ingest). numpy and scipy each bring an
    OpenBLAS; scipy's is loaded first so that the controller sees both."""
    global _BLAS_CONTROLLER
    if _BLAS_CONTROLLER is None:
        import scipy.cluster.hierarchy  # noqa: F401
        import scipy.sparse  # noqa: F401
        from threadpoolctl import ThreadpoolController

        _BLAS_CONTROLLER = ThreadpoolController()
    return _BLAS_CONTROLLER


def readable(term: str) -> str:
    """A term as a reason shows it: without its kind prefix; a day without a year as ``Dec 12``."""
    text = term[2:]
    if term.startswith("d:--") and len(text) == 7:
        month, day = int(text[2:4]), int(text[5:7])
        if 1 <= month <= 12:
            return f"{_MONTH_NAMES[month - 1]} {day}"
    return text


def _name_words(names: Iterable[str]) -> set[str]:
    """The words of ``names`` as written and as word terms spell them: a word term among these says nothing
    more than the name listed beside it ("maduro"), and a stemmed name reads as a misspelling ("caraca" of
    "Caracas")."""
    return {w for name in names for word in name.split() for w in (word, word_stem(word))}


def _precise_dates(dates: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Date terms without those a more precise listed date implies in as many articles: "Sep 20" (``d:--09-20``)
    and "1998-09" say nothing beside "1998-09-20" in the same articles."""
    full = [(t[2:], c) for t, c in dates if len(t) == 12 and t[2:4] != "--"]  # d:YYYY-MM-DD

    def implied(term: str, count: int) -> bool:
        text = term[2:]
        if term.startswith("d:--"):
            return any(day.endswith(text[1:]) and c >= count for day, c in full)
        if len(text) == 7:  # YYYY-MM
            return any(day.startswith(text + "-") and c >= count for day, c in full)
        return False

    return [(t, c) for t, c in dates if not implied(t, c)]


def _match_groups(groups: Sequence[Sequence[int]], old_of: Mapping[int, int], weight: Callable[[int], int]
                  ) -> dict[int, int]:
    """Greedy one-to-one matching of new groups (of members) to the old groups their members came from, the
    largest shared weight first (ties: the lower old group, then the earlier new group), so that a regrouped
    event or storyline keeps the id of the one it mostly is: new group index -> old group."""
    overlaps = []
    for j, g in enumerate(groups):
        counts: dict[int, int] = {}
        for m in g:
            counts[old_of[m]] = counts.get(old_of[m], 0) + weight(m)
        overlaps += [(-c, old, j) for old, c in counts.items()]
    overlaps.sort()
    match: dict[int, int] = {}
    taken: set[int] = set()
    for _, old, j in overlaps:
        if j not in match and old not in taken:
            match[j] = old
            taken.add(old)
    return match


def _average_linkage_cut(scores: np.ndarray, threshold: float) -> np.ndarray:
    """Flat cluster labels of average-linkage clustering (scipy's, in C) of condensed pair scores, cut where
    the mean score between two clusters falls below ``threshold``."""
    from scipy.cluster.hierarchy import linkage

    top = float(scores.max()) + 1.0
    return _cut_tree(linkage(top - scores, method="average"), top - threshold)



def _absorb_small(scores: np.ndarray, labels: np.ndarray, most: int, threshold: float,
                  apart: float = -500.0) -> np.ndarray:
    """Average linkage continued below its cut for the small groups: a group of at most ``most`` articles joins
    the group it scores best against on average (all its pairs; best pair of groups first, as the agglomeration
    would) while that mean is >= ``threshold``. ``scores`` is the full ``(n, n)`` square, ``labels`` the groups
    of the cut; returns a label per article after the joins (a joined group takes its receiver's label).

    Two groups with a pair scored ``apart`` or lower (the earlier-date rule's -1e3) never join: averaged over a
    large group, one such pair would no longer keep a lone article out."""
    from scipy.sparse import csr_matrix

    _, lab = np.unique(labels, return_inverse=True)
    k = int(lab.max()) + 1 if len(lab) else 0
    size = np.bincount(lab, minlength=k).astype(np.float64)
    small = np.flatnonzero(size <= most)
    if k < 2 or len(small) == 0:
        return lab
    n = len(lab)
    one_hot = csr_matrix((np.ones(n), (np.arange(n), lab)), shape=(n, k))
    # sums[r, g]: the summed scores between small group small[r] and group g (kept for small groups only:
    # a large group only ever receives). Only the small groups' rows of the square are read.
    row_of_group = np.full(k, -1)
    row_of_group[small] = np.arange(len(small))
    rows = np.flatnonzero(row_of_group[lab] >= 0)
    gather = csr_matrix((np.ones(len(rows)), (row_of_group[lab[rows]], np.arange(len(rows)))),
                        shape=(len(small), len(rows)))
    part = scores[rows]
    sums = np.asarray((gather @ part) @ one_hot)
    banned = np.asarray((gather @ (part <= apart).astype(np.float64)) @ one_hot) > 0
    alive = np.ones(k, dtype=bool)
    mover = np.ones(len(small), dtype=bool)
    best = np.full(len(small), -np.inf)
    best_to = np.zeros(len(small), dtype=np.int64)

    def rank(which: np.ndarray) -> None:
        """Each given small group's best other live group and its mean."""
        means = sums[which] / (size[small[which], None] * size[None, :])
        means[:, ~alive] = -np.inf
        means[banned[which]] = -np.inf
        means[np.arange(len(which)), small[which]] = -np.inf
        best_to[which] = np.argmax(means, axis=1)
        best[which] = means[np.arange(len(which)), best_to[which]]

    rank(np.arange(len(small)))
    while True:
        r = int(np.argmax(np.where(mover, best, -np.inf)))
        if not mover[r] or best[r] < threshold:
            break
        a, b = int(small[r]), int(best_to[r])
        # a joins b: b's column gains a's sums, b's row too when b is small itself.
        sums[:, b] += sums[:, a]
        banned[:, b] |= banned[:, a]
        size[b] += size[a]
        alive[a] = False
        mover[r] = False
        lab[lab == a] = b
        rb = int(row_of_group[b])
        if rb >= 0:
            sums[rb] += sums[r]
            banned[rb] |= banned[r]
            mover[rb] = size[b] <= most
        # Groups whose best was a or b (and b itself, grown) look again. For the others nothing rises: a
        # group's mean to the joined pair lies between its means to a and to b, neither above its best.
        again = mover & ((best_to == a) | (best_to == b))
        if rb >= 0 and mover[rb]:
            again[rb] = True
        if again.any():
            rank(np.flatnonzero(again))
    return lab


def _cut_tree(tree: np.ndarray, limit: float) -> np.ndarray:
    """Flat clusters of a scipy linkage ``tree`` as ``fcluster(tree, limit, criterion="distance")`` forms them
    (a subtree is one cluster when no merge inside it is higher than ``limit``), labelled by their topmost
    node. fcluster validates the whole tree on every call, which cost more than the clustering itself in the
    thousands of small regroups of a large ingest."""
    n = len(tree) + 1
    kids = tree[:, :2].astype(np.int64).tolist()
    heights = tree[:, 2].tolist()
    highest = [0.0] * n + [0.0] * (n - 1)  # the highest merge inside each node's subtree
    for i, (a, b) in enumerate(kids):
        highest[n + i] = max(heights[i], highest[a], highest[b])
    label = list(range(2 * n - 1))
    for i in range(n - 2, -1, -1):
        node = n + i
        if highest[node] <= limit:
            for kid in kids[i]:
                label[kid] = label[node]
    return np.array(label[:n])


def _top_ids(ids: np.ndarray, vals: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` ids of largest value, best first (ties by id)."""
    if len(ids) > k:
        sel = np.argpartition(-vals, k)[:k]
        ids, vals = ids[sel], vals[sel]
    return ids[np.lexsort((ids, -vals))]


def _span(sides: Sequence[_Side]) -> tuple[float, float]:
    los = [s.lo for s in sides if not math.isnan(s.lo)]
    his = [s.hi for s in sides if not math.isnan(s.hi)]
    return (min(los), max(his)) if los else (math.nan, math.nan)


def _day_key(day: float) -> float:
    return math.inf if math.isnan(day) else float(day)


@lru_cache(maxsize=4096)
def _days_around(day: int) -> tuple[int, int, int]:
    """A publication day and the days before and after it, as month * 100 + day."""
    return tuple(d.month * 100 + d.day for d in (_date_of(day + k) for k in (-1, 0, 1)))  # type: ignore[return-value]


def _date_of(day: float) -> dt.date:
    return dt.date.fromordinal(int(day) + 719163)


def _iso_day(day: float) -> str | None:
    return None if math.isnan(day) else _date_of(day).isoformat()


def _empty_groups(keys: list[str], root: np.ndarray) -> Groups:
    """Groups named ``keys``, still without members or sums, each merged into ``root[g]`` (itself when
    it stands alone), as a rebuild starts them."""
    groups = Groups(S.EMBED_DIM)
    for key in keys:
        groups.new(key, V.EMPTY_IDS, V.EMPTY_VALS, np.zeros(S.EMBED_DIM, dtype=np.float32), 0,
                   np.zeros(N_PRESENCE), [], math.nan, math.nan)
    groups.root[: len(keys)] = root
    for g in range(len(keys)):
        if root[g] != g:
            groups.absorbed.setdefault(int(root[g]), []).append(g)
    return groups
