"""A run killed with SIGKILL at any moment leaves a consistent library, and running the same command again
ends with exactly the library an uninterrupted run gives: the same articles, families and stories.

The kills land anywhere in the run: while reading and storing articles, or while clustering them."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_ARTICLES = 3000
KILLS = 4

WORDS = ["government", "minister", "election", "protest", "council", "river", "storm", "harbour", "bank", "market", "court", "police", "city", "village", "report", "vote", "budget", "school", "hospital", "union", "strike", "fire", "flood", "bridge", "road", "railway", "port", "airline", "company", "factory", "farmer", "price", "tax", "health", "water", "power", "energy", "oil", "gas", "coal", "wind", "solar", "border", "army", "navy", "treaty"]


def _corpus(path: Path) -> None:
    """Articles of random sentences, a tenth of them copies of an earlier one under a site template."""
    rng = random.Random(7)
    stored: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_ARTICLES):
            if stored and rng.random() < 0.1:
                text = "Home | World | Sport\n" + rng.choice(stored) + "\n© Daily Site. All rights reserved."
                source = "Daily Site"
            else:
                sentences = [
                    " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."
                    for _ in range(rng.randint(4, 12))
                ]
                text = "\n".join(sentences)
                stored.append(text)
                source = rng.choice(["Wire A", "Wire B", "Paper C"])
            row = {"id": f"a{i:05d}", "text": text, "source": source, "published": f"2024-01-{1 + i % 28:02d}"}
            out.write(json.dumps(row) + "\n")


def _ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "storyline.cli", "ingest", str(corpus), "--db", str(db), "--quiet", "--no-analysis"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": con.execute(
                "SELECT seq, id, content_hash, text_hash, text, title, published, source, family, "
                "removed_boilerplate, attributed_to, story, storyline FROM articles ORDER BY seq"
            ).fetchall(),
            "sightings": con.execute("SELECT article_id, location FROM sightings ORDER BY 1, 2").fetchall(),
            "site_lines": con.execute("SELECT site, line_key, articles FROM site_lines ORDER BY 1, 2").fetchall(),
            "stories": con.execute("SELECT id, level, storyline, title, size FROM stories ORDER BY id").fetchall(),
            "family_links": con.execute(
                "SELECT article_id, matched_id, kind, round(similarity, 6), signature FROM family_links ORDER BY 1"
            ).fetchall(),
        }
    finally:
        con.close()


@pytest.mark.slow
def test_killed_ingest_resumes_to_the_uninterrupted_library(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)

    started = time.monotonic()
    assert _ingest(corpus, tmp_path / "clean.db").wait() == 0
    full_run = time.monotonic() - started
    expected = _snapshot(tmp_path / "clean.db")
    assert len(expected["articles"]) == N_ARTICLES

    killed = tmp_path / "killed.db"
    rng = random.Random(11)
    kills_mid_run = 0
    for _ in range(KILLS):
        process = _ingest(corpus, killed)
        time.sleep(rng.uniform(0.3, 0.9) * full_run)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills_mid_run += 1
        process.wait()
        if killed.exists():
            partial = _snapshot(killed)  # consistent after every kill: integrity ok, every article whole
            assert len(partial["articles"]) == len(partial["family_links"])
    assert kills_mid_run >= 1, "the ingest finished before any kill: the corpus is too small to test"
    assert _ingest(corpus, killed).wait() == 0

    resumed = _snapshot(killed)
    for table, rows in expected.items():
        assert resumed[table] == rows, f"{table} differs after kill and resume"
