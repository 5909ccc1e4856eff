"""Term ids, document frequencies and the inverse document frequency that weighs them.

IDF from the library's own counts alone is useless while the library is small (five articles: every name
looks as common as "the") and drifts as it grows, which makes results depend on batching. So document
frequency is smoothed with a fixed background: wordfreq's English word frequencies, counted as
``BACKGROUND_DOCS`` pseudo-documents::

    idf(t) = log((N + B) / (df(t) + B * p(t) + 0.5))

where ``p(t)`` is the background chance that a news article contains ``t``. With ``N`` small the
background decides; as ``N`` grows the library's own counts take over.

Time terms (kinds ``t`` and ``s``, see :func:`storyline.cluster.features.time_terms`) are not weighed by
rarity: their factor is 1. Names at a time (kinds ``x`` and ``y``, see
:func:`storyline.cluster.features.name_time_slots`) are not in the vocabulary: their ids are hashed from the
name's id and a time slot (:meth:`Vocabulary.product_ids`), and they keep the weight their name had when
the article arrived (their factor is 1).
"""

from __future__ import annotations

import math
from itertools import repeat
from typing import Any

import numpy as np

from storyline.cluster import settings as S
from storyline.cluster.features import ALL_KINDS, PRODUCT_KINDS, TIME_KINDS

_BACKGROUND: dict[str, float] | None = None
_KIND_CODE = {k: i for i, k in enumerate(ALL_KINDS)}
_FIRST_TIME_KIND = min(_KIND_CODE[k] for k in TIME_KINDS)
_FIRST_PRODUCT_KIND = min(_KIND_CODE[k] for k in PRODUCT_KINDS)
# Ids from this one on are names at a time, each kind in its own range of PRODUCT_KIND_SPAN ids: a hash of the
# name's id and the time slot (Vocabulary.product_ids). Term ids are stored as int32: 2^29 + 2 x 2^29 < 2^31.
# Hashed rather than numbered so that no bin ever wraps around onto another: with 2^29 ids per kind, two of
# the 16 million names at a time of 100,000 articles share an id with a chance of 3% for any given one, and
# that matters only if both meet in two compared groups.
PRODUCT_BASE = 1 << 29
PRODUCT_KIND_SPAN = 1 << 29


def _background() -> dict[str, float]:
    global _BACKGROUND
    if _BACKGROUND is None:
        try:
            import wordfreq

            _BACKGROUND = wordfreq.get_frequency_dict("en", wordlist="best")
        except Exception:  # noqa: BLE001 - without wordfreq the library's counts must do
            _BACKGROUND = {}
    return _BACKGROUND


def background_probability(term: str) -> float:
    """Chance that a background news article contains ``term`` (a kind-prefixed string)."""
    kind, _, text = term.partition(":")
    freq = _background()
    if kind in ("w", "e"):
        parts = text.split()
        f = min((freq.get(p, 0.0) for p in parts), default=0.0)
        if len(parts) > 1:
            f *= 0.1  # a full name is rarer than its rarest part
        if kind == "w" and f == 0.0:
            # Plural-stripped stems ("releas") are not words: try the word with its "s".
            f = freq.get(text + "s", 0.0)
    else:
        f = 0.0
    p = -math.expm1(-f * S.BACKGROUND_DOC_TOKENS) if f > 0 else 0.0
    return max(p, S.BACKGROUND_UNKNOWN.get(kind, 1e-4))


class Vocabulary:
    """Maps terms to dense ids and keeps their document frequencies.

    :meth:`factor` gives the weight of term ids at comparison time: the idf for text kinds, 1 for time.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self._kinds = np.zeros(1024, dtype=np.int8)
        self._df = np.zeros(1024, dtype=np.float64)
        self._prior = np.zeros(1024, dtype=np.float64)
        self.docs = 0

    def __len__(self) -> int:
        return len(self.terms)

    def _grow(self, need: int) -> None:
        size = len(self._df)
        while size < need:
            size *= 2
        if size != len(self._df):
            for name in ("_df", "_prior", "_kinds"):
                old = getattr(self, name)
                new = np.zeros(size, dtype=old.dtype)
                new[: len(old)] = old
                setattr(self, name, new)

    def ids_of(self, terms: list[str]) -> np.ndarray:
        """The ids of ``terms``, adding the new ones (with no documents yet)."""
        ids = self.ids
        out = np.fromiter(map(ids.get, terms, repeat(-1, len(terms))), dtype=np.int64, count=len(terms))
        missing = np.flatnonzero(out < 0)
        if len(missing):
            first = len(self.terms)
            fresh: dict[str, int] = {}
            for k in missing.tolist():
                t = terms[k]
                tid = fresh.get(t)
                if tid is None:
                    tid = first + len(fresh)
                    fresh[t] = tid
                out[k] = tid
            self._grow(first + len(fresh))
            for t, tid in fresh.items():
                ids[t] = tid
                self.terms.append(t)
                self._kinds[tid] = _KIND_CODE[t[0]]
                if _KIND_CODE[t[0]] < _FIRST_TIME_KIND:
                    self._prior[tid] = S.BACKGROUND_DOCS * background_probability(t)
        return out

    def add_documents(self, term_ids: np.ndarray, documents: int) -> None:
        """Count one document for every term id in ``term_ids`` (ids of one document are unique)."""
        np.add.at(self._df, term_ids, 1.0)
        self.docs += documents

    @property
    def span(self) -> int:
        """A number above every term id, names at a time included."""
        return PRODUCT_BASE + len(PRODUCT_KINDS) * PRODUCT_KIND_SPAN

    @staticmethod
    def product_ids(name_ids: np.ndarray, slots: np.ndarray) -> np.ndarray:
        """Ids of names at a time: each name id paired with each slot code of
        :func:`storyline.cluster.features.name_time_slots` -- ``slots`` is one row of codes for every name, or
        a row per name -- as a ``(names, slots)`` array: a 64-bit mix of the two (splitmix64's finaliser), in
        the range of the slot's kind."""
        names = np.asarray(name_ids, dtype=np.int64).astype(np.uint64)[:, None]
        codes = np.atleast_2d(np.asarray(slots, dtype=np.int64))
        x = names * np.uint64(0x100000001B3) ^ codes.view(np.uint64)
        x = x + np.uint64(0x9E3779B97F4A7C15)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
        kind = np.mod(codes, len(PRODUCT_KINDS))
        return PRODUCT_BASE + kind * PRODUCT_KIND_SPAN + (x % np.uint64(PRODUCT_KIND_SPAN)).astype(np.int64)

    @staticmethod
    def product_kinds(ids: np.ndarray) -> np.ndarray:
        """The kind code of each name at a time."""
        return _FIRST_PRODUCT_KIND + (np.asarray(ids, dtype=np.int64) - PRODUCT_BASE) // PRODUCT_KIND_SPAN

    def _plain(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """Term ids with names at a time replaced by 0, and where those were (``None``: nowhere)."""
        if not len(ids) or ids.max() < PRODUCT_BASE:
            return ids, None
        big = np.asarray(ids) >= PRODUCT_BASE
        return np.where(big, 0, ids), big

    def kinds(self, ids: np.ndarray) -> np.ndarray:
        """Kind code (index into ``features.ALL_KINDS``) of each term id."""
        plain, big = self._plain(ids)
        out = self._kinds[plain]
        if big is not None:
            out[big] = self.product_kinds(np.asarray(ids)[big])
        return out

    def df(self, ids: np.ndarray) -> np.ndarray:
        """Documents counted for each term id (0 for a name at a time: they are not counted)."""
        plain, big = self._plain(ids)
        out = self._df[plain]
        if big is not None:
            out[big] = 0.0
        return out

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed idf of each term id of a text kind (0 for a name at a time: see :meth:`factor`)."""
        plain, big = self._plain(ids)
        out = np.log((self.docs + S.BACKGROUND_DOCS) / (self._df[plain] + self._prior[plain] + 0.5))
        out = np.maximum(out, 0.0, out=out)
        if big is not None:
            out[big] = 0.0
        return out

    def factor(self, ids: np.ndarray) -> np.ndarray:
        """The comparison weight of each term id: its idf, or 1 for a time term and a name at a time (which
        carries its name's weight from arrival)."""
        out = self.idf(ids)
        out[self.kinds(ids) >= _FIRST_TIME_KIND] = 1.0
        return out

    def export_state(self) -> dict[str, Any]:
        return {"terms": self.terms, "df": self._df[: len(self.terms)].copy(), "docs": self.docs}

    @classmethod
    def import_state(cls, state: dict[str, Any]) -> Vocabulary:
        vocab = cls()
        terms = list(state["terms"])
        vocab.ids_of(terms)
        vocab._df[: len(terms)] = np.asarray(state["df"], dtype=np.float64)
        vocab.docs = int(state["docs"])
        return vocab
