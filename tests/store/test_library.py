from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.model import Article
from storyline.store import FamilyLink, Library, LibraryError


def _article(article_id: str, text: str = "Some text.", family: str | None = None) -> Article:
    return Article(
        id=article_id,
        text=text,
        raw_text=text,
        location=f"test:{article_id}",
        content_hash=f"c-{article_id}",
        text_hash=f"t-{text}",
        family=family or article_id,
        attributed_to=["Reuters"],
        segments=[(0, 0, len(text))],
        extra={"labels": {"event": "e1"}},
    )


def _link(article_id: str) -> FamilyLink:
    return FamilyLink(article_id, None, "new", 0.0, 0.0, b"\x00\x01")


def test_new_library_has_the_current_schema(tmp_path: Path) -> None:
    lib = Library(tmp_path / "a.db")
    assert lib.schema_version >= 1
    assert lib._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    version = lib.schema_version
    lib.close()
    assert Library(tmp_path / "a.db").schema_version == version  # reopening migrates nothing


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE x (y)")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="not a storyline library"):
        Library(path)


def test_article_round_trip_keeps_every_field() -> None:
    lib = Library(":memory:")
    with lib.transaction():
        lib.add_article(_article("a1", "Hello world."), _link("a1"))
    got = lib.get_article("a1")
    assert got is not None
    assert got.text == "Hello world." and got.attributed_to == ["Reuters"]
    assert got.segments == [(0, 0, 12)] and got.extra == {"labels": {"event": "e1"}}
    assert lib.sightings("a1") == ["test:a1"]
    assert lib.known_contents(["c-a1", "c-zz"]) == {"c-a1": "a1"}


def test_failed_transaction_stores_nothing() -> None:
    lib = Library(":memory:")
    with pytest.raises(RuntimeError), lib.transaction():
        lib.add_article(_article("a1"), _link("a1"))
        raise RuntimeError("killed")
    assert lib.count_articles() == 0


def test_sightings_are_recorded_once_per_place() -> None:
    lib = Library(":memory:")
    with lib.transaction():
        lib.add_article(_article("a1"), _link("a1"))
        assert lib.add_sighting("a1", "other.jsonl:line 3")
        assert not lib.add_sighting("a1", "other.jsonl:line 3")
    assert sorted(lib.sightings("a1")) == ["other.jsonl:line 3", "test:a1"]


def test_family_merge_moves_every_member() -> None:
    lib = Library(":memory:")
    with lib.transaction():
        lib.add_article(_article("a", family="a"), _link("a"))
        lib.add_article(_article("b", family="b"), _link("b"))
        lib.add_article(_article("c", family="b"), _link("c"))
        lib.merge_families(["b"], "a")
    assert lib.family_map() == {"a": "a", "b": "a", "c": "a"}
    assert lib.families(min_size=2) == [("a", 3)]
    assert [r[0] for r in lib.family_records()] == ["a", "b", "c"]


def test_site_line_counts_accumulate_per_site() -> None:
    lib = Library(":memory:")
    with lib.transaction():
        lib.add("daily", {"k1": "Home | World", "k2": "Subscribe"})
        lib.add("daily", {"k1": "Home | World"})
        lib.add("other", {"k1": "Home | World"})
    assert lib.counts("daily", ["k1", "k2", "k3"]) == {"k1": 2, "k2": 1}
    assert lib.site_boilerplate("daily", 2) == [("Home | World", 2)]


def test_a_story_counts_named_sources_and_url_hosts_not_unattributed_articles() -> None:
    from storyline.model import Article
    from storyline.store import FamilyLink, Library

    library = Library(":memory:")
    rows = [("a", "Reuters", None), ("b", None, "https://www.bbc.co.uk/news/1"), ("c", None, "https://bbc.co.uk/x"),
            ("d", None, None), ("e", None, "not a url [")]
    with library.transaction():
        for aid, source, url in rows:
            article = Article(id=aid, text=aid, raw_text=aid, source=source, url=url, content_hash=aid,
                              text_hash=aid, location=aid)
            library.add_article(article, FamilyLink(aid, None, "new", 0.0, 0.0, b""))
        library.set_story_assignments([(aid, "s", "line", None, None) for aid, _, _ in rows])
    summary = library.story_summaries(["s"])["s"]
    assert summary["size"] == 5
    assert summary["sources"] == 2  # Reuters and bbc.co.uk
