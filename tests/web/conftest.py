"""Libraries shared by the web tests: the bundled example corpus, and one holding hostile input."""

from __future__ import annotations

import json

import pytest

from storyline import pipeline
from storyline.store import Library
from storyline.web.screenshots import example_library

# An article whose every shown field tries to run script when placed unescaped into a page.
HOSTILE_TITLE = 'Flood <script>window.__xss=1</script><img src=x onerror="window.__xss=2"> hits town'
HOSTILE_TEXT = (
    "Heavy rain flooded the river town of Dunmore on Monday, officials said. <script>window.__xss=3</script>\n"
    "The water rose two metres overnight and <img src=x onerror=\"window.__xss=4\"> 300 homes were "
    "evacuated, the mayor said.\nRescue teams <svg onload=\"window.__xss=5\"> worked through the night."
)
HOSTILE_SOURCE = '<b onmouseover="window.__xss=6">Evil News</b>'
HOSTILE_ID = 'evil"><script>window.__xss=7</script>'
HOSTILE_ARTICLES = [
    {"id": HOSTILE_ID, "title": HOSTILE_TITLE, "text": HOSTILE_TEXT, "source": HOSTILE_SOURCE,
     "url": "javascript:window.__xss=8", "published": "2024-03-04", "byline": "<i>Mallory</i>"},
    {"id": "calm-2", "title": "River town of Dunmore flooded", "source": "Calm Times", "published": "2024-03-05",
     "text": "Heavy rain flooded the river town of Dunmore on Monday, officials said.\nThe water rose two "
             "metres overnight and 250 homes were evacuated, the mayor said.\nRescue teams worked through "
             "the night."},
]


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The five example articles, ingested, clustered and analysed."""
    return str(example_library(tmp_path_factory.mktemp("web") / "examples.db"))


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    source = folder / "hostile.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in HOSTILE_ARTICLES), encoding="utf-8")
    db = folder / "hostile.db"
    with Library(str(db)) as library:
        pipeline.ingest(library, [str(source)])
        pipeline.cluster(library)
        pipeline.analyse(library)
    return str(db)


@pytest.fixture(scope="session")
def example_story(example_db: str) -> dict:
    """The example corpus's biggest analysed event."""
    with Library(example_db) as library:
        return max(library.list_stories("event", limit=None), key=lambda s: s["size"])


@pytest.fixture(scope="session")
def example_pair(example_story: dict) -> tuple[str, str]:
    """The pair of the example story with the most reused passages: (source, target)."""
    best = max(example_story["analysis"]["relations"], key=lambda r: len(r["spans"]))
    return best["source"], best["target"]


@pytest.fixture(scope="session")
def hostile() -> dict:
    """The hostile article as given to ingest."""
    return dict(HOSTILE_ARTICLES[0])
