"""Word and bigram importance: how likely a reader-written summary of the story is to mention a term.

Counting documents (Gillick & Favre 2009) is a strong start, but which counts matter, and how much an
early position adds, is better learnt than guessed: Hong & Nenkova (2014, RegSum) and Li, Qian & Liu
(2013) fit a model of *word importance* on stories with human summaries and feed its predictions into
the selection. Here a logistic regression reads a handful of story-internal, vocabulary-free features of
each term (how many articles use it, how often, how early, whether it is a stopword or a number) and
gives the probability that a human summary of the story contains it. Because no feature names a word,
the model carries over to stories on any subject.

The coefficients live in :mod:`storyline.brief.settings` (``BIGRAM_MODEL``, ``WORD_MODEL``); they are fitted
by ``python -m storyline.eval.summaries --fit`` (see :func:`storyline.eval.summaries.fit_models`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from storyline.brief.concepts import stop_stems

# Names of the features, in column order (documentation, and a check that stored models still fit).
BIGRAM_FEATURES = (
    "df_share",  # share of the story's articles that use the term
    "log_tf",  # log(1 + number of the story's sentences that use it)
    "lead3_share",  # share of articles using it within their first three sentences
    "lead1_share",  # share of articles using it in their first sentence
    "mean_relative_position",  # where it first appears, 0 = start, 1 = end, averaged over its articles
    "log_first_position",  # log(1 + earliest sentence index in any article)
    "stopwords",  # how many of its words are stopwords
    "min_word_df_share",  # df share of its rarer word
    "max_word_df_share",  # df share of its commoner word
    "has_number",
    "df_share_squared",
)
WORD_FEATURES = (
    "df_share",
    "log_tf",
    "lead3_share",
    "lead1_share",
    "mean_relative_position",
    "log_first_position",
    "stopword",
    "is_number",
    "df_share_squared",
    "length",  # characters of the stem, up to 10, over 10
)


class SentenceLike(Protocol):
    """What the features read of a sentence: its stemmed words and its bigram concepts."""

    stems: list[str]
    bigrams: set[tuple[str, str]]


@dataclass(frozen=True)
class ImportanceModel:
    """A fitted logistic regression over standardised features.

    ``predict`` gives, for each row of features, the probability that a human summary contains the term.
    """

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def predict(self, features: np.ndarray) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        return 1.0 / (1.0 + np.exp(-(z @ np.asarray(self.coef) + self.intercept)))

    @classmethod
    def from_settings(cls, stored: Mapping[str, Any]) -> ImportanceModel:
        return cls(tuple(stored["mean"]), tuple(stored["scale"]), tuple(stored["coef"]), float(stored["intercept"]))

    def as_settings(self, digits: int = 5) -> dict[str, Any]:
        """The model as plain numbers for ``settings.py``."""
        return {
            "mean": [round(v, digits) for v in self.mean],
            "scale": [round(v, digits) for v in self.scale],
            "coef": [round(v, digits) for v in self.coef],
            "intercept": round(self.intercept, digits),
        }


def fit_model(features: np.ndarray, labels: np.ndarray, regularisation: float) -> ImportanceModel:
    """Fit an :class:`ImportanceModel` (L2 logistic regression, ``C = regularisation``) on rows of features
    and 0/1 labels (1: the term is in at least one human summary)."""
    from sklearn.linear_model import LogisticRegression

    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    clf = LogisticRegression(C=regularisation, max_iter=5000)
    clf.fit((features - mean) / scale, labels)
    return ImportanceModel(tuple(mean.tolist()), tuple(scale.tolist()), tuple(clf.coef_[0].tolist()),
                           float(clf.intercept_[0]))


def bigram_features(story: Sequence[Sequence[SentenceLike]]) -> tuple[list[tuple[str, str]], np.ndarray]:
    """Every bigram concept of a story (``story[a]`` is article *a*'s sentences in order) and its
    :data:`BIGRAM_FEATURES` row."""
    n_articles = max(1, sum(1 for sentences in story if sentences))
    stats = _occurrence_stats(story, lambda s: s.bigrams)
    word_df = _document_frequency(story)
    keys = list(stats)
    rows = []
    for key in keys:
        df, tf, lead3, lead1, relative, first = stats[key]
        w1, w2 = word_df.get(key[0], 0) / n_articles, word_df.get(key[1], 0) / n_articles
        share = df / n_articles
        rows.append([
            share, math.log1p(tf), lead3 / n_articles, lead1 / n_articles, relative / df, math.log1p(first),
            (key[0] in stop_stems()) + (key[1] in stop_stems()), min(w1, w2), max(w1, w2),
            float(key[0].isdigit() or key[1].isdigit()), share * share,
        ])
    return keys, np.asarray(rows, dtype=float).reshape(len(rows), len(BIGRAM_FEATURES))


def word_features(story: Sequence[Sequence[SentenceLike]]) -> tuple[list[str], np.ndarray]:
    """Every stemmed word of a story and its :data:`WORD_FEATURES` row."""
    n_articles = max(1, sum(1 for sentences in story if sentences))
    stats = _occurrence_stats(story, lambda s: s.stems)
    keys = list(stats)
    rows = []
    for key in keys:
        df, tf, lead3, lead1, relative, first = stats[key]
        share = df / n_articles
        rows.append([
            share, math.log1p(tf), lead3 / n_articles, lead1 / n_articles, relative / df, math.log1p(first),
            float(key in stop_stems()), float(key.isdigit()), share * share, min(len(key), 10) / 10,
        ])
    return keys, np.asarray(rows, dtype=float).reshape(len(rows), len(WORD_FEATURES))


def _occurrence_stats(story, terms_of) -> dict[Any, list[float]]:
    """Per term: [articles using it, sentences using it, articles using it in the first 3 sentences, in the
    first sentence, sum over articles of relative first position, earliest sentence index]."""
    stats: dict[Any, list[float]] = {}
    for sentences in story:
        n_sentences = max(1, len(sentences))
        first: dict[Any, int] = {}
        count: dict[Any, int] = {}
        for index, sentence in enumerate(sentences):
            for term in set(terms_of(sentence)):
                count[term] = count.get(term, 0) + 1
                first.setdefault(term, index)
        for term, index in first.items():
            row = stats.setdefault(term, [0, 0, 0, 0, 0.0, math.inf])
            row[0] += 1
            row[1] += count[term]
            row[2] += index < 3
            row[3] += index == 0
            row[4] += index / n_sentences
            row[5] = min(row[5], index)
    return stats


def _document_frequency(story) -> dict[str, int]:
    df: dict[str, int] = {}
    for sentences in story:
        for term in {t for s in sentences for t in s.stems}:
            df[term] = df.get(term, 0) + 1
    return df
