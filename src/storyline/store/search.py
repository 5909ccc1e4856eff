"""Finding stories: full-text search, source and date filters, listing flags. SQL for the web UI and API.

The search index is an FTS5 table over article titles and texts (``articles_fts``, schema migration 3),
an *external content* table: it stores only the index and reads nothing back from ``articles`` at query
time, since a search only needs matching article rows (``seq``) to find their stories. Articles never
change after ingest and are never deleted, so the index stays right by indexing what arrived since it was
last brought up to date (:func:`index_new_articles`): the rows whose ``seq`` is above the highest one
indexed.

A story matches a search when one of its articles matches. Results keep the listing's order (newest
first), so a search narrows the stories page rather than re-ranking it.

>>> from storyline.store import Library
>>> lib = Library(":memory:")
>>> find_stories(lib, query="earthquake")
([], False)
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.store.library import Library

# What a story row in a listing carries: the small columns only, never ``analysis`` (tens of kilobytes a
# story), whose flags are counted inside SQLite instead.
_LISTING_COLUMNS = (
    "s.id, s.level, s.storyline, s.title, s.size, s.sources, s.first_published, s.last_published, "
    "s.changed_at, s.analysed_at"
)
_FLAG_COLUMNS = (
    "(SELECT count(*) FROM json_each(s.analysis, '$.facts') AS f "
    " WHERE json_extract(f.value, '$.status') = 'conflict') AS conflicts, "
    "(SELECT count(*) FROM json_each(s.analysis, '$.relations') AS r "
    " WHERE json_extract(r.value, '$.relation') = 'rewrite') AS rewrites"
)
# How long a write made while answering a request (search index catch-up, flag counts) waits for another
# process's write lock before giving up: short enough that a page never stalls behind an ingest batch.
BUSY_WAIT_MS = 50
_ORDER = "ORDER BY s.last_published IS NULL, s.last_published DESC, s.size DESC, s.id"
# The article column that names an article's story, per story level.
_MEMBER_COLUMN = {"event": "story", "storyline": "storyline"}

# A user's words and "quoted phrases"; everything else (FTS5 operators, brackets, colons) is dropped, so
# no input can be an FTS5 syntax error or reach a column filter.
_QUERY_PART = re.compile(r'"([^"]*)"|([^\s"]+)')
_WORD = re.compile(r"\w+")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


@dataclass(slots=True)
class StoryFilter:
    """What the stories page and ``GET /api/stories`` narrow the listing by; every part is optional.

    ``published_from``/``published_to`` are ISO dates (inclusive): a story is kept when its time span
    overlaps them; undated stories are dropped as soon as either is given.
    """

    query: str | None = None
    source: str | None = None
    published_from: str | None = None
    published_to: str | None = None


def fts_query(text: str | None) -> str | None:
    """A user's search text as a safe FTS5 expression: every word and "quoted phrase" must occur
    (a word ending in ``*`` matches as a prefix). None when nothing searchable is left.

    >>> fts_query('oil spill "BP chief"')
    '"oil" AND "spill" AND "bp chief"'
    >>> fts_query("venez*") , fts_query("AND OR (") is None
    ('"venez"*', True)
    """
    if not text:
        return None
    terms = []
    for phrase, word in _QUERY_PART.findall(text):
        original = _WORD.findall(phrase or word)
        if not original:
            continue
        tokens = [t.lower() for t in original]
        if word and len(original) == 1 and original[0] in _OPERATORS:
            continue  # FTS5's operators (upper case) are not words to look for: every word must occur
        if word and word.endswith("*") and len(tokens) == 1:
            terms.append(f'"{tokens[0]}"*')
        else:
            terms.append('"' + " ".join(tokens) + '"')
    return " AND ".join(terms) or None


def index_new_articles(library: Library, wait: bool = True) -> int:
    """Add the articles stored since the search index was last brought up to date; returns how many.

    Cheap when nothing is new (two index look-ups). Runs in its own transaction unless one is open. With
    ``wait=False`` it gives up (``sqlite3.OperationalError``) after BUSY_WAIT_MS when another process
    is writing, instead of waiting.
    """
    db = library._db
    indexed = _indexed_up_to(db)
    newest = db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
    if newest <= indexed:
        return 0
    with (nullcontext() if wait else _brief_wait(db)), library.transaction():
        cur = db.execute(
            "INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE seq > ?",
            (_indexed_up_to(db),),
        )
    return cur.rowcount


def search_index_behind(library: Library) -> bool:
    """True when articles were stored after the search index was last brought up to date."""
    db = library._db
    newest = db.execute("SELECT coalesce(max(seq), 0) FROM articles").fetchone()[0]
    return newest > _indexed_up_to(db)


def _indexed_up_to(db: sqlite3.Connection) -> int:
    # FTS5 keeps one ``docsize`` row per indexed document, keyed by its rowid (= articles.seq): the
    # highest one is where the index stands, committed atomically with the index itself.
    return db.execute("SELECT coalesce(max(id), 0) FROM articles_fts_docsize").fetchone()[0]


def find_stories(
    library: Library,
    filters: StoryFilter | None = None,
    level: str = "event",
    limit: int = 50,
    offset: int = 0,
    query: str | None = None,
) -> tuple[list[dict], bool]:
    """Stories of one level matching ``filters``, newest first, and whether more follow this page.

    Each row holds the story's listing columns (``id, level, storyline, title, size, sources,
    first_published, last_published, changed_at, analysed_at``) and two flags from its stored analysis
    (:func:`story_flags`): ``conflicts`` (facts whose status is conflict) and ``rewrites`` (machine-rewrite
    relations).
    ``query`` is a shortcut for ``StoryFilter(query=...)``.
    """
    if level not in _MEMBER_COLUMN:
        raise ValueError(f"level must be one of {', '.join(_MEMBER_COLUMN)}")
    filters = filters or StoryFilter(query=query)
    member = _MEMBER_COLUMN[level]
    where = ["s.level = ?"]
    params: list[object] = [level]
    prefix = ""
    match = fts_query(filters.query)
    if filters.query and match is None:
        return [], False  # only operators or punctuation: nothing can match
    if match:
        # The matching articles once, as a set; then, story by story newest first, its members read off the
        # covering (story, seq) index and looked up in that set, so no step reads an article row. The
        # "+ 0" keeps SQLite from turning this around into one index probe per story and matching article
        # (27,000 x 10,000 on the benchmark library); this way a search costs at most one pass over the
        # stories (~40 ms for 27,000) and stops as soon as a page is full.
        prefix = "WITH hits (seq) AS MATERIALIZED (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
        params.insert(0, match)
        where.append(
            f"EXISTS (SELECT 1 FROM articles a WHERE a.{member} = s.id AND a.seq + 0 IN (SELECT seq FROM hits))"
        )
    if filters.source:
        where.append(f"s.id IN (SELECT {member} FROM articles WHERE source = ?)")
        params.append(filters.source)
    if filters.published_from:
        where.append("s.last_published >= ?")
        params.append(_iso_day(filters.published_from))
    if filters.published_to:
        # Dates may carry a time: "before the next day" keeps everything published on the last day.
        where.append("s.first_published < ?")
        params.append((date.fromisoformat(_iso_day(filters.published_to)) + timedelta(days=1)).isoformat())
    # First the page's ids, off the listing-order index; then their columns and flags. In one query SQLite
    # would compute the flags (parsing each analysis) for every matching story before sorting.
    sql = f"{prefix}SELECT s.id FROM stories s WHERE {' AND '.join(where)} {_ORDER} LIMIT ? OFFSET ?"
    ids = [r[0] for r in library._db.execute(sql, [*params, limit + 1, offset])]
    page = ids[:limit]
    if not page:
        return [], False
    marks = ",".join("?" * len(page))
    rows = {
        r["id"]: dict(r)
        for r in library._db.execute(f"SELECT {_LISTING_COLUMNS} FROM stories s WHERE s.id IN ({marks})", page)
    }
    flags = story_flags(library, page)
    return [{**rows[i], **flags[i]} for i in page if i in rows], len(ids) > limit


def _iso_day(value: str) -> str:
    """``YYYY-MM-DD`` from a date or datetime string; ValueError for anything else."""
    return date.fromisoformat(value.strip()[:10]).isoformat()


def story_flags(library: Library, ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """id -> ``{"conflicts": n, "rewrites": n}`` for the given stories (zeros when not analysed).

    Read from ``story_flags``; stories whose analysis is newer than their counts are counted now
    (:func:`update_story_flags`), and the counts kept when the library can be written to.
    """
    db = library._db
    out: dict[str, dict[str, int]] = {}
    stale: list[str] = []
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        for r in db.execute(
            "SELECT s.id, s.analysed_at, f.analysed_at, f.conflicts, f.rewrites FROM stories s "
            f"LEFT JOIN story_flags f ON f.id = s.id WHERE s.id IN ({marks})",
            chunk,
        ):
            if r[1] is not None and r[1] != r[2]:
                stale.append(r[0])
            out[r[0]] = {"conflicts": r[3] or 0, "rewrites": r[4] or 0} if r[1] == r[2] else _NO_FLAGS
    if stale:
        out.update(update_story_flags(library, stale, keep=not library._in_transaction))
    return out


_NO_FLAGS = {"conflicts": 0, "rewrites": 0}


def update_story_flags(library: Library, ids: Sequence[str], keep: bool = True) -> dict[str, dict[str, int]]:
    """Count the flags of the given stories from their stored analyses (inside SQLite, without loading the
    JSON into Python) and, with ``keep``, store them in ``story_flags``. Meant to be called where an
    analysis is stored (``pipeline.analyse``), so listings never count; storing is skipped, not failed,
    when the library is busy or read-only."""
    db = library._db
    counted: list[tuple[str, str, int, int]] = []
    for chunk in _chunks(list(ids)):
        marks = ",".join("?" * len(chunk))
        counted += [
            (r[0], r[1], r[2], r[3])
            for r in db.execute(
                f"SELECT s.id, s.analysed_at, {_FLAG_COLUMNS} FROM stories s "
                f"WHERE s.id IN ({marks}) AND s.analysed_at IS NOT NULL",
                chunk,
            )
        ]
    if keep and counted:
        try:
            with _brief_wait(db), library.transaction():
                db.executemany(
                    "INSERT INTO story_flags (id, analysed_at, conflicts, rewrites) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (id) DO UPDATE SET analysed_at = excluded.analysed_at, "
                    "conflicts = excluded.conflicts, rewrites = excluded.rewrites",
                    counted,
                )
        except sqlite3.OperationalError:
            pass  # busy (an ingest holds the write lock) or read-only: counted again next time
    return {sid: {"conflicts": c, "rewrites": r} for sid, _, c, r in counted}


@contextmanager
def _brief_wait(db: sqlite3.Connection) -> Iterator[None]:
    """Give up on the write lock after BUSY_WAIT_MS instead of the library's usual wait: for optional writes
    made while answering a request, which must not stall behind an ingest."""
    previous = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute(f"PRAGMA busy_timeout={BUSY_WAIT_MS}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA busy_timeout={int(previous)}")


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def source_names(library: Library, limit: int = 500) -> list[tuple[str, int]]:
    """(source, articles) of the library's named sources, most articles first (a covering index scan)."""
    return [
        (r[0], r[1])
        for r in library._db.execute(
            "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL AND source != '' "
            "GROUP BY source ORDER BY n DESC, source LIMIT ?",
            (limit,),
        )
    ]


def article_headers(library: Library, ids: list[str]) -> dict[str, dict]:
    """id -> ``{id, title, source, url, published, story}`` for the given articles (unknown ids left out):
    what a link to an article shows, without loading texts into Python."""
    out: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for r in library._db.execute(
            f"SELECT id, title, source, url, published, story FROM articles WHERE id IN ({marks})", chunk
        ):
            out[r["id"]] = dict(r)
    return out


def story_titles(library: Library, ids: list[str]) -> dict[str, str]:
    """story id -> title, without reading the stories' analyses."""
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        out.update((r[0], r[1]) for r in library._db.execute(
            f"SELECT id, title FROM stories WHERE id IN ({marks})", chunk))
    return out


def member_attributions(library: Library, story_id: str) -> dict[str, list[str]]:
    """article id -> the outlets it is attributed to, for the articles of a story that credit any."""
    rows = library._db.execute(
        "SELECT id, attributed_to FROM articles WHERE (story = ? OR storyline = ?) AND attributed_to != '[]'",
        (story_id, story_id),
    )
    return {r[0]: json.loads(r[1]) for r in rows}
