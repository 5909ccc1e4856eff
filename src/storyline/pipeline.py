"""Runs the stages in order over what is new, and writes their results to the library.

    readers -> clean -> store.articles -> dedup (families) -> ...

Ingest processes the input stream in batches, one transaction per batch. Every stage behaves as if the
articles arrived one at a time in input order, so how the stream is cut into batches never changes the
result; together with the per-batch transactions this is what makes a killed run resumable: running the
same command again skips what was committed and ends with exactly the library an uninterrupted run gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import as_completed
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from storyline.clean import clean_article
from storyline.clean.metadata import normalise_published
from storyline.dedup import FamilyIndex
from storyline.ingest import InputReader
from storyline.model import Article, InputProblem, RawArticle
from storyline.store import FamilyLink, Library, search
from storyline.workers import usable_cpus, worker_pool

# Articles per transaction. Larger batches amortise commits; smaller ones lose less work to a kill.
# 500 keeps a commit well under a second on the reuse dev set while fsync cost stays negligible.
INGEST_BATCH_SIZE = 500


@dataclass
class IngestSummary:
    """What one ingest run did: read = records read, new = stored, known = already in the library."""

    read: int = 0
    new: int = 0
    warnings: int = 0
    known: int = 0
    renamed: int = 0
    failed: int = 0
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


ProgressCallback = Callable[[int, int, IngestSummary], None]


def content_hash(article_id: str, raw_text: str) -> str:
    """An article's identity for idempotent ingest: the same id with the same text is the same article."""
    return hashlib.sha1(f"{article_id}\0{raw_text}".encode("utf-8", "surrogatepass")).hexdigest()


def ingest(
    library: Library,
    paths: Sequence[str],
    stdin: BinaryIO | None = None,
    progress: ProgressCallback | None = None,
    batch_size: int = INGEST_BATCH_SIZE,
) -> IngestSummary:
    """Read ``paths`` (files, folders, ``-`` for ``stdin``) into ``library``; return what happened.

    Bad input never stops the run: each problem is reported (and recorded in the library) and reading
    goes on with the next record or file.
    """
    summary = IngestSummary()
    reader = InputReader(paths, stdin=stdin)
    families = FamilyIndex.restore(library.family_records())
    batch: list[RawArticle] = []
    problems: list[InputProblem] = []

    def flush() -> None:
        if batch or problems:
            _store_batch(library, families, batch, problems, summary)
        batch.clear()
        problems.clear()
        if progress:
            progress(reader.bytes_read, reader.total_bytes, summary)

    for item in reader:
        if isinstance(item, InputProblem):
            if item.warning:
                summary.warnings += 1
            else:
                summary.failed += 1
            summary.problems.append(item)
            problems.append(item)
        else:
            summary.read += 1
            batch.append(item)
        if len(batch) >= batch_size:
            flush()
        elif progress and summary.read % 50 == 0:
            progress(reader.bytes_read, reader.total_bytes, summary)
    flush()
    return summary


def _store_batch(
    library: Library,
    families: FamilyIndex,
    batch: list[RawArticle],
    problems: list[InputProblem],
    summary: IngestSummary,
) -> None:
    hashes = [content_hash(raw.id, raw.text) for raw in batch]
    known = library.known_contents(hashes)
    taken_ids = library.existing_ids(raw.id for raw in batch)
    counts = {"new": 0, "known": 0, "renamed": 0, "failed": 0}
    failed: list[InputProblem] = []
    warned: list[InputProblem] = []
    with library.transaction():
        fresh: list[Article] = []
        repeats: list[tuple[str, str]] = []  # sightings of articles stored in this batch: added after them
        for raw, digest in zip(batch, hashes, strict=True):
            if digest in known:
                repeats.append((known[digest], raw.location))
                counts["known"] += 1
                continue
            article_id = raw.id
            if article_id in taken_ids:
                # The same id with other text: a new version of the article. Keep both, never overwrite.
                article_id = _free_version_id(library, raw.id, taken_ids)
                counts["renamed"] += 1
            published = raw.published
            if published is not None:
                published = normalise_published(published)
                if published is None:
                    # The article is kept; its date is not, since every stage reads the field as ISO.
                    warned.append(InputProblem(_place(raw.location), f"unreadable publication date {raw.published!r}: stored "
                                               "without one", warning=True))
            try:
                article = clean_article(replace(raw, id=article_id, published=published), site_lines=library)
            except Exception as exc:  # a cleaning bug must not lose the rest of the batch
                failed.append(InputProblem(_place(raw.location), f"could not clean article {raw.id!r}: {exc}"))
                continue
            article.content_hash = digest
            article.location = raw.location
            known[digest] = article_id
            taken_ids.add(article_id)
            fresh.append(article)
        for article, assignment in zip(fresh, families.add_batch(fresh), strict=True):
            article.family = assignment.family
            library.add_article(
                article,
                FamilyLink(
                    article=article.id,
                    matched=assignment.matched,
                    kind=assignment.kind,
                    similarity=float(assignment.similarity),
                    containment=float(assignment.containment),
                    signature=families.signature(article.id),
                ),
            )
            if assignment.merged:
                library.merge_families(assignment.merged, assignment.family)
            counts["new"] += 1
        for article_id, location in repeats:
            library.add_sighting(article_id, location)
        search.index_new_articles(library)  # full-text search (web UI) sees exactly what is stored
        for problem in [*problems, *warned, *failed]:
            library.record_problem(problem.location, problem.message)
    summary.new += counts["new"]
    summary.warnings += len(warned)
    summary.problems.extend(warned)
    summary.known += counts["known"]
    summary.renamed += counts["renamed"]
    summary.failed += len(failed)
    summary.problems.extend(failed)


def _free_version_id(library: Library, article_id: str, taken: set[str]) -> str:
    n = 2
    while True:
        candidate = f"{article_id}~v{n}"
        if candidate not in taken and not library.existing_ids([candidate]):
            return candidate
        n += 1


# -- stories: events and storylines -------------------------------------------------------------------

# The clusterer's saved state, under this key in the library's ``state`` table.
CLUSTER_STATE_KEY = "cluster"
# Articles handed to the clusterer at a time. Its results depend little on batching (the batching test
# in tests/cluster checks it); this size bounds memory for the features of one batch.
CLUSTER_BATCH_SIZE = 2000
# Events are named by the id of the article that started them, storylines likewise; the prefix keeps a
# storyline and its first event apart in the one ``stories`` table.
STORYLINE_PREFIX = "storyline:"


@dataclass
class ClusterSummary:
    """What one clustering run did."""

    clustered: int = 0
    events_changed: list[str] = field(default_factory=list)
    storylines_changed: list[str] = field(default_factory=list)
    events: int = 0
    storylines: int = 0
    # the saved clusterer state came from another version of the clusterer, so every story was rebuilt
    rebuilt_stale_state: bool = False


ClusterProgress = Callable[[int, int], None]


def _load_clusterer(library: Library):  # -> StoryClusterer
    from storyline.cluster import StoryClusterer
    from storyline.store import codec

    saved = library.load_state(CLUSTER_STATE_KEY)
    if saved is None:
        return StoryClusterer()
    return StoryClusterer.import_state(codec.loads(saved))


def cluster(library: Library, progress: ClusterProgress | None = None, rebuild: bool = False) -> ClusterSummary:
    """Place every article not yet in a story into an event and a storyline, and store the result.

    Incremental: the clusterer continues from its saved state and sees only the new articles. With
    ``rebuild`` every story is rebuilt from the stored articles (after a settings change). The
    assignments, stories and the clusterer's state are written in one transaction, so a killed run
    leaves the previous stories intact and the next run redoes the work.
    """
    from storyline.cluster import StaleStateError, StoryClusterer
    from storyline.cluster.prepare import prepared_batches
    from storyline.store import codec

    summary = ClusterSummary()
    try:
        clusterer = StoryClusterer() if rebuild else _load_clusterer(library)
    except StaleStateError:
        # stories built by another version of the clusterer cannot be continued: rebuild them all
        clusterer, rebuild, summary.rebuilt_stale_state = StoryClusterer(), True, True
    todo = library.count_articles() if rebuild else library.count_unclustered()
    if todo == 0:
        return summary
    batches = (
        _batched(library.iter_articles(), CLUSTER_BATCH_SIZE) if rebuild
        else library.unclustered_articles(CLUSTER_BATCH_SIZE)
    )
    joined: dict[str, tuple[float, dict]] = {}
    # The next batch's features are read in a second process while this one is clustered.
    for batch, prepared in prepared_batches(batches, use_embeddings=clusterer.settings.use_embeddings):
        families = {a.id: a.family for a in batch if a.family}
        for assignment in clusterer.add_batch(batch, families=families, prepared=prepared):
            joined[assignment.article] = (assignment.score, assignment.why)
        summary.clustered += len(batch)
        if progress:
            progress(summary.clustered, todo)
    # Once per run: the changed storylines' events are clustered again with every article pair compared,
    # so that they do not depend on how the articles were batched. Earlier articles may change event.
    for article_id in clusterer.settle():
        assignment = clusterer.assignment(article_id)
        joined[article_id] = (assignment.score, assignment.why)

    events = clusterer.events()
    storylines = {STORYLINE_PREFIX + s: evs for s, evs in clusterer.storylines().items()}
    storyline_of_event = {e: s for s, evs in storylines.items() for e in evs}
    stored = library.story_assignments()
    changes = []
    changed_events: set[str] = set()
    changed_storylines: set[str] = set()
    for event, members in events.items():
        storyline = storyline_of_event.get(event, STORYLINE_PREFIX + event)
        for article_id in members:
            before = stored.get(article_id, (None, None))
            if rebuild or before != (event, storyline):
                score, why = joined.get(article_id) or _joined(clusterer, article_id)
                changes.append((article_id, event, storyline, score, why))
                changed_events.update(e for e in (event, before[0]) if e)
                changed_storylines.update(s for s in (storyline, before[1]) if s)
    with library.transaction():
        if rebuild:
            library.clear_story_assignments()
        library.set_story_assignments(changes)
        live_events = [e for e in sorted(changed_events) if e in events]
        live_storylines = [s for s in sorted(changed_storylines) if s in storylines]
        summaries = library.story_summaries(live_events + live_storylines)
        titles: dict[str, str] = {}
        for event in live_events:
            articles = {a.id: a for a in library.get_articles(events[event])}
            titles[event] = clusterer.title(event, articles)
            library.upsert_story(
                event, "event", storyline_of_event.get(event, STORYLINE_PREFIX + event), titles[event],
                clusterer.explain(event), summaries[event],
            )
        for storyline in live_storylines:
            # A storyline is named after its largest event (the one most of its articles report).
            main_event = max(storylines[storyline], key=lambda e: (len(events.get(e, ())), e))
            title = titles.get(main_event) or (library.get_story(main_event) or {}).get("title") or storyline
            # What runs through its events, from all its articles (not only its largest event's).
            why = clusterer.explain_storyline(storyline.removeprefix(STORYLINE_PREFIX))
            library.upsert_story(storyline, "storyline", None, title, why, summaries[storyline])
        library.delete_stories(library.story_ids("event") - events.keys())
        library.delete_stories(library.story_ids("storyline") - storylines.keys())
        library.save_state(CLUSTER_STATE_KEY, codec.dumps(clusterer.export_state()))
    summary.events_changed = live_events
    summary.storylines_changed = live_storylines
    summary.events = len(events)
    summary.storylines = len(storylines)
    return summary


def _joined(clusterer, article_id: str) -> tuple[float, dict]:
    """The score and reason of an earlier article whose event changed without it being placed again
    (an event it was in merged or split)."""
    assignment = clusterer.assignment(article_id)
    return assignment.score, assignment.why


def _batched(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# -- per-story analysis: provenance, facts, brief, timeline -------------------------------------------

# Ingest analyses the events that changed and hold at least this many articles; a lone article has no
# provenance or cross-source facts to find, and is analysed on first view instead. On the 100,000-article
# bench most events are single articles, so this keeps ingest's cost with the stories that need it.
ANALYSE_AT_INGEST_MIN_ARTICLES = 2


# Stories are analysed in this many worker processes, one per core by default: each opens the library
# for reading and returns the analyses, which this process stores. On the 10,000-article pipeline bench
# library (1,111 stories of 2+ articles), one after the other on this 2-core machine: one worker 216 s,
# two workers 103 s.
# Capped at MAX_ANALYSIS_WORKERS: each worker held up to 1.5 GB on the 100,000-article bench, and a
# container may report many more cores than it may use.
MAX_ANALYSIS_WORKERS = 8
ANALYSIS_WORKERS = min(MAX_ANALYSIS_WORKERS, usable_cpus())
# Fewer stories than this are analysed in this process: a worker costs a few seconds to start (imports,
# the spaCy model), more than a handful of small stories take.
PARALLEL_MIN_STORIES = 16


def analyse(library: Library, story_ids: Sequence[str] | None = None,
            progress: ClusterProgress | None = None, workers: int | None = None) -> int:
    """Compute and store the analysis (origin, relations, facts, brief, timeline) of events whose
    articles changed since they were last analysed (or of ``story_ids``). Returns how many.

    ``workers`` (default ``ANALYSIS_WORKERS``) processes analyse the stories side by side when there are
    at least ``PARALLEL_MIN_STORIES`` of them; each analysis is stored in its own transaction as soon as
    it is ready, so a killed run keeps what was finished.
    """
    todo = (
        list(story_ids) if story_ids is not None
        else library.stories_needing_analysis("event", min_size=ANALYSE_AT_INGEST_MIN_ARTICLES)
    )
    workers = ANALYSIS_WORKERS if workers is None else workers
    parallel = workers > 1 and len(todo) >= PARALLEL_MIN_STORIES and library.path != ":memory:"
    results = _analysed_in_workers(library.path, todo, workers) if parallel else _analysed_here(library, todo)
    for done, (story_id, result) in enumerate(results, 1):
        if result is not None:
            with library.transaction():
                library.set_analysis(story_id, result)
                search.update_story_flags(library, [story_id])
        if progress:
            progress(done, len(todo))
    return len(todo)


AnalysisResult = tuple[str, "dict | None"]


def _analyse_story_in(library: Library, story_id: str) -> AnalysisResult:
    from storyline.analysis import analyse_story

    articles = library.get_articles([m["id"] for m in library.story_members(story_id)])
    return story_id, (analyse_story(articles) if articles else None)


def _analysed_here(library: Library, todo: Sequence[str]) -> Iterator[AnalysisResult]:
    for story_id in todo:
        yield _analyse_story_in(library, story_id)


def _analysed_in_workers(path: str, todo: Sequence[str], workers: int) -> Iterator[AnalysisResult]:
    """Analyses of ``todo`` from ``workers`` processes, in the order they finish.

    Workers are forked on Linux (see :func:`storyline.workers.worker_pool`). The parent's SQLite connection
    is copied but never used in a worker (each opens its own, and workers leave through ``os._exit``, so the
    copy is never closed either).
    """
    pool = worker_pool(workers, initializer=_open_worker_library, initargs=(path,))
    try:
        pending = [pool.submit(_analyse_in_worker, story_id) for story_id in todo]
        for future in as_completed(pending):
            yield future.result()
    finally:
        # on an error or an interrupt, stories not yet started are dropped rather than waited for
        pool.shutdown(wait=True, cancel_futures=True)


_worker_library: Library | None = None


def _open_worker_library(path: str) -> None:
    global _worker_library
    _worker_library = Library(path)


def _analyse_in_worker(story_id: str) -> AnalysisResult:
    assert _worker_library is not None, "the worker's library is opened by its initializer"
    return _analyse_story_in(_worker_library, story_id)


def _place(location: str) -> str:
    """An article's location ("a.csv:line 3", as stored) written as the readers write the place of a
    problem ("a.csv:3"), so that one run's warnings and errors name lines alike."""
    return location.replace(":line ", ":", 1)
