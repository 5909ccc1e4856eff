"""Story search and filters (storyline.store.search, used by the stories page and GET /api/stories)."""

from __future__ import annotations

from storyline.model import Article
from storyline.store import FamilyLink, Library
from storyline.store.search import (
    StoryFilter,
    find_stories,
    fts_query,
    index_new_articles,
    search_index_behind,
    source_names,
    story_flags,
    update_story_flags,
)


def _add(library: Library, aid: str, text: str, source: str, published: str, story: str) -> None:
    article = Article(id=aid, text=text, raw_text=text, title=text.split(".")[0], source=source,
                      published=published, content_hash=aid, text_hash=aid, location=aid)
    with library.transaction():
        library.add_article(article, FamilyLink(aid, None, "new", 0.0, 0.0, b""))
        library.set_story_assignments([(aid, story, "line:" + story, None, None)])
        summary = library.story_summaries([story])[story]
        library.upsert_story(story, "event", "line:" + story, text.split(".")[0], {}, summary)


def _library() -> Library:
    library = Library(":memory:")
    _add(library, "a1", "Earthquakes shake the coast. Buildings fell.", "Wire One", "2024-01-02T10:00", "s1")
    _add(library, "a2", "Floods in the valley. Roads closed.", "Daily Two", "2024-02-01", "s2")
    _add(library, "a3", "The valley floods again. Rescue teams.", "Wire One", "2024-03-01", "s2")
    index_new_articles(library)
    return library


def test_query_text_becomes_safe_fts() -> None:
    assert fts_query('flood "rescue teams" OR val*') == '"flood" AND "rescue teams" AND "val"*'
    assert fts_query('") NEAR(') is None
    assert fts_query("title:secret") == '"title secret"'  # no column filters from user input


def test_search_finds_stories_through_any_article_with_stemming() -> None:
    library = _library()
    ids = lambda **kw: [r["id"] for r in find_stories(library, StoryFilter(**kw))[0]]  # noqa: E731
    assert ids(query="earthquake") == ["s1"]  # porter stemming: earthquakes
    assert ids(query="flooding") == ["s2"]
    assert ids(query="rescue teams") == ["s2"]
    assert ids(query="tsunami") == []


def test_filters_by_source_and_overlapping_dates_newest_first() -> None:
    library = _library()
    ids = lambda **kw: [r["id"] for r in find_stories(library, StoryFilter(**kw))[0]]  # noqa: E731
    assert ids() == ["s2", "s1"]
    assert ids(source="Wire One") == ["s2", "s1"]
    assert ids(source="Daily Two") == ["s2"]
    assert ids(published_from="2024-02-15") == ["s2"]  # s2 runs 2024-02-01 .. 2024-03-01
    assert ids(published_to="2024-01-02") == ["s1"]  # a datetime on the last day counts
    assert ids(published_from="2024-01-03", published_to="2024-01-31") == []
    assert source_names(library) == [("Wire One", 2), ("Daily Two", 1)]


def test_paging_says_whether_more_follow() -> None:
    library = _library()
    rows, more = find_stories(library, limit=1)
    assert [r["id"] for r in rows] == ["s2"] and more
    rows, more = find_stories(library, limit=1, offset=1)
    assert [r["id"] for r in rows] == ["s1"] and not more


def test_flags_are_counted_from_the_stored_analysis() -> None:
    library = _library()
    with library.transaction():
        library.set_analysis("s2", {"facts": [{"status": "conflict"}, {"status": "agreed"}],
                                    "relations": [{"relation": "rewrite"}, {"relation": "edited"}]})
    rows = {r["id"]: r for r in find_stories(library)[0]}
    assert (rows["s2"]["conflicts"], rows["s2"]["rewrites"]) == (1, 1)
    assert (rows["s1"]["conflicts"], rows["s1"]["rewrites"]) == (0, 0)
    assert library._db.execute("SELECT conflicts FROM story_flags WHERE id='s2'").fetchone()[0] == 1  # kept
    # A newer analysis is counted again.
    with library.transaction():
        library.set_analysis("s2", {"facts": [{"status": "conflict"}] * 3, "relations": []})
        library._db.execute("UPDATE stories SET analysed_at = '2999-01-01' WHERE id = 's2'")
    assert story_flags(library, ["s2"]) == {"s2": {"conflicts": 3, "rewrites": 0}}
    with library.transaction():
        library.set_analysis("s2", {"facts": [], "relations": [{"relation": "rewrite"}]})
        assert update_story_flags(library, ["s2"]) == {"s2": {"conflicts": 0, "rewrites": 1}}
    assert story_flags(library, ["s2"]) == {"s2": {"conflicts": 0, "rewrites": 1}}


def test_index_catches_up_with_new_articles(tmp_path) -> None:
    path = tmp_path / "lib.db"
    library = Library(path)
    _add(library, "a1", "Earthquakes shake the coast.", "Wire One", "2024-01-02", "s1")
    index_new_articles(library)
    assert not search_index_behind(library)
    _add(library, "a2", "A volcano erupts.", "Wire One", "2024-01-03", "s2")
    assert search_index_behind(library)
    assert index_new_articles(library) == 1 and index_new_articles(library) == 0
    assert [r["id"] for r in find_stories(library, query="volcano")[0]] == ["s2"]
    library.close()
    # The migration indexes what a library held before search existed.
    assert [r["id"] for r in find_stories(Library(path), query="earthquake")[0]] == ["s1"]
