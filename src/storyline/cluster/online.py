"""Online clustering of articles into events, and of events into storylines.

The design follows Miranda et al. (2018, "Multilingual Clustering of Streaming News"): every article is
compared with a few candidate clusters, found through an inverted index, by several similarities (words,
names, dates, numbers, dense embedding, time); a learnt linear model weighs them, and the article joins the
best candidate when the score clears a threshold, else it starts a new cluster.

Two choices make the result depend little on order and batching:

* **Average linkage.** A cluster keeps the *sum* of its members' unit vectors, so an article's score
  against a cluster is exactly its mean similarity to the members -- the criterion of average-linkage
  agglomerative clustering, which a one-batch run of the same data would optimise. After each batch, the
  touched events are compared with their candidates and merged when their mean pairwise score clears
  the same threshold, so an early split heals when the articles that bridge it arrive.
* **IDF applied at comparison time** over a background-smoothed document frequency (see
  :mod:`storyline.cluster.vocabulary`): clusters store term counts, not weights frozen at arrival.

Storylines are the same algorithm one level up: an event joins the storyline whose articles it resembles
on average, under weights that favour topic (words, embedding) over exact names and dates and decay
slowly with time. Near-duplicate families enter as one unit: they are scored together and join together.

Cost per article: a bounded index look-up (``QUERY_TERMS`` postings of at most ``POSTINGS_CAP`` clusters),
``CANDIDATES`` sparse dot products of at most ``sum(TOP_TERMS)`` terms, one small matrix product. It does
not grow with the library.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from storyline.cluster import settings as S
from storyline.cluster.features import KINDS, featurize
from storyline.cluster.vocabulary import Vocabulary
from storyline.model import Article

_KIND_INDEX = {k: i for i, k in enumerate(KINDS)}


@dataclass
class ClusterAssignment:
    """Where one article went: its event and storyline, the score that joined it, and why."""

    article: str
    event: str  # the event's id: the id of the article that started it
    storyline: str  # the storyline's id: the id of the event that started it
    score: float  # the joining score (logistic probability) against the event; 0 for a new event
    why: dict[str, Any] = field(default_factory=dict)  # shared words, entities, dates, numbers


@dataclass
class _Group:
    """An event or a storyline: sums of its articles' unit vectors, for average-linkage scores."""

    key: str
    sums: dict[int, float]
    emb: np.ndarray
    n: int
    day_min: float
    day_max: float
    dated: int
    members: list[int]  # article indexes (events) or event indexes (storylines)
    has: np.ndarray = field(default_factory=lambda: np.zeros(4))  # members with terms of each kind
    parent: int = -1  # storyline index of an event
    alive: bool = True
    probe: Any = None  # cached (idf version, weightiest terms) for group-to-group comparisons


@dataclass
class _Unit:
    """Articles that enter together (a near-duplicate family, or one article)."""

    articles: list[int]
    sums: dict[int, float]
    emb: np.ndarray
    n: int
    day_min: float
    day_max: float
    dated: int
    order: tuple[float, str]
    has: np.ndarray


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


class StoryClusterer:
    """Groups articles into events and events into storylines, one batch at a time.

    ``add_batch`` may be called with batches of any size in any order; each article id is placed once
    (adding it again returns its current place). State lives in plain arrays and dicts:
    :meth:`export_state` / :meth:`import_state` round-trip it, e.g. through a database.

    >>> from storyline.model import Article
    >>> c = StoryClusterer(ClusterSettings(use_embeddings=False))
    >>> a = Article(id="a", text="Lindsay Lohan checked into the Betty Ford Center on May 2, 2013.", raw_text="")
    >>> [x.event for x in c.add_batch([a])]
    ['a']
    """

    def __init__(self, settings: S.ClusterSettings | None = None) -> None:
        self.settings = settings or S.ClusterSettings()
        self.vocab = Vocabulary()
        # Articles, by index.
        self.article_ids: list[str] = []
        self.article_index: dict[str, int] = {}
        self._terms: list[np.ndarray] = []  # term ids kept for the article (top terms per kind)
        self._weights: list[np.ndarray] = []  # sublinear tf / the article's norm in that kind
        self._emb = np.zeros((0, S.EMBED_DIM), dtype=np.float32)
        self._days: list[float] = []
        self._has: list[np.ndarray] = []  # per article: 1.0 for each kind it has terms of
        self._event_of: list[int] = []
        self._family_of: list[str | None] = []
        self._why: list[dict[str, Any]] = []
        self._join_score: list[float] = []
        # Events and storylines, by index; merged ones stay with alive=False and an alias.
        self._events: list[_Group] = []
        self._storylines: list[_Group] = []
        self._event_alias: dict[int, int] = {}
        self._storyline_alias: dict[int, int] = {}
        self._family_event: dict[str, int] = {}
        # Inverted index: term id -> recent event indexes.
        self._postings: dict[int, list[int]] = {}
        self.last_merges: dict[str, str] = {}

    # --- public API -----------------------------------------------------------------------------------

    def add_batch(
        self, articles: Sequence[Article], families: Mapping[str, str] | None = None
    ) -> list[ClusterAssignment]:
        """Place each article in an event (new or existing) and each touched event in a storyline.

        ``families`` maps article ids to near-duplicate family ids: a family joins as one unit, and a
        later member of a known family joins its event. Returns one assignment per input article, in
        input order, reflecting the state after the batch (events merged during it included).
        ``last_merges`` then maps every event or storyline id merged away to the id that absorbed it.
        """
        families = families or {}
        self.last_merges = {}
        fresh = [a for a in dict((a.id, a) for a in articles).values() if a.id not in self.article_index]
        if fresh:
            new_idx = self._ingest(fresh, families)
            units = self._units(new_idx)
            self._cluster_units(units)
        return [self._assignment(self.article_index[a.id]) for a in articles]

    def _cluster_units(self, units: list[_Unit]) -> None:
        """Place units, revisit them once, merge touched events, then settle storylines."""
        touched: dict[int, list[int]] = {}
        placed = []
        for unit in units:
            event, candidates = self._place(unit)
            touched.setdefault(event, []).extend(candidates)
            placed.append(event)
        for _ in range(self.settings.refine_passes):
            moved = 0
            for k, unit in enumerate(units):
                event, candidates, did_move = self._revisit(unit, self._resolve(placed[k]))
                placed[k] = event
                touched.setdefault(event, []).extend(candidates)
                moved += did_move
            if not moved:
                break
        touched = {e: c for e, c in touched.items() if self._events[e].alive}
        touched_events = self._merge_events(touched)
        self._place_in_storylines(touched_events, touched)

    def events(self) -> dict[str, list[str]]:
        """Event id -> its article ids."""
        return {g.key: [self.article_ids[i] for i in g.members] for g in self._events if g.alive}

    def storylines(self) -> dict[str, list[str]]:
        """Storyline id -> its event ids."""
        return {g.key: [self._events[e].key for e in g.members] for g in self._storylines if g.alive}

    def storyline_articles(self) -> dict[str, list[str]]:
        """Storyline id -> the ids of all articles of its events."""
        return {
            g.key: [self.article_ids[i] for e in g.members for i in self._events[e].members]
            for g in self._storylines
            if g.alive
        }

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
        self._events, self._storylines = [], []
        self._event_alias, self._storyline_alias, self._family_event = {}, {}, {}
        self._postings = {}
        self.last_merges = {}
        everything = list(range(len(self.article_ids)))
        self._cluster_units(self._units(everything))
        return [self._assignment(i) for i in everything]

    def article_matrices(self) -> tuple[dict[str, Any], np.ndarray, np.ndarray]:
        """Every article as unit rows under the current idf: one sparse matrix per kind, the embeddings,
        and the publication days (NaN when unknown). Their products give all pairwise features at once."""
        from scipy.sparse import csr_matrix

        idf = self.vocab.idf
        kinds = self.vocab.kind_array()
        out = {}
        for ki, kind in enumerate(KINDS):
            rows, cols, vals = [], [], []
            for i, (t, w) in enumerate(zip(self._terms, self._weights, strict=True)):
                m = kinds[t] == ki
                rows.append(np.full(int(m.sum()), i))
                cols.append(t[m])
                vals.append(w[m] * idf[t[m]])
            shape = (len(self._terms), len(self.vocab))
            mat = csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=shape)
            out[kind] = mat
        return out, self._emb.copy(), np.asarray(self._days, dtype=np.float64)

    # --- ingest ---------------------------------------------------------------------------------------

    def _ingest(self, articles: list[Article], families: Mapping[str, str]) -> list[int]:
        feats = featurize(articles)
        vocab = self.vocab
        all_ids = []
        for f in feats:
            all_ids.append(np.fromiter((vocab.id_of(t) for t in f.terms), dtype=np.int64, count=len(f.terms)))
        # Count the batch's documents before weighing its terms: one batch sees its own statistics,
        # exactly as a one-batch run would.
        vocab.add_documents(all_ids)
        idf = vocab.idf
        kinds = vocab.kind_array()
        first = len(self.article_ids)
        for f, ids in zip(feats, all_ids, strict=True):
            tf = np.fromiter(f.terms.values(), dtype=np.float64, count=len(ids))
            w = tf * idf[ids]
            k = kinds[ids]
            keep_ids, keep_w = [], []
            for ki, kind in enumerate(KINDS):
                mask = k == ki
                if not mask.any():
                    continue
                kid, ktf, kw = ids[mask], tf[mask], w[mask]
                top = self.settings.top_terms[kind]
                if len(kid) > top:
                    sel = np.argpartition(-kw, top)[:top]
                    kid, ktf, kw = kid[sel], ktf[sel], kw[sel]
                norm = float(np.sqrt(np.dot(kw, kw)))
                if norm <= 0:
                    continue
                # Stored: tf / norm. The weight at comparison time is this times the idf then.
                keep_ids.append(kid)
                keep_w.append(ktf / norm)
            self._terms.append(np.concatenate(keep_ids).astype(np.int32) if keep_ids else np.zeros(0, np.int32))
            self._has.append(np.bincount(kinds[self._terms[-1]], minlength=4).clip(0, 1).astype(np.float64))
            self._weights.append(
                np.concatenate(keep_w).astype(np.float32) if keep_w else np.zeros(0, np.float32)
            )
            self.article_index[f.id] = len(self.article_ids)
            self.article_ids.append(f.id)
            self._days.append(f.day if f.day is not None else math.nan)
            self._event_of.append(-1)
            self._family_of.append(families.get(f.id))
            self._why.append({})
            self._join_score.append(0.0)
        if self.settings.use_embeddings:
            from storyline.cluster.embedding import embed

            vectors = embed([f.lede for f in feats])
        else:
            vectors = np.zeros((len(feats), S.EMBED_DIM), dtype=np.float32)
        self._emb = np.concatenate([self._emb, vectors]) if len(self._emb) else vectors
        return list(range(first, len(self.article_ids)))

    def _units(self, new_idx: list[int]) -> list[_Unit]:
        """New articles grouped by family, in a canonical order (publication day, then id)."""
        groups: dict[str, list[int]] = {}
        for i in new_idx:
            fam = self._family_of[i]
            groups.setdefault(f"f:{fam}" if fam is not None else f"a:{self.article_ids[i]}", []).append(i)
        units = []
        for members in groups.values():
            sums: dict[int, float] = {}
            for i in members:
                for t, w in zip(self._terms[i].tolist(), self._weights[i].tolist(), strict=True):
                    sums[t] = sums.get(t, 0.0) + w
            days = [self._days[i] for i in members if not math.isnan(self._days[i])]
            first_day = min(days) if days else math.inf
            units.append(
                _Unit(
                    articles=sorted(members, key=lambda i: self.article_ids[i]),
                    sums=sums,
                    emb=self._emb[members].sum(axis=0),
                    n=len(members),
                    day_min=min(days) if days else math.nan,
                    day_max=max(days) if days else math.nan,
                    dated=len(days),
                    order=(first_day, min(self.article_ids[i] for i in members)),
                    has=sum((self._has[i] for i in members), np.zeros(4)),
                )
            )
        units.sort(key=lambda u: u.order)
        return units

    # --- scoring --------------------------------------------------------------------------------------

    def _probe(self, sums: dict[int, float]) -> tuple[list[int], list[float], list[int]]:
        """A side's terms with their idf-squared weights and kinds, ready for a dot-product loop."""
        ids = np.fromiter(sums.keys(), dtype=np.int64, count=len(sums))
        vals = np.fromiter(sums.values(), dtype=np.float64, count=len(sums))
        idf = self.vocab.idf[ids]
        return ids.tolist(), (vals * idf * idf).tolist(), self.vocab.kind_array()[ids].tolist()

    def _group_probe(self, g: _Group) -> tuple[list[int], list[float], list[int]]:
        """A group's probe, cut to its ``GROUP_PROBE_TERMS`` weightiest terms and cached until it changes.

        Comparing two large groups then costs a bounded number of look-ups; the terms left out carry
        little of either side's weight.
        """
        if g.probe is not None and g.probe[0] == self.vocab.version:
            return g.probe[1]
        ids, ws, ks = self._probe(g.sums)
        cap = S.GROUP_PROBE_TERMS
        if len(ids) > cap:
            w = np.asarray(ws)
            sel = np.argpartition(-w, cap)[:cap].tolist()
            ids, ws, ks = [ids[i] for i in sel], [ws[i] for i in sel], [ks[i] for i in sel]
        g.probe = (self.vocab.version, (ids, ws, ks))
        return ids, ws, ks

    def _features(
        self,
        x: _Unit | _Group,
        y: _Group,
        probe_x: tuple[list[int], list[float], list[int]] | None = None,
    ) -> list[float]:
        """Average-linkage similarity features (words, names, dates, numbers, embedding) of a set and a group.

        For unit vectors, the dot product of two sums divided by both sizes is the mean pairwise cosine.
        """
        acc = [0.0, 0.0, 0.0, 0.0]
        sums_x, emb_x, n_x = x.sums, x.emb, x.n
        if probe_x is None:
            probe_x = self._group_probe(x) if isinstance(x, _Group) else self._probe(sums_x)
        if len(probe_x[0]) <= len(y.sums):
            other = y.sums
            ids, ws, ks = probe_x
        else:
            other = sums_x
            ids, ws, ks = self._group_probe(y)
        get = other.get
        for t, w, k in zip(ids, ws, ks, strict=True):
            u = get(t)
            if u is not None:
                acc[k] += w * u
        denom = float(n_x * y.n)
        emb = float(np.dot(emb_x, y.emb)) / denom
        return [acc[0] / denom, acc[1] / denom, acc[2] / denom, acc[3] / denom, emb]

    @staticmethod
    def _presence(x: _Unit | _Group, y: _Group) -> tuple[float, float]:
        denom = float(x.n * y.n)
        return float(x.has[2] * y.has[2]) / denom, float(x.has[3] * y.has[3]) / denom

    def _time_features(self, span_x: tuple[float, float], y: _Group, scale: float) -> tuple[float, float]:
        lo, hi = span_x
        if math.isnan(lo) or math.isnan(y.day_min):
            return 0.0, 1.0
        gap = max(0.0, y.day_min - hi, lo - y.day_max)
        return math.exp(-gap / scale), 0.0

    def _score(self, feats: list[float], weights: S.LevelWeights) -> float:
        return weights.bias + sum(a * b for a, b in zip(weights.vector(), feats, strict=True))

    def _score_set(
        self,
        x: _Unit | _Group,
        y: _Group,
        weights: S.LevelWeights,
        probe_x: tuple[list[int], list[float], list[int]] | None = None,
    ) -> float:
        feats = self._features(x, y, probe_x)
        feats.extend(self._time_features((x.day_min, x.day_max), y, weights.time_scale_days))
        feats.extend(self._presence(x, y))
        return self._score(feats, weights)

    def _cohesion(self, g: _Group, weights: S.LevelWeights) -> float:
        """The mean score between two different members of ``g`` (``-inf`` below two members: no bar).

        An article (or event) joins a group only if it scores within ``cohesion_margin`` of this: a later
        event of the same storyline can resemble an event well above the absolute threshold yet clearly
        less than the event's own articles resemble each other.
        """
        if g.n < 2:
            return -math.inf
        ids, ws, ks = self._group_probe(g)
        acc = [0.0, 0.0, 0.0, 0.0]
        sums = g.sums
        for t, w, k in zip(ids, ws, ks, strict=True):
            acc[k] += w * sums[t]
        pairs = float(g.n * (g.n - 1))
        feats = [max(0.0, (acc[k] - g.has[k]) / pairs) for k in range(4)]
        feats.append(max(0.0, (float(np.dot(g.emb, g.emb)) - g.n) / pairs))
        undated = 0.0 if g.dated == g.n else 1.0
        feats.extend([1.0 if g.dated else 0.0, undated])
        feats.extend([g.has[2] * (g.has[2] - 1) / pairs, g.has[3] * (g.has[3] - 1) / pairs])
        return self._score(feats, weights)

    def _close_enough(self, z: float, g: _Group, weights: S.LevelWeights, margin: float) -> bool:
        return z >= weights.threshold and z >= self._cohesion(g, weights) - margin

    def feature_vector(self, a: str | list[str], b: str | list[str], level: str = "event") -> list[float]:
        """The similarity features between two sets of known articles (for fitting weights)."""
        weights = self.settings.event if level == "event" else self.settings.storyline
        xa = self._adhoc_group([a] if isinstance(a, str) else a)
        xb = self._adhoc_group([b] if isinstance(b, str) else b)
        feats = self._features(xa, xb)
        feats.extend(self._time_features((xa.day_min, xa.day_max), xb, weights.time_scale_days))
        return feats + list(self._presence(xa, xb))

    def _adhoc_group(self, ids: list[str]) -> _Group:
        idx = [self.article_index[i] for i in ids]
        sums: dict[int, float] = {}
        for i in idx:
            for t, w in zip(self._terms[i].tolist(), self._weights[i].tolist(), strict=True):
                sums[t] = sums.get(t, 0.0) + w
        days = [self._days[i] for i in idx if not math.isnan(self._days[i])]
        return _Group(
            key="",
            sums=sums,
            emb=self._emb[idx].sum(axis=0),
            n=len(idx),
            day_min=min(days) if days else math.nan,
            day_max=max(days) if days else math.nan,
            dated=len(days),
            members=idx,
            has=sum((self._has[i] for i in idx), np.zeros(4)),
        )

    # --- placing articles -----------------------------------------------------------------------------

    def _resolve(self, e: int) -> int:
        alias = self._event_alias
        root = e
        while root in alias:
            root = alias[root]
        while e in alias and alias[e] != root:
            alias[e], e = root, alias[e]
        return root

    def _query_terms(self, sums: dict[int, float]) -> list[int]:
        """The rarest weighty words and names of a side: what the inverted index is asked about."""
        ids = np.fromiter(sums.keys(), dtype=np.int64, count=len(sums))
        vals = np.fromiter(sums.values(), dtype=np.float64, count=len(sums))
        max_df = max(self.settings.query_max_df * self.vocab.docs, 50.0)
        ok = (self.vocab.kind_array()[ids] < 2) & (self.vocab.df_array()[ids] <= max_df)
        ids, vals = ids[ok], vals[ok] * self.vocab.idf[ids[ok]]
        k = self.settings.query_terms
        if len(ids) > k:
            sel = np.argpartition(-vals, k)[:k]
            ids, vals = ids[sel], vals[sel]
        return ids[np.lexsort((ids, -vals))].tolist()

    def _candidates(self, query: list[int]) -> list[int]:
        """Events sharing the most (idf-weighted) query terms: a bounded number of postings is read."""
        idf = self.vocab.idf
        hits: dict[int, float] = {}
        for t in query:
            posting = self._postings.get(t)
            if not posting:
                continue
            w = float(idf[t])
            for e in set(posting):
                e = self._resolve(e)
                hits[e] = hits.get(e, 0.0) + w
        best = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[: self.settings.candidates]
        return [e for e, _ in best]

    def _index(self, event: int, query: list[int]) -> None:
        cap = self.settings.postings_cap
        for t in query:
            posting = self._postings.setdefault(t, [])
            if posting and posting[-1] == event:
                continue
            posting.append(event)
            if len(posting) > cap:
                del posting[: len(posting) - cap]

    def _place(self, unit: _Unit) -> tuple[int, list[int]]:
        """Put one unit in an event; returns the event and the candidates it was compared with."""
        weights = self.settings.event
        query = self._query_terms(unit.sums)
        fam = self._family_of[unit.articles[0]]
        known = self._family_event.get(fam) if fam is not None else None
        candidates = self._candidates(query)
        probe = self._probe(unit.sums)
        best, best_z = -1, -math.inf
        if known is not None:
            best = self._resolve(known)
            best_z = self._score_set(unit, self._events[best], weights, probe)
        else:
            for e in candidates:
                z = self._score_set(unit, self._events[e], weights, probe)
                if z > best_z:
                    best, best_z = e, z
        margin = self.settings.cohesion_margin
        if best >= 0 and (known is not None or self._close_enough(best_z, self._events[best], weights, margin)):
            event = best
            why = self._shared(unit.sums, self._events[event].sums)
            score = _sigmoid(best_z)
            self._add_to_group(self._events[event], unit)
            parent = self._events[event].parent
            if parent >= 0:
                self._add_to_group(self._storylines[parent], unit, members=False)
        else:
            event = len(self._events)
            self._events.append(
                _Group(
                    key=self.article_ids[unit.articles[0]],
                    sums=dict(unit.sums),
                    emb=unit.emb.copy(),
                    n=unit.n,
                    day_min=unit.day_min,
                    day_max=unit.day_max,
                    dated=unit.dated,
                    members=list(unit.articles),
                    has=unit.has.copy(),
                )
            )
            why, score = {}, 0.0
        if fam is not None:
            self._family_event.setdefault(fam, event)
        for i in unit.articles:
            self._event_of[i] = event
            self._why[i] = why
            self._join_score[i] = score
        self._index(event, query)
        return event, [c for c in candidates if c != event]

    def _revisit(self, unit: _Unit, event: int) -> tuple[int, list[int], bool]:
        """Take a placed unit out of its event and place it again against everything now known.

        One pass of this (k-means style) repairs what the arrival order got wrong: the unit that started an
        event before its better match arrived, later in the same batch, moves there.
        """
        g = self._events[event]
        fam = self._family_of[unit.articles[0]]
        if fam is not None and self._family_event.get(fam) is not None and g.n > unit.n:
            return event, [], False
        weights = self.settings.event
        query = self._query_terms(unit.sums)
        candidates = [c for c in self._candidates(query) if c != event]
        if not candidates:
            return event, [], False
        self._remove_from_group(g, unit)
        probe = self._probe(unit.sums)
        own = self._score_set(unit, g, weights, probe) if g.n else -math.inf
        best, best_z = -1, -math.inf
        for c in candidates:
            z = self._score_set(unit, self._events[c], weights, probe)
            if z > best_z:
                best, best_z = c, z
        margin = self.settings.cohesion_margin
        if best < 0 or best_z <= own or not self._close_enough(best_z, self._events[best], weights, margin):
            self._add_to_group(g, unit, members=False)
            g.members = self._sorted_members(g.members + unit.articles)
            if g.parent >= 0:
                self._add_to_group(self._storylines[g.parent], unit, members=False)
            return event, candidates, False
        target = self._events[best]
        self._add_to_group(target, unit)
        if target.parent >= 0:
            self._add_to_group(self._storylines[target.parent], unit, members=False)
        why = self._shared(unit.sums, target.sums)
        for i in unit.articles:
            self._event_of[i] = best
            self._why[i] = why
            self._join_score[i] = _sigmoid(best_z)
        if fam is not None:
            self._family_event[fam] = best
        self._index(best, query)
        if g.n == 0:
            g.alive = False
            self._event_alias[event] = best
            self.last_merges[g.key] = target.key
            if g.parent >= 0:
                sl = self._storylines[g.parent]
                sl.members.remove(event)
                if not sl.members:
                    sl.alive = False
        return best, [c for c in candidates if c != best] + ([event] if g.n else []), True

    def _sorted_members(self, members: list[int]) -> list[int]:
        return sorted(members)

    def _remove_from_group(self, g: _Group, unit: _Unit) -> None:
        """Subtract a unit that is a member of ``g`` (an event) and of its storyline."""
        for target in (g, self._storylines[g.parent]) if g.parent >= 0 else (g,):
            sums = target.sums
            for t, v in unit.sums.items():
                left = sums.get(t, 0.0) - v
                if left > 1e-9:
                    sums[t] = left
                else:
                    sums.pop(t, None)
            target.probe = None
            target.emb = target.emb - unit.emb
            target.has = target.has - unit.has
            target.n -= unit.n
            target.dated -= unit.dated
        gone = set(unit.articles)
        g.members = [i for i in g.members if i not in gone]
        days = [self._days[i] for i in g.members if not math.isnan(self._days[i])]
        g.day_min, g.day_max = (min(days), max(days)) if days else (math.nan, math.nan)

    def _add_to_group(self, g: _Group, unit: _Unit | _Group, members: bool = True) -> None:
        """Add a unit's (or group's) sums and span to a group; a unit's articles join its members."""
        sums = g.sums
        for t, v in unit.sums.items():
            sums[t] = sums.get(t, 0.0) + v
        g.probe = None
        g.emb = g.emb + unit.emb
        g.has = g.has + unit.has
        g.n += unit.n
        if unit.dated:
            g.day_min = unit.day_min if math.isnan(g.day_min) else min(g.day_min, unit.day_min)
            g.day_max = unit.day_max if math.isnan(g.day_max) else max(g.day_max, unit.day_max)
            g.dated += unit.dated
        if members and isinstance(unit, _Unit):
            g.members.extend(unit.articles)

    def _shared(self, sums_x: dict[int, float], sums_y: dict[int, float], top: int = 5) -> dict[str, list[str]]:
        """The terms that contribute most to the similarity of two sides, per kind, as readable strings."""
        idf = self.vocab.idf
        kinds = self.vocab.kinds
        if len(sums_x) > len(sums_y):
            sums_x, sums_y = sums_y, sums_x
        per_kind: list[list[tuple[float, int]]] = [[], [], [], []]
        for t, v in sums_x.items():
            u = sums_y.get(t)
            if u is not None:
                per_kind[kinds[t]].append((v * u * idf[t] * idf[t], t))
        out: dict[str, list[str]] = {}
        for name, items in zip(("terms", "entities", "dates", "numbers"), per_kind, strict=True):
            items.sort(reverse=True)
            out[name] = [self.vocab.terms[t][2:] for _, t in items[:top]]
        return out

    # --- merging and storylines -----------------------------------------------------------------------

    def _merge_events(self, touched: dict[int, list[int]]) -> list[int]:
        """Merge each touched event with a candidate it now resembles on average; returns live touched events."""
        weights = self.settings.event
        order = sorted({self._resolve(e) for e in touched}, key=lambda e: self._events[e].key)
        for e in order:
            e = self._resolve(e)
            while True:
                g = self._events[e]
                cands = self._frequent({self._resolve(c) for c in touched.get(e, [])}, touched.get(e, []), e)
                best, best_z = -1, -math.inf
                for c in sorted(cands):
                    z = self._score_set(g, self._events[c], weights)
                    if z > best_z:
                        best, best_z = c, z
                if best < 0 or not self._close_enough(
                    best_z, self._events[best], weights, self.settings.cohesion_margin
                ) or not self._close_enough(best_z, g, weights, self.settings.cohesion_margin):
                    break
                e = self._merge_event_pair(e, best, touched)
        return sorted({self._resolve(e) for e in touched}, key=lambda e: self._events[e].key)

    def _frequent(self, cands: set[int], seen: list[int], own: int) -> list[int]:
        """The ``MERGE_CANDIDATES`` candidates met most often by a group's articles (ties: oldest)."""
        cands.discard(own)
        if len(cands) <= S.MERGE_CANDIDATES:
            return sorted(cands)
        counts: dict[int, int] = {}
        for c in seen:
            c = self._resolve(c)
            if c in cands:
                counts[c] = counts.get(c, 0) + 1
        return sorted(sorted(cands, key=lambda c: (-counts.get(c, 0), c))[: S.MERGE_CANDIDATES])

    def _merge_event_pair(self, a: int, b: int, touched: dict[int, list[int]]) -> int:
        """Merge events ``a`` and ``b``; the older one (lower index) absorbs the other and keeps its id."""
        if b < a:
            a, b = b, a
        ga, gb = self._events[a], self._events[b]
        # Storyline bookkeeping first, while each event's sums are still its own.
        if ga.parent >= 0 and gb.parent >= 0:
            sa = self._merge_storyline_pair(ga.parent, gb.parent)
            self._storylines[sa].members.remove(b)
        elif ga.parent >= 0:
            self._add_to_group(self._storylines[ga.parent], gb, members=False)
        elif gb.parent >= 0:
            sl = self._storylines[gb.parent]
            self._add_to_group(sl, ga, members=False)
            sl.members[sl.members.index(b)] = a
            ga.parent = gb.parent
        self._add_to_group(ga, gb)
        ga.members.extend(gb.members)
        gb.alive = False
        gb.members = []
        gb.sums = {}
        self._event_alias[b] = a
        self.last_merges[gb.key] = ga.key
        for i in ga.members:
            self._event_of[i] = a
        merged = touched.pop(a, []) + touched.pop(b, [])
        touched[a] = [c for c in merged if self._resolve(c) != a]
        return a

    def _place_in_storylines(self, touched_events: list[int], touched: dict[int, list[int]]) -> None:
        """Give each new event a storyline, then merge touched storylines that resemble each other."""
        weights = self.settings.storyline
        touched_storylines: set[int] = set()
        for e in touched_events:
            e = self._resolve(e)
            g = self._events[e]
            if g.parent >= 0:
                touched_storylines.add(self._resolve_storyline(g.parent))
                continue
            cands = sorted(self._storyline_candidates([e], touched))
            best, best_z = -1, -math.inf
            for s in cands:
                z = self._score_set(g, self._storylines[s], weights)
                if z > best_z:
                    best, best_z = s, z
            if best >= 0 and best_z >= weights.threshold:
                sl = self._storylines[best]
                self._add_to_group(sl, g, members=False)
                sl.members.append(e)
                g.parent = best
            else:
                g.parent = len(self._storylines)
                self._storylines.append(
                    _Group(
                        key=g.key,
                        sums=dict(g.sums),
                        emb=g.emb.copy(),
                        n=g.n,
                        day_min=g.day_min,
                        day_max=g.day_max,
                        dated=g.dated,
                        members=[e],
                        has=g.has.copy(),
                    )
                )
            touched_storylines.add(g.parent)
        for s in sorted(touched_storylines):
            s = self._resolve_storyline(s)
            while True:
                sl = self._storylines[s]
                cands = self._storyline_candidates([e for e in sl.members if e in touched], touched) - {s}
                if len(cands) > S.MERGE_CANDIDATES:
                    cands = set(sorted(cands, key=lambda c: -self._storylines[c].n)[: S.MERGE_CANDIDATES])
                best, best_z = -1, -math.inf
                for c in sorted(cands):
                    z = self._score_set(sl, self._storylines[c], weights)
                    if z > best_z:
                        best, best_z = c, z
                if best < 0 or best_z < weights.threshold:
                    break
                s = self._merge_storyline_pair(s, best)

    def _storyline_candidates(self, events: list[int], touched: dict[int, list[int]]) -> set[int]:
        """Storylines of the candidate events that the given events' articles were compared with."""
        out: set[int] = set()
        for e in events:
            for c in touched.get(e, []):
                p = self._events[self._resolve(c)].parent
                if p >= 0:
                    out.add(self._resolve_storyline(p))
        return out

    def _resolve_storyline(self, s: int) -> int:
        while s in self._storyline_alias:
            s = self._storyline_alias[s]
        return s

    def _merge_storyline_pair(self, a: int, b: int) -> int:
        a, b = self._resolve_storyline(a), self._resolve_storyline(b)
        if a == b:
            return a
        if b < a:
            a, b = b, a
        sa, sb = self._storylines[a], self._storylines[b]
        self._add_to_group(sa, sb)
        for e in sb.members:
            self._events[e].parent = a
        sa.members.extend(sb.members)
        sb.alive = False
        sb.members = []
        sb.sums = {}
        self._storyline_alias[b] = a
        self.last_merges[sb.key] = sa.key
        return a

    # --- reporting ------------------------------------------------------------------------------------

    def _assignment(self, i: int) -> ClusterAssignment:
        e = self._resolve(self._event_of[i])
        g = self._events[e]
        storyline = self._storylines[self._resolve_storyline(g.parent)].key if g.parent >= 0 else g.key
        return ClusterAssignment(
            article=self.article_ids[i], event=g.key, storyline=storyline, score=self._join_score[i], why=self._why[i]
        )

    # --- explanations and titles ----------------------------------------------------------------------

    def explain(self, event_id: str) -> dict[str, Any]:
        """Why an event's articles belong together: the terms, names, dates and numbers they share.

        Each list holds ``{"term", "articles"}`` (how many members contain it), best first: terms in at
        least two members (or the one member of a single-article event), ranked by their share of members
        times their idf. Also gives the event's storyline and its publication span.
        """
        g = self._group_by_key(event_id)
        idf = self.vocab.idf
        counts: dict[int, int] = {}
        for i in g.members:
            for t in self._terms[i].tolist():
                counts[t] = counts.get(t, 0) + 1
        need = 2 if g.n > 1 else 1
        per_kind: list[list[tuple[float, int, int]]] = [[], [], [], []]
        kinds = self.vocab.kinds
        for t, c in counts.items():
            if c >= need:
                per_kind[kinds[t]].append((c / g.n * float(idf[t]), c, t))
        out: dict[str, Any] = {"event": g.key, "articles": g.n}
        for name, items, top in zip(("terms", "entities", "dates", "numbers"), per_kind, (10, 10, 5, 5), strict=True):
            items.sort(key=lambda x: (-x[0], x[2]))
            chosen = [(self.vocab.terms[t][2:], c) for _, c, t in items]
            if name == "entities":
                # "lohan" adds nothing beside "lindsay lohan" in as many articles.
                phrases = [(p, c) for p, c in chosen if " " in p]
                chosen = [(p, c) for p, c in chosen if " " in p or not any(
                    p in q.split() and c <= qc for q, qc in phrases)]
            out[name] = [{"term": p, "articles": c} for p, c in chosen[:top]]
        out["storyline"] = self._storylines[self._resolve_storyline(g.parent)].key if g.parent >= 0 else g.key
        out["first_day"] = _iso_day(g.day_min)
        out["last_day"] = _iso_day(g.day_max)
        return out

    def _group_by_key(self, event_id: str) -> _Group:
        i = self.article_index.get(event_id)
        if i is None:
            raise KeyError(event_id)
        # An event's id is the id of the article that started it; after a merge, that article's event is
        # the one that absorbed it, so an old id still finds its articles.
        return self._events[self._resolve(self._event_of[i])]

    def central_articles(self, event_id: str) -> list[str]:
        """The event's articles, most central first (highest mean similarity to the others)."""
        g = self._group_by_key(event_id)
        if g.n == 1:
            return [self.article_ids[g.members[0]]]
        weights = self.settings.event
        scored = []
        for i in g.members:
            one = self._adhoc_group([self.article_ids[i]])
            scored.append((-self._score_set(one, g, weights), self.article_ids[i]))
        scored.sort()
        return [a for _, a in scored]

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
        g = self._group_by_key(event_id)
        return central_sentence(articles[ranked[0]], g.sums, self.vocab)

    # --- state ----------------------------------------------------------------------------------------

    def export_state(self) -> dict[str, Any]:
        """Everything needed to continue later, as plain lists, dicts and numpy arrays.

        Per article: id, family, event index, publication day, its kept term ids and weights (terms are
        indexes into ``vocabulary.terms``), the score and why it joined, and (one row of ``embeddings``)
        its dense vector. Per event: id, article indexes, storyline index, alive, alias. Per storyline: id,
        event indexes, alive, alias. The sums, spans and inverted index are rebuilt from these.
        """
        return {
            "version": 1,
            "vocabulary": self.vocab.export_state(),
            "articles": [
                {
                    "id": self.article_ids[i],
                    "family": self._family_of[i],
                    "event": self._event_of[i],
                    "day": None if math.isnan(self._days[i]) else self._days[i],
                    "terms": self._terms[i].tolist(),
                    "weights": self._weights[i].tolist(),
                    "score": self._join_score[i],
                    "why": self._why[i],
                }
                for i in range(len(self.article_ids))
            ],
            "embeddings": self._emb.copy(),
            "events": [
                {"id": g.key, "articles": list(g.members), "storyline": g.parent, "alive": g.alive}
                for g in self._events
            ],
            "event_alias": dict(self._event_alias),
            "storylines": [
                {"id": g.key, "events": list(g.members), "alive": g.alive} for g in self._storylines
            ],
            "storyline_alias": dict(self._storyline_alias),
            "postings": {t: list(p) for t, p in self._postings.items()},
        }

    @classmethod
    def import_state(cls, state: Mapping[str, Any], settings: S.ClusterSettings | None = None) -> StoryClusterer:
        """A clusterer that continues from :meth:`export_state`'s output."""
        c = cls(settings)
        c.vocab = Vocabulary.import_state(state["vocabulary"])
        for i, a in enumerate(state["articles"]):
            c.article_index[a["id"]] = i
            c.article_ids.append(a["id"])
            c._family_of.append(a["family"])
            c._event_of.append(int(a["event"]))
            c._days.append(math.nan if a["day"] is None else float(a["day"]))
            c._terms.append(np.asarray(a["terms"], dtype=np.int32))
            c._has.append(np.bincount(c.vocab.kind_array()[c._terms[-1]], minlength=4).clip(0, 1).astype(np.float64))
            c._weights.append(np.asarray(a["weights"], dtype=np.float32))
            c._join_score.append(float(a["score"]))
            c._why.append(dict(a["why"]))
        c._emb = np.asarray(state["embeddings"], dtype=np.float32).reshape(-1, S.EMBED_DIM)
        for ev in state["events"]:
            g = c._adhoc_group([c.article_ids[i] for i in ev["articles"]]) if ev["articles"] else _empty_group()
            g.key, g.parent, g.alive = ev["id"], int(ev["storyline"]), bool(ev["alive"])
            c._events.append(g)
        c._event_alias = {int(k): int(v) for k, v in state["event_alias"].items()}
        for sl in state["storylines"]:
            arts = [c.article_ids[i] for e in sl["events"] for i in c._events[e].members]
            g = c._adhoc_group(arts) if arts else _empty_group()
            g.key, g.members, g.alive = sl["id"], list(sl["events"]), bool(sl["alive"])
            c._storylines.append(g)
        c._storyline_alias = {int(k): int(v) for k, v in state["storyline_alias"].items()}
        c._postings = {int(t): list(p) for t, p in state["postings"].items()}
        for a in state["articles"]:
            if a["family"] is not None:
                c._family_event.setdefault(a["family"], c._resolve(int(a["event"])))
        return c


def _empty_group() -> _Group:
    return _Group(key="", sums={}, emb=np.zeros(S.EMBED_DIM, dtype=np.float32), n=0, day_min=math.nan,
                  day_max=math.nan, dated=0, members=[], alive=False)


def _iso_day(day: float) -> str | None:
    if math.isnan(day):
        return None
    import datetime as dt

    return dt.date.fromordinal(int(day) + 719163).isoformat()
