"""Dense article vectors from wordllama, loaded from the weights shipped inside the package (no network)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storyline.cluster import settings as S

_MODEL: Any = None


def wordllama_model() -> Any:
    """The shared wordllama model, loaded once from its package folder; never downloads."""
    global _MODEL
    if _MODEL is None:
        import wordllama

        _MODEL = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return _MODEL


def embed(texts: Sequence[str], dim: int = S.EMBED_DIM) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (zeros for an empty text)."""
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    vectors = np.asarray(wordllama_model().embed(list(texts), norm=False), dtype=np.float32)[:, :dim]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vectors / norms)
