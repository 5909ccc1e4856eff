"""Evaluations that go through the real pipeline: the dataset is ingested into a temporary library
(readers, cleaning, families, the store) and the library's answers are scored."""

from __future__ import annotations

import tempfile
from pathlib import Path

from storyline.dedup import near_duplicate_families
from storyline.eval.dedup import evaluate_dedup
from storyline.model import Article
from storyline.pipeline import ingest
from storyline.store import Library


def ingest_into_temporary_library(articles_path: str, folder: str) -> Library:
    """A fresh library in ``folder`` holding ``articles_path``, ingested exactly as ``storyline ingest``."""
    library = Library(Path(folder) / "eval.db")
    ingest(library, [articles_path])
    return library


def evaluate_dedup_via_library(articles_path: str, pairs_path: str) -> dict:
    """``storyline eval dedup``: families as the library stores them after a real ingest.

    The speed figure is the dedup stage alone (the family index over the library's cleaned articles, in
    library order), so that it compares like with like against the baseline, which also gets parsed
    articles; the families scored are the stored ones, which that same stage produced during ingest.
    """
    with tempfile.TemporaryDirectory(prefix="storyline-eval-") as folder:
        library = ingest_into_temporary_library(articles_path, folder)
        try:
            stored = library.family_map()
            cleaned: list[Article] = list(library.iter_articles())
        finally:
            library.close()

    def stored_families(_: list[Article]) -> dict[str, str]:
        families = near_duplicate_families(cleaned)
        assert families == stored, "the dedup stage disagrees with what ingest stored"
        return stored

    return evaluate_dedup(articles_path, pairs_path, system=stored_families)
