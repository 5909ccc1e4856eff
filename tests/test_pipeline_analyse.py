"""Stories analysed in worker processes are stored exactly as those analysed in this process."""

from __future__ import annotations

import json
from pathlib import Path

from storyline import pipeline
from storyline.store import Library

EVENTS = [
    ("ashby", "2024-01-08", "Floodwater swept through Ashby on Monday after three days of heavy rain, forcing 120 "
     "families from their homes, officials said. The river Ash rose two metres above its usual level overnight. "
     "Emergency crews worked through the night to shore up the old stone bridge."),
    ("brampton", "2024-03-14", "A fire destroyed the Brampton textile mill on Thursday, and 45 workers escaped "
     "unharmed, the fire service said. Flames were seen twenty miles away. The owner, Kestrel Fabrics, said "
     "production would move to its plant in Leeds."),
    ("colwick", "2024-05-21", "Nurses at Colwick General Hospital began a 48-hour strike on Tuesday over pay and "
     "staffing, their union said. About 900 nurses joined picket lines. The health board cancelled 300 "
     "operations and urged patients to stay away from the emergency department."),
    ("dunmore", "2024-09-02", "Voters in Dunmore elected Priya Castell as mayor on Sunday, with 54 percent of the "
     "vote, the election office said. Turnout reached 61 percent. Castell promised to reopen the town library "
     "and freeze parking charges for two years."),
]


def _corpus(path: Path) -> None:
    """Four unrelated events, each told by a wire story and an edited copy on a local site."""
    with path.open("w", encoding="utf-8") as out:
        for name, day, wire in EVENTS:
            copy = wire.replace(" said.", " said on its website.", 1) + f"\n© {name.title()} Gazette"
            out.write(json.dumps({"id": f"{name}-wire", "text": wire, "source": "Wire", "published": day}) + "\n")
            out.write(json.dumps({"id": f"{name}-copy", "text": copy, "source": f"{name.title()} Gazette",
                                  "published": day + "T12:00:00"}) + "\n")


def _library(tmp_path: Path, name: str) -> Library:
    corpus = tmp_path / "corpus.jsonl"
    if not corpus.exists():
        _corpus(corpus)
    library = Library(tmp_path / f"{name}.db")
    pipeline.ingest(library, [str(corpus)])
    pipeline.cluster(library)
    return library


def _analyses(library: Library) -> dict[str, dict]:
    return {s: library.get_story(s)["analysis"] for s in sorted(library.story_ids("event"))}


def test_workers_store_the_same_analyses_as_one_process(tmp_path, monkeypatch):
    here, there = _library(tmp_path, "here"), _library(tmp_path, "there")
    todo = here.stories_needing_analysis("event", min_size=2)
    assert len(todo) == len(EVENTS)

    assert pipeline.analyse(here, workers=1) == len(EVENTS)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_STORIES", 1)
    seen = []
    assert pipeline.analyse(there, workers=2, progress=lambda done, total: seen.append((done, total))) == len(EVENTS)

    assert seen[-1] == (len(EVENTS), len(EVENTS))
    assert there.stories_needing_analysis("event", min_size=2) == []
    expected = _analyses(here)
    assert all(expected[s] for s in todo)
    assert _analyses(there) == expected
