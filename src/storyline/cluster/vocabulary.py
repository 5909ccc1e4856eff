"""Term ids, document frequencies and the inverse document frequency that weighs them.

IDF from the library's own counts alone is useless while the library is small (five articles: every name
looks as common as "the") and drifts as it grows, which makes results depend on batching. So document
frequency is smoothed with a fixed background: wordfreq's English word frequencies, counted as
``BACKGROUND_DOCS`` pseudo-documents::

    idf(t) = log((N + B) / (df(t) + B * p(t) + 0.5))

where ``p(t)`` is the background chance that a news article contains ``t``. With ``N`` small the
background decides; as ``N`` grows the library's own counts take over.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from storyline.cluster import settings as S

_BACKGROUND: dict[str, float] | None = None


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
    """Maps terms to dense ids and keeps their document frequencies; ``idf`` is a numpy array by id."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.terms: list[str] = []
        self.kinds: list[int] = []  # index into features.KINDS
        self._kinds = np.zeros(1024, dtype=np.int8)
        self._df = np.zeros(1024, dtype=np.float64)
        self._prior = np.zeros(1024, dtype=np.float64)
        self.docs = 0
        self._idf: np.ndarray | None = None
        self.version = 0  # bumped whenever idf changes, for caches of weighted vectors

    def __len__(self) -> int:
        return len(self.terms)

    def id_of(self, term: str) -> int:
        """The id of ``term``, adding it (with no documents yet) when new."""
        tid = self.ids.get(term)
        if tid is None:
            tid = len(self.terms)
            self.ids[term] = tid
            self.terms.append(term)
            kind = "wedn".index(term[0])
            self.kinds.append(kind)
            if tid >= len(self._df):
                self._df = np.concatenate([self._df, np.zeros(len(self._df))])
                self._prior = np.concatenate([self._prior, np.zeros(len(self._prior))])
                self._kinds = np.concatenate([self._kinds, np.zeros(len(self._kinds), dtype=np.int8)])
            self._kinds[tid] = kind
            self._prior[tid] = S.BACKGROUND_DOCS * background_probability(term)
            self._idf = None
        return tid

    def add_documents(self, term_id_lists: list[np.ndarray]) -> None:
        """Count one document for every term id in each list (ids of one document are unique)."""
        if not term_id_lists:
            return
        ids = np.concatenate(term_id_lists)
        np.add.at(self._df, ids, 1.0)
        self.docs += len(term_id_lists)
        self._idf = None
        self.version += 1

    def df(self, tid: int) -> float:
        return float(self._df[tid])

    def df_array(self) -> np.ndarray:
        """Document frequency of every term id (a view: do not modify)."""
        return self._df[: len(self.terms)]

    def kind_array(self) -> np.ndarray:
        """Kind index (0 words, 1 names, 2 dates, 3 numbers) of every term id."""
        return self._kinds[: len(self.terms)]

    @property
    def idf(self) -> np.ndarray:
        """IDF of every term id, recomputed lazily after the counts change."""
        if self._idf is None:
            n = len(self.terms)
            self._idf = np.log((self.docs + S.BACKGROUND_DOCS) / (self._df[:n] + self._prior[:n] + 0.5))
            np.maximum(self._idf, 0.0, out=self._idf)
        return self._idf

    def export_state(self) -> dict[str, Any]:
        return {"terms": list(self.terms), "df": self._df[: len(self.terms)].tolist(), "docs": self.docs}

    @classmethod
    def import_state(cls, state: dict[str, Any]) -> Vocabulary:
        vocab = cls()
        for t in state["terms"]:
            vocab.id_of(t)
        vocab._df[: len(vocab.terms)] = np.asarray(state["df"], dtype=np.float64)
        vocab.docs = int(state["docs"])
        vocab._idf = None
        return vocab
