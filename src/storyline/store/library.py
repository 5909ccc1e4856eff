"""The embedded library: one SQLite file in WAL mode. The only module that speaks SQL.

Every write happens inside :meth:`Library.transaction`, so a run killed at any moment (even ``kill -9``)
leaves the file as it was after the last committed batch; WAL with ``synchronous=NORMAL`` survives a
crashed process (it is not guaranteed against power loss, which would cost the last batch, never the
file's consistency).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from storyline.model import Article, url_host
from storyline.store.schema import MIGRATIONS, SCHEMA_VERSION_KEY

DEFAULT_DB = "storyline.db"
DB_ENV = "STORYLINE_DB"

# SQLite caps the number of host parameters in one statement (32766 since 3.32); stay well below it.
_MAX_PARAMS = 900

_ARTICLE_COLUMNS = (
    "id, content_hash, text_hash, title, text, raw_text, published, source, url, language, byline, dateline, "
    "attributed_to, removed_boilerplate, guessed, segments, extra, location, family, story"
)


def default_db_path() -> str:
    """The library path used when no ``--db`` is given: ``$STORYLINE_DB`` or ``./storyline.db``."""
    return os.environ.get(DB_ENV) or DEFAULT_DB


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class FamilyLink:
    """How an article joined its near-duplicate family when it arrived."""

    article: str
    matched: str | None
    kind: str
    similarity: float
    containment: float
    signature: bytes


class LibraryError(RuntimeError):
    """The library file cannot be used (not a storyline library, newer schema, unreadable)."""


class Library:
    """A storyline library in one SQLite file.

    >>> lib = Library(":memory:")
    >>> lib.count_articles()
    0
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = str(path if path is not None else default_db_path())
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is exactly one transaction.
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            # A source is its name, else its URL's host; an article with neither is from no known source.
            self._db.create_function("url_host", 1, url_host, deterministic=True)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"{self.path}: not a usable storyline library ({exc})") from exc
        self._in_transaction = False

    # -- lifecycle -------------------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        has_meta = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        version = 0
        if has_meta:
            row = self._db.execute("SELECT value FROM meta WHERE key=?", (SCHEMA_VERSION_KEY,)).fetchone()
            version = int(row[0]) if row else 0
        elif self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise LibraryError(f"{self.path}: an SQLite file, but not a storyline library")
        if version > len(MIGRATIONS):
            raise LibraryError(
                f"{self.path}: schema version {version} is newer than this storyline ({len(MIGRATIONS)})"
            )
        for target in range(version, len(MIGRATIONS)):
            self._db.execute("BEGIN IMMEDIATE")
            for statement in _split_sql(MIGRATIONS[target]):
                self._db.execute(statement)
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (SCHEMA_VERSION_KEY, str(target + 1)),
            )
            self._db.execute("COMMIT")

    @property
    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key=?", (SCHEMA_VERSION_KEY,)).fetchone()
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work: everything inside lands, or nothing does."""
        if self._in_transaction:
            yield
            return
        self._db.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_transaction = False

    # -- articles --------------------------------------------------------------------------------------

    def known_contents(self, content_hashes: Iterable[str]) -> dict[str, str]:
        """For the given content hashes already stored: content hash -> article id."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(content_hashes)):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT content_hash, id FROM articles WHERE content_hash IN ({marks})", chunk
            ):
                found[row[0]] = row[1]
        return found

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return found

    def add_article(self, article: Article, link: FamilyLink) -> None:
        """Store a new article with its family link. Call inside :meth:`transaction`."""
        a = article
        self._db.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, added_at) VALUES ({','.join('?' * 21)})",
            (
                a.id, a.content_hash, a.text_hash, a.title, a.text, a.raw_text, a.published, a.source, a.url,
                a.language, a.byline, a.dateline, json.dumps(a.attributed_to, ensure_ascii=False),
                json.dumps(a.removed_boilerplate, ensure_ascii=False), json.dumps(a.guessed),
                json.dumps(a.segments), json.dumps(a.extra, ensure_ascii=False, default=str), a.location,
                a.family or a.id, a.story, _now(),
            ),
        )
        self._db.execute(
            "INSERT INTO family_links (article_id, matched_id, kind, similarity, containment, signature) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (a.id, link.matched, link.kind, link.similarity, link.containment, link.signature),
        )
        self.add_sighting(a.id, a.location)

    def add_sighting(self, article_id: str, location: str) -> bool:
        """Record that an input held this article; False when that place was already recorded."""
        cur = self._db.execute(
            "INSERT OR IGNORE INTO sightings (article_id, location, seen_at) VALUES (?, ?, ?)",
            (article_id, location, _now()),
        )
        return cur.rowcount > 0

    def sightings(self, article_id: str) -> list[str]:
        return [
            r[0]
            for r in self._db.execute(
                "SELECT location FROM sightings WHERE article_id=? ORDER BY seen_at, location", (article_id,)
            )
        ]

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return _article_from_row(row) if row else None

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        """Articles by id, in the order asked (unknown ids are skipped)."""
        by_id: dict[str, Article] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({marks})", chunk):
                by_id[row["id"]] = _article_from_row(row)
        return [by_id[i] for i in ids if i in by_id]

    def iter_articles(self, batch_size: int = 1000) -> Iterator[Article]:
        """Every article in library order, streamed."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT seq, {_ARTICLE_COLUMNS} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield _article_from_row(row)
            last = rows[-1]["seq"]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY seq")]

    def count_articles(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    # -- families --------------------------------------------------------------------------------------

    def family_records(self) -> Iterator[tuple[str, str, bytes, str]]:
        """(article id, text hash, signature, family) in library order: what the family index restores from."""
        cur = self._db.execute(
            "SELECT a.id, a.text_hash, l.signature, a.family FROM articles a "
            "JOIN family_links l ON l.article_id = a.id ORDER BY a.seq"
        )
        for row in cur:
            yield row[0], row[1], row[2], row[3]

    def merge_families(self, merged: Sequence[str], into: str) -> None:
        """Move every member of the ``merged`` families into family ``into``."""
        for chunk in _chunks(list(merged)):
            marks = ",".join("?" * len(chunk))
            self._db.execute(f"UPDATE articles SET family=? WHERE family IN ({marks})", (into, *chunk))

    def family_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT family FROM articles WHERE id=?", (article_id,)).fetchone()
        return row[0] if row else None

    def family_members(self, family: str) -> list[FamilyLink]:
        """The members of a family in arrival order, with how each joined."""
        rows = self._db.execute(
            "SELECT a.id, l.matched_id, l.kind, l.similarity, l.containment FROM articles a "
            "JOIN family_links l ON l.article_id = a.id WHERE a.family=? ORDER BY a.seq",
            (family,),
        )
        return [FamilyLink(r[0], r[1], r[2], r[3], r[4], b"") for r in rows]

    def families(self, min_size: int = 2, limit: int | None = None, offset: int = 0) -> list[tuple[str, int]]:
        """(family id, size) of families with at least ``min_size`` members, largest first."""
        sql = (
            "SELECT family, count(*) AS n, min(seq) AS first FROM articles GROUP BY family HAVING n >= ? "
            "ORDER BY n DESC, first"
        )
        params: list[object] = [min_size]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [(r[0], r[1]) for r in self._db.execute(sql, params)]

    def family_map(self) -> dict[str, str]:
        """article id -> family id, for every article."""
        return {r[0]: r[1] for r in self._db.execute("SELECT id, family FROM articles")}

    # -- stories: events and storylines --------------------------------------------------------------

    def unclustered_articles(self, batch_size: int = 1000) -> Iterator[list[Article]]:
        """Articles not yet in an event, in library order, in batches."""
        last = 0
        while True:
            rows = self._db.execute(
                f"SELECT seq, {_ARTICLE_COLUMNS} FROM articles WHERE story IS NULL AND seq > ? "
                "ORDER BY seq LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            yield [_article_from_row(r) for r in rows]
            last = rows[-1]["seq"]

    def count_unclustered(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles WHERE story IS NULL").fetchone()[0]

    def story_assignments(self) -> dict[str, tuple[str | None, str | None]]:
        """article id -> (event id, storyline id) as stored."""
        return {r[0]: (r[1], r[2]) for r in self._db.execute("SELECT id, story, storyline FROM articles")}

    def set_story_assignments(self, rows: Iterable[tuple[str, str, str, float | None, dict | None]]) -> None:
        """(article, event, storyline, join score, why) for articles whose event or storyline changed.
        A ``None`` score/why keeps the stored ones (an article moved by a merge keeps why it joined)."""
        self._db.executemany(
            "UPDATE articles SET story=?, storyline=?, join_score=coalesce(?, join_score), "
            "join_why=coalesce(?, join_why) WHERE id=?",
            [
                (event, storyline, score, json.dumps(why, ensure_ascii=False) if why is not None else None, aid)
                for aid, event, storyline, score, why in rows
            ],
        )

    def clear_story_assignments(self) -> None:
        self._db.execute("UPDATE articles SET story=NULL, storyline=NULL, join_score=NULL, join_why=NULL")
        self._db.execute("DELETE FROM stories")

    def story_summaries(self, ids: Sequence[str]) -> dict[str, dict]:
        """Per story id (event or storyline): size, sources, first and last published, from its articles."""
        out: dict[str, dict] = {}
        for column in ("story", "storyline"):
            for chunk in _chunks(list(ids)):
                marks = ",".join("?" * len(chunk))
                for r in self._db.execute(
                    f"SELECT {column}, count(*), count(DISTINCT coalesce(source, url_host(url))), min(published), "
                    f"max(published) FROM articles WHERE {column} IN ({marks}) GROUP BY {column}",
                    chunk,
                ):
                    out[r[0]] = {"size": r[1], "sources": r[2], "first_published": r[3], "last_published": r[4]}
        return out

    def upsert_story(
        self, story_id: str, level: str, storyline: str | None, title: str, why: dict, summary: dict
    ) -> None:
        self._db.execute(
            "INSERT INTO stories (id, level, storyline, title, size, sources, first_published, last_published, "
            "why, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "level=excluded.level, storyline=excluded.storyline, title=excluded.title, size=excluded.size, "
            "sources=excluded.sources, first_published=excluded.first_published, "
            "last_published=excluded.last_published, why=excluded.why, changed_at=excluded.changed_at",
            (
                story_id, level, storyline, title, summary["size"], summary["sources"],
                summary["first_published"], summary["last_published"], json.dumps(why, ensure_ascii=False),
                _now(),
            ),
        )

    def delete_stories(self, ids: Iterable[str]) -> None:
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self._db.execute(f"DELETE FROM stories WHERE id IN ({marks})", chunk)

    def story_ids(self, level: str) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT id FROM stories WHERE level=?", (level,))}

    def get_story(self, story_id: str) -> dict | None:
        row = self._db.execute("SELECT * FROM stories WHERE id=?", (story_id,)).fetchone()
        return _story_from_row(row) if row else None

    def list_stories(self, level: str = "event", limit: int | None = 50, offset: int = 0) -> list[dict]:
        """Stories of one level, newest first (by their last publication date, undated last)."""
        sql = (
            "SELECT * FROM stories WHERE level=? ORDER BY last_published IS NULL, last_published DESC, "
            "size DESC, id"
        )
        params: list[object] = [level]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        return [_story_from_row(r) for r in self._db.execute(sql, params)]

    def story_members(self, story_id: str) -> list[dict]:
        """The articles of an event or a storyline, oldest first, with why each joined."""
        rows = self._db.execute(
            "SELECT id, title, source, url, published, family, story, storyline, join_score, join_why "
            "FROM articles WHERE story=? OR storyline=? ORDER BY published IS NULL, published, seq",
            (story_id, story_id),
        )
        return [
            {**dict(r), "join_why": json.loads(r["join_why"]) if r["join_why"] else {}} for r in rows
        ]

    def events_of_storyline(self, storyline: str) -> list[dict]:
        return [
            _story_from_row(r)
            for r in self._db.execute(
                "SELECT * FROM stories WHERE level='event' AND storyline=? ORDER BY first_published, id",
                (storyline,),
            )
        ]

    def set_analysis(self, story_id: str, analysis: dict) -> None:
        self._db.execute(
            "UPDATE stories SET analysis=?, analysed_at=? WHERE id=?",
            (json.dumps(analysis, ensure_ascii=False), _now(), story_id),
        )

    def stories_needing_analysis(self, level: str = "event", min_size: int = 1) -> list[str]:
        """Stories of at least ``min_size`` articles never analysed, or changed since; the largest first
        (they take longest, so parallel workers finish together)."""
        return [
            r[0]
            for r in self._db.execute(
                "SELECT id FROM stories WHERE level=? AND size>=? "
                "AND (analysed_at IS NULL OR analysed_at < changed_at) ORDER BY size DESC, id",
                (level, min_size),
            )
        ]

    # -- saved state ---------------------------------------------------------------------------------

    def save_state(self, key: str, value: bytes) -> None:
        self._db.execute(
            "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def load_state(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM state WHERE key=?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def delete_state(self, key: str) -> None:
        self._db.execute("DELETE FROM state WHERE key=?", (key,))

    # -- site lines (boilerplate learning; implements storyline.clean.SiteLineMemory) --------------------

    def counts(self, site: str, keys: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for chunk in _chunks(list(keys)):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT line_key, articles FROM site_lines WHERE site=? AND line_key IN ({marks})",
                (site, *chunk),
            ):
                found[row[0]] = row[1]
        return found

    def add(self, site: str, lines: Mapping[str, str]) -> None:
        self._db.executemany(
            "INSERT INTO site_lines (site, line_key, line, articles) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (site, line_key) DO UPDATE SET articles = articles + 1",
            [(site, key, line) for key, line in lines.items()],
        )

    def site_boilerplate(self, site: str, min_articles: int) -> list[tuple[str, int]]:
        """Lines seen in at least ``min_articles`` articles of a site, most frequent first."""
        return [
            (r[0], r[1])
            for r in self._db.execute(
                "SELECT line, articles FROM site_lines WHERE site=? AND articles>=? ORDER BY articles DESC",
                (site, min_articles),
            )
        ]

    # -- inputs and problems ---------------------------------------------------------------------------

    def record_problem(self, location: str, message: str) -> None:
        self._db.execute(
            "INSERT INTO problems (location, message, seen_at) VALUES (?, ?, ?)", (location, message, _now())
        )

    def problems(self, limit: int = 100) -> list[tuple[str, str, str]]:
        return [
            (r[0], r[1], r[2])
            for r in self._db.execute(
                "SELECT location, message, seen_at FROM problems ORDER BY id DESC LIMIT ?", (limit,)
            )
        ]

    def record_input(self, path: str, size: int | None, articles: int, problems: int) -> None:
        self._db.execute(
            "INSERT INTO inputs (path, size, last_run, articles, problems) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET size=excluded.size, last_run=excluded.last_run, "
            "articles=excluded.articles, problems=excluded.problems",
            (path, size, _now(), articles, problems),
        )

    def inputs(self) -> list[dict[str, object]]:
        return [dict(r) for r in self._db.execute("SELECT * FROM inputs ORDER BY path")]


def _article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        text=row["text"],
        raw_text=row["raw_text"],
        location=row["location"],
        title=row["title"],
        published=row["published"],
        source=row["source"],
        url=row["url"],
        language=row["language"],
        byline=row["byline"],
        dateline=row["dateline"],
        attributed_to=json.loads(row["attributed_to"]),
        removed_boilerplate=json.loads(row["removed_boilerplate"]),
        guessed=json.loads(row["guessed"]),
        segments=[tuple(s) for s in json.loads(row["segments"])],
        extra=json.loads(row["extra"]),
        content_hash=row["content_hash"],
        text_hash=row["text_hash"],
        family=row["family"],
        story=row["story"],
    )


def _story_from_row(row: sqlite3.Row) -> dict:
    story = dict(row)
    story["why"] = json.loads(story["why"] or "{}")
    story["analysis"] = json.loads(story["analysis"]) if story.get("analysis") else None
    return story


def _chunks(items: list, size: int = _MAX_PARAMS) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (our migrations have no semicolons inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
