"""Preparing batches ahead, in a second process, changes nothing but where the work is done."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from storyline.cluster import StoryClusterer
from storyline.cluster import prepare as P
from storyline.model import Article


def art(aid: str, text: str, published: str | None = None) -> Article:
    return Article(id=aid, text=text, raw_text=text, published=published)


ARTICLES = [
    art("a1", "A magnitude 8.2 earthquake struck off northern Chile near Iquique on Tuesday, killing six people.",
        "2014-04-02"),
    art("a2", "Chilean President Michelle Bachelet declared a disaster zone around Iquique after the 8.2 quake.",
        "2014-04-02"),
    art("a3", "Lindsay Lohan checked into the Betty Ford Center on Thursday for a 90-day rehab stay.", "2013-05-03"),
    art("a4", "Actress Lindsay Lohan arrived at the Betty Ford Center for court-mandated rehab.", "2013-05-03"),
    art("a5", "A magnitude 7.8 earthquake struck Nepal near Kathmandu on Saturday, killing 1,800 people.",
        "2015-04-25"),
]
BATCHES = [ARTICLES[:2], ARTICLES[2:4], ARTICLES[4:]]


def _same_features(a: list, b: list) -> None:
    assert [f.id for f in a] == [f.id for f in b]
    for x, y in zip(a, b, strict=True):
        assert (x.terms, x.head, x.day, x.earlier) == (y.terms, y.head, y.day, y.earlier)
        np.testing.assert_allclose(x.emb, y.emb, rtol=1e-6)


@pytest.mark.skipif(sys.platform != "linux", reason="the second process is forked on Linux only")
def test_a_second_process_prepares_the_same_features_and_keeps_the_batches_in_order() -> None:
    ahead = list(P.prepared_batches(BATCHES, ahead=True))
    inline = list(P.prepared_batches(BATCHES, ahead=False))
    assert [[a.id for a in b] for b, _ in ahead] == [[a.id for a in b] for b in BATCHES]
    assert all(p is None for _, p in inline)
    # The first batch is the clusterer's to prepare while the second process prepares the next.
    assert ahead[0][1] is None
    for (_batch, prepared), expected in zip(ahead[1:], BATCHES[1:], strict=True):
        assert prepared is not None
        _same_features(prepared, P.prepare(expected))


def test_a_lone_batch_starts_no_second_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - stands in for worker_pool
        raise AssertionError("no process should start for one batch")

    monkeypatch.setattr(P, "worker_pool", refuse)
    assert [(b, p) for b, p in P.prepared_batches([ARTICLES], ahead=True)] == [(ARTICLES, None)]


def test_clustering_with_prepared_features_equals_clustering_without() -> None:
    plain, ready = StoryClusterer(), StoryClusterer()
    for batch in BATCHES:
        plain.add_batch(batch)
        # One article left out of the prepared ones: the clusterer prepares it itself.
        ready.add_batch(batch, prepared=P.prepare(batch)[1:])
    assert plain.events() == ready.events()
    assert plain.storylines() == ready.storylines()
    assert [plain.assignment(a.id).score for a in ARTICLES] == [ready.assignment(a.id).score for a in ARTICLES]


@pytest.mark.skipif(sys.platform != "linux", reason="the failure is planted before the fork")
def test_a_batch_the_second_process_fails_on_is_prepared_by_the_clusterer(monkeypatch: pytest.MonkeyPatch) -> None:
    real = P.featurize

    def fragile(articles):  # noqa: ANN001, ANN202 - stands in for featurize
        if any(a.id == "a3" for a in articles):
            raise ValueError("unreadable")
        return real(articles)

    monkeypatch.setattr(P, "featurize", fragile)
    out = list(P.prepared_batches([*BATCHES, ARTICLES[:1]], ahead=True))
    assert [[a.id for a in b] for b, _ in out] == [["a1", "a2"], ["a3", "a4"], ["a5"], ["a1"]]
    # The first is the clusterer's anyway; the second failed over there; the others were prepared.
    assert [p is None for _, p in out] == [True, True, False, False]
