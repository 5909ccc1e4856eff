"""Which pairs are worth aligning: those an inverted index of word n-grams says share text.

Alignment costs little per pair, but all pairs of a large story still grow quadratically, and most pairs
share nothing. The index maps each word n-gram (the aligner's seeds) to the articles containing it; pairs
sharing at least ``CANDIDATE_MIN_SHARED`` n-grams are proposed. N-grams found in very many articles (site
furniture, stock phrases) are left out, so the cost follows the copying, not the corpus size.

Rewrites share few n-grams, so the index misses them: :func:`retelling_pairs` proposes, inside one story,
each article's few closest articles by what they talk about, the pairs worth checking for a retelling.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from storyline.model import Article
from storyline.reuse import settings
from storyline.reuse.similarity import gist
from storyline.reuse.text import profile


class NgramIndex:
    """Word n-gram postings over a set of articles.

    >>> idx = NgramIndex()
    >>> idx.add([Article("a", "one two three four five six", ""), Article("b", "zero one two three four five", "")])
    >>> idx.shared_counts("a")
    Counter({'b': 2})
    """

    def __init__(self) -> None:
        self._postings: dict[int, list[str]] = {}
        self._grams: dict[str, frozenset[int]] = {}
        self._order: dict[str, int] = {}  # id -> place in the index, for stable tie-breaking

    def add(self, articles: Iterable[Article]) -> None:
        """Index articles (an article already indexed under its id is replaced in the lookups)."""
        for art in articles:
            grams = frozenset(profile(art.text).grams)
            self._grams[art.id] = grams
            self._order.setdefault(art.id, len(self._order))
            for h in grams:
                self._postings.setdefault(h, []).append(art.id)

    def shared_counts(self, article_id: str) -> Counter[str]:
        """How many n-grams each other indexed article shares with ``article_id`` (frequent n-grams skipped)."""
        counts: Counter[str] = Counter()
        limit = settings.CANDIDATE_MAX_POSTINGS
        for h in self._grams.get(article_id, ()):
            ids = self._postings.get(h, ())
            if len(ids) > limit:
                continue
            counts.update(i for i in ids if i != article_id)
        return counts

    def neighbours(self, article_id: str, k: int) -> list[str]:
        """The ``k`` articles sharing most n-grams with ``article_id`` (at least ``CANDIDATE_MIN_SHARED``),
        ties in index order (n-gram hashes, and so the counting order, change from one process to the next)."""
        order = self._order
        ranked = sorted(self.shared_counts(article_id).items(), key=lambda item: (-item[1], order[item[0]]))
        return [i for i, c in ranked[:k] if c >= settings.CANDIDATE_MIN_SHARED]

    def pairs(self) -> list[tuple[str, str]]:
        """Every pair sharing at least ``CANDIDATE_MIN_SHARED`` n-grams, each once, ids in index order."""
        order = {i: k for k, i in enumerate(self._grams)}
        counts: Counter[tuple[str, str]] = Counter()
        limit = settings.CANDIDATE_MAX_POSTINGS
        for ids in self._postings.values():
            if len(ids) < 2 or len(ids) > limit:
                continue
            uniq = sorted(set(ids), key=order.__getitem__)
            for x in range(len(uniq)):
                for y in range(x + 1, len(uniq)):
                    counts[(uniq[x], uniq[y])] += 1
        found = [pair for pair, c in counts.items() if c >= settings.CANDIDATE_MIN_SHARED]
        return sorted(found, key=lambda pair: (order[pair[0]], order[pair[1]]))


def candidate_pairs(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Pairs of ``articles`` (ids, in input order) that share enough word n-grams to be worth aligning."""
    index = NgramIndex()
    index.add(articles)
    return index.pairs()


def retelling_pairs(articles: Sequence[Article], per_article: int = settings.RETELLING_CANDIDATES) -> list[tuple[str, str]]:
    """Pairs of one story's ``articles`` worth checking for a rewrite: each article with the ``per_article``
    others closest to it in topic (:func:`~storyline.reuse.similarity.topic_similarity`, at least
    ``SAME_EVENT_MIN_TOPIC``; ties to the larger id), each pair once, ids in input order.

    Meant for stories too large to relate every pair, beside :func:`candidate_pairs` (which finds the
    copies): a rewrite retells one report, so the report is among the articles closest to it in topic.
    Every pair's similarity is needed, so they are computed as one sparse matrix product (in blocks of
    rows), not pair by pair: a story of 1,000 articles has half a million pairs.
    """
    import numpy as np
    from scipy.sparse import csr_matrix

    n = len(articles)
    order = {a.id: k for k, a in enumerate(articles)}
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for r, article in enumerate(articles):
        g = gist(article.text)
        if not g.norm:
            continue
        for word, weight in g.terms.items():
            rows.append(r)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
            values.append(weight / g.norm)
    vectors = csr_matrix((values, (rows, cols)), shape=(n, max(1, len(vocabulary))))
    chosen: set[tuple[str, str]] = set()
    k = min(per_article, n - 1)
    if k <= 0:
        return []
    for start in range(0, n, settings.RETELLING_BLOCK_ROWS):
        block = (vectors[start : start + settings.RETELLING_BLOCK_ROWS] @ vectors.T).toarray()
        for r, scores in enumerate(block):
            i = start + r
            scores[i] = -1.0  # not itself
            kth = np.partition(scores, n - k)[n - k]  # the k-th largest score: ties with it all compete
            near = sorted(((float(scores[j]), articles[j].id) for j in np.flatnonzero(scores >= kth)), reverse=True)
            a = articles[i]
            for score, other in near[:per_article]:
                if score < settings.SAME_EVENT_MIN_TOPIC:
                    break
                chosen.add((a.id, other) if order[a.id] < order[other] else (other, a.id))
    return sorted(chosen, key=lambda p: (order[p[0]], order[p[1]]))
