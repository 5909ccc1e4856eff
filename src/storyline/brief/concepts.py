"""Words and concepts: what the brief counts when it measures how much of a story a sentence covers.

Following Gillick & Favre (2009, the ICSI summariser), a *concept* is a stemmed word bigram that is not
made of two stopwords ("prime minister", "hun sen", "sen reject"). Bigrams beat single words as units of
information because they carry a little context ("new york" vs "new" and "york") while staying frequent
enough to recur across articles. The same tokenisation (lower case, letters and digits, Porter stems)
is used by ROUGE, so coverage of concepts is coverage of what readers of the brief will find.
"""

from __future__ import annotations

import re
from functools import lru_cache

from storyline.brief import settings

_TOKEN = re.compile(r"[a-z0-9]+")


class _Stopwords:
    """scikit-learn's English stopword list (the Glasgow list) plus ``settings.EXTRA_STOPWORDS``, loaded
    on first use: importing scikit-learn takes about a second, which a command that never summarises
    should not pay."""

    _words: frozenset[str] | None = None

    def _load(self) -> frozenset[str]:
        if self._words is None:
            from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

            type(self)._words = frozenset(ENGLISH_STOP_WORDS) | settings.EXTRA_STOPWORDS
        return self._words

    def __contains__(self, word: object) -> bool:
        return word in self._load()

    def __iter__(self):
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._load())


STOPWORDS = _Stopwords()


def words(text: str) -> list[str]:
    """Lower-cased runs of letters and digits, the tokens ROUGE counts: ``"U.S. troops'"`` gives
    ``["u", "s", "troops"]``."""
    return _TOKEN.findall(text.lower())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Porter stem of a lower-case word; short words (3 letters or fewer) are kept as they are, as
    ROUGE does."""
    return _stemmer().stem(word) if len(word) > 3 else word


@lru_cache(maxsize=1)
def _stemmer():
    # NLTK's Porter stemmer, the one rouge-score uses; imported on first use (importing nltk takes ~1 s).
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def bigram_concepts(tokens: list[str]) -> set[tuple[str, str]]:
    """The concepts of a sentence: stemmed bigrams with at least one word that is not a stopword."""
    concepts = set()
    for first, second in zip(tokens, tokens[1:], strict=False):
        if first in STOPWORDS and second in STOPWORDS:
            continue
        concepts.add((stem(first), stem(second)))
    return concepts


def content_stems(tokens: list[str]) -> set[str]:
    """Stems of the words that are not stopwords: what near-identical sentences must share."""
    return {stem(t) for t in tokens if t not in STOPWORDS}


@lru_cache(maxsize=1)
def stop_stems() -> frozenset[str]:
    """The stems of the stopwords, for telling stopwords apart among stemmed terms."""
    return frozenset(stem(w) for w in STOPWORDS)
