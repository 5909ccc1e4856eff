"""Term ids, document frequencies and the inverse document frequency that weighs them.

IDF from the library's own counts alone is useless while the library is small (five articles: every name
looks as common as "the") and drifts as it grows, which makes results depend on batching. So document
frequency is smoothed with a fixed background: wordfreq's English word frequencies, counted as
``BACKGROUND_DOCS`` pseudo-documents::

    idf(t) = log((N + B) / (df(t) + B * p(t) + 0.5))

where ``p(t)`` is the background chance that a news article contains ``t``. With ``N`` small the
background decides; as ``N`` grows the library's own counts take over.

Time terms (kinds ``t`` and ``s``, see :func:`storyline.cluster.features.time_terms`) are not weighed by
rarity: their factor is 1.
"""

from __future__ import annotations

import math
from itertools import repeat
from typing import Any

import numpy as np

from storyline.cluster import settings as S
from storyline.cluster.features import ALL_KINDS, TIME_KINDS

_BACKGROUND: dict[str, float] | None = None
_KIND_CODE = {k: i for i, k in enumerate(ALL_KINDS)}
_FIRST_TIME_KIND = min(_KIND_CODE[k] for k in TIME_KINDS)


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

    def kinds(self, ids: np.ndarray) -> np.ndarray:
        """Kind code (index into ``features.ALL_KINDS``) of each term id."""
        return self._kinds[ids]

    def df(self, ids: np.ndarray) -> np.ndarray:
        return self._df[ids]

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """Smoothed idf of each term id (of a text kind)."""
        out = np.log((self.docs + S.BACKGROUND_DOCS) / (self._df[ids] + self._prior[ids] + 0.5))
        return np.maximum(out, 0.0, out=out)

    def factor(self, ids: np.ndarray) -> np.ndarray:
        """The comparison weight of each term id: its idf, or 1 for a time term."""
        out = self.idf(ids)
        out[self._kinds[ids] >= _FIRST_TIME_KIND] = 1.0
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
