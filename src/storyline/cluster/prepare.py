"""Preparing the next batch for the clusterer in a second process while it clusters this one.

Reading an article's terms (tokens, names, dates, numbers) and embedding its head depend on the article
alone, not on the library: they can run anywhere, ahead of time. On bench/cluster.py they are about a
fifth of the clustering time, so a process that prepares batch k+1 while the clusterer places batch k
takes that fifth off the wall-clock time wherever a second core is free. What the clusterer does next
(vocabulary, weights, candidates, merges) depends on everything before it and stays in one process.

    for batch, prepared in prepared_batches(batches):
        clusterer.add_batch(batch, prepared=prepared)

The result is the same with or without a second process (the same functions run on the same inputs);
where no second core is available, or a process cannot be started, batches are prepared inline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from storyline.cluster import settings as S
from storyline.cluster.features import ArticleFeatures, featurize
from storyline.model import Article
from storyline.workers import usable_cpus, worker_pool

# Preparing ahead needs a core besides the clusterer's: with one, the two processes would take turns.
PREPARE_AHEAD_MIN_CPUS = 2


def prepare(articles: Sequence[Article], use_embeddings: bool = True) -> list[ArticleFeatures]:
    """The features of each article, with its head's embedding in ``emb`` when ``use_embeddings``."""
    feats = featurize(articles)
    if use_embeddings and feats:
        from storyline.cluster.embedding import embed

        vectors = embed([f.head[: S.EMBED_CHARS] for f in feats])
        for f, v in zip(feats, vectors, strict=True):
            f.emb = v
    return feats


def prepared_ahead() -> bool:
    """Whether :func:`prepared_batches` uses a second process by default here."""
    return usable_cpus() >= PREPARE_AHEAD_MIN_CPUS


def prepared_batches(
    batches: Iterable[Sequence[Article]], use_embeddings: bool = True, ahead: bool | None = None
) -> Iterator[tuple[list[Article], list[ArticleFeatures] | None]]:
    """Each batch with its prepared features, the next batch being prepared in a second process meanwhile.

    ``ahead`` forces (True) or forbids (False) the second process; by default it is used when this process
    may run on ``PREPARE_AHEAD_MIN_CPUS`` cores or more. The first batch comes with ``None``: the clusterer
    prepares it itself while the second process prepares the next one (so a lone batch starts no process).
    A batch whose preparation fails in the second process also comes with ``None``: the clusterer then
    prepares it and reports any error there, where the article is named.
    """
    if ahead is None:
        ahead = prepared_ahead()
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    second = next(it, None) if ahead else None
    if second is None:  # one batch (or no second process): nothing to prepare ahead of
        yield list(first), None
        for batch in it:
            yield list(batch), None
        return
    try:
        # Forked where available: the worker starts at once with the embedding model already loaded.
        pool = worker_pool(1)
    except (OSError, ValueError):
        for batch in (first, second, *it):
            yield list(batch), None
        return
    with pool:
        # The clusterer prepares the first batch itself while the second process prepares the second.
        pending = (list(second), _submit(pool, list(second), use_embeddings))
        yield list(first), None
        for batch in it:
            batch = list(batch)
            future = _submit(pool, batch, use_embeddings)
            yield pending[0], _result(pending[1])
            pending = (batch, future)
        yield pending[0], _result(pending[1])


def _submit(pool: ProcessPoolExecutor, batch: list[Article], use_embeddings: bool) -> Future | None:
    try:
        return pool.submit(prepare, batch, use_embeddings)
    except (BrokenProcessPool, RuntimeError, OSError):
        return None


def _result(future: Future | None) -> list[ArticleFeatures] | None:
    if future is None:
        return None
    try:
        return future.result()
    except Exception:  # noqa: BLE001 - the clusterer prepares the batch itself and names the bad article
        return None
