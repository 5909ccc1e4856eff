"""Runs the stages in order over what is new, and writes their results to the library.

    readers -> clean -> store.articles -> dedup (families) -> ...

Ingest processes the input stream in batches, one transaction per batch. Every stage behaves as if the
articles arrived one at a time in input order, so how the stream is cut into batches never changes the
result; together with the per-batch transactions this is what makes a killed run resumable: running the
same command again skips what was committed and ends with exactly the library an uninterrupted run gives.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from storyline.clean import clean_article
from storyline.dedup import FamilyIndex
from storyline.ingest import InputReader
from storyline.model import Article, InputProblem, RawArticle
from storyline.store import FamilyLink, Library

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
    with library.transaction():
        fresh: list[Article] = []
        for raw, digest in zip(batch, hashes, strict=True):
            if digest in known:
                library.add_sighting(known[digest], raw.location)
                counts["known"] += 1
                continue
            article_id = raw.id
            if article_id in taken_ids:
                # The same id with other text: a new version of the article. Keep both, never overwrite.
                article_id = _free_version_id(library, raw.id, taken_ids)
                counts["renamed"] += 1
            try:
                article = clean_article(replace(raw, id=article_id), site_lines=library)
            except Exception as exc:  # a cleaning bug must not lose the rest of the batch
                failed.append(InputProblem(raw.location, f"could not clean article {raw.id!r}: {exc}"))
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
        for problem in [*problems, *failed]:
            library.record_problem(problem.location, problem.message)
    summary.new += counts["new"]
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
