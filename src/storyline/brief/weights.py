"""How much each concept is worth: the predicted chance that a human summary of the story states it.

Concepts are of two kinds. Bigrams ``("hun", "sen")`` carry the facts and are what ROUGE-2 and readers
reward for precision; single content words ``("coalit",)`` add breadth, so that among sentences covering
the same facts the one that also names more of the story's key words wins. Each concept's value is its
probability under the importance model (:mod:`storyline.brief.importance`), raised to a power above one
so that the few terms nearly every summary would state dominate the many that only some would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from storyline.brief import settings
from storyline.brief.concepts import stop_stems
from storyline.brief.importance import ImportanceModel, SentenceLike, bigram_features, word_features

Concept = tuple[str, ...]  # a stemmed bigram (two stems) or a single content word (one stem)


def concept_weights(
    story: Sequence[Sequence[SentenceLike]],
    bigram_model: ImportanceModel | None = None,
    word_model: ImportanceModel | None = None,
) -> dict[Concept, float]:
    """The weight of every concept worth covering in a story (``story[a]``: article *a*'s sentences in
    order, all of them, so that positions are true). Terms used by fewer than
    ``settings.MIN_DOCUMENT_SHARE`` of the articles are left out: one article's detail is not the story.
    """
    bigram_model = bigram_model or ImportanceModel.from_settings(settings.BIGRAM_MODEL)
    word_model = word_model or ImportanceModel.from_settings(settings.WORD_MODEL)
    n_articles = sum(1 for sentences in story if sentences)
    min_df = min_document_frequency(n_articles)
    weights: dict[Concept, float] = {}
    keys, features = bigram_features(story)
    if keys:
        probabilities = bigram_model.predict(features)
        for key, row, p in zip(keys, features, probabilities, strict=True):
            if _df(row[0], n_articles) >= min_df:
                weights[key] = float(p) ** settings.BIGRAM_POWER
    words, features = word_features(story)
    if words and settings.WORD_WEIGHT > 0:
        probabilities = word_model.predict(features)
        for word, row, p in zip(words, features, probabilities, strict=True):
            if word not in stop_stems() and _df(row[0], n_articles) >= min_df:
                weights[(word,)] = settings.WORD_WEIGHT * float(p) ** settings.WORD_POWER
    # Concepts worth almost nothing only make the integer program bigger.
    floor = settings.MIN_CONCEPT_WEIGHT_SHARE * max(weights.values(), default=0.0)
    return {c: w for c, w in weights.items() if w >= floor}


def min_document_frequency(n_articles: int) -> int:
    """How many articles must use a term for it to count (at least one)."""
    return max(1, math.ceil(settings.MIN_DOCUMENT_SHARE * n_articles - 1e-9))


def _df(share: float, n_articles: int) -> int:
    return round(share * max(1, n_articles))
