"""A library whose stories were built by another version of the clusterer is rebuilt, not refused."""

from __future__ import annotations

import json

from storyline import pipeline
from storyline.store import Library, codec


def test_a_stale_clusterer_state_rebuilds_every_story(tmp_path):
    corpus = tmp_path / "a.jsonl"
    rows = [
        {"id": "flood-1", "text": "Floodwater swept through Ashby on Monday after three days of rain, forcing "
         "120 families from their homes, officials said.", "published": "2024-01-08"},
        {"id": "fire-1", "text": "A fire destroyed the Brampton textile mill on Thursday, and 45 workers "
         "escaped unharmed, the fire service said.", "published": "2024-03-14"},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    library = Library(tmp_path / "lib.db")
    pipeline.ingest(library, [str(corpus)])
    assert not pipeline.cluster(library).rebuilt_stale_state
    state = codec.loads(library.load_state(pipeline.CLUSTER_STATE_KEY))
    state["version"] = -1  # as if written by another version
    with library.transaction():
        library.save_state(pipeline.CLUSTER_STATE_KEY, codec.dumps(state))

    more = tmp_path / "b.jsonl"
    more.write_text(json.dumps({"id": "flood-2", "text": "Floodwater swept through Ashby on Monday after "
                                "three days of rain, forcing 120 families from their homes."}) + "\n")
    pipeline.ingest(library, [str(more)])
    summary = pipeline.cluster(library)

    assert summary.rebuilt_stale_state
    assert summary.clustered == 3
    assigned = library.story_assignments()
    assert set(assigned) == {"flood-1", "flood-2", "fire-1"}
    assert assigned["flood-1"][0] == assigned["flood-2"][0] != assigned["fire-1"][0]
