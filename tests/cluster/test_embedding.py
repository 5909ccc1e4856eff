"""Pooled wordllama vectors: the same as wordllama's own, without its padding."""

from __future__ import annotations

import numpy as np

from storyline.cluster.embedding import embed, wordllama_model


def test_vectors_match_wordllama_and_are_unit_length() -> None:
    texts = ["Lindsay Lohan checked into the Betty Ford Center.", "A magnitude 8.2 earthquake struck Chile.\nSix died."]
    ours = embed(texts)
    ref = np.asarray(wordllama_model().embed(texts, norm=True), dtype=np.float32)[:, : ours.shape[1]]
    ref /= np.linalg.norm(ref, axis=1, keepdims=True)
    assert ours.shape == (2, 256) and np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.all(np.sum(ours * ref, axis=1) > 0.999)
    assert float(ours[0] @ ours[1]) < 0.9


def test_empty_inputs() -> None:
    assert embed([]).shape == (0, 256)
    assert np.all(embed([""]) == 0)
