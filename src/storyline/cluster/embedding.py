"""Dense article vectors from wordllama, loaded from the weights shipped inside the package (no network).

A wordllama vector is the mean of the token embeddings of a text. ``WordLlama.embed`` pads every batch to
its longest text and tokenises whole texts; here a text's vector is pooled from a sparse count matrix
instead, and each whitespace-separated word is tokenised once and remembered. The Llama 2 tokenizer that
wordllama uses has no pre-tokenizer but never merges across a space, so a text's tokens are the
concatenation of its words' tokens: the vectors are wordllama's (up to runs of several spaces, which are
dropped), about ten times faster on news text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from storyline.cluster import settings as S

_MODEL: Any = None
_POOLER: _Pooler | None = None


def wordllama_model() -> Any:
    """The shared wordllama model, loaded once from its package folder; never downloads."""
    global _MODEL
    if _MODEL is None:
        import wordllama

        _MODEL = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return _MODEL


class _Pooler:
    """Mean-pools wordllama token vectors through a word -> token ids memory.

    Words are numbered; the tokens of word ``i`` are ``tokens[starts[i]:starts[i + 1]]``, so a batch of texts
    expands to its tokens with a few numpy operations.
    """

    def __init__(self, dim: int) -> None:
        from tokenizers import Tokenizer

        model = wordllama_model()
        self.matrix = np.ascontiguousarray(np.asarray(model.embedding, dtype=np.float32)[:, :dim])
        # A private copy of the tokenizer: the model's own pads batches, which would change token counts.
        self.tokenizer = Tokenizer.from_str(model.tokenizer.to_str())
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.word_index: dict[str, int] = {}
        self.tokens = np.zeros(0, dtype=np.int32)
        self.starts = np.zeros(1, dtype=np.int64)

    def _learn(self, words: list[str]) -> None:
        if len(self.word_index) + len(words) > S.EMBED_WORD_CACHE:
            # Forget everything rather than grow without bound; the next texts relearn their words.
            self.word_index = {}
            self.tokens = np.zeros(0, dtype=np.int32)
            self.starts = np.zeros(1, dtype=np.int64)
        encoded = self.tokenizer.encode_batch(words, add_special_tokens=False)
        ids = [np.asarray(enc.ids, dtype=np.int32) for enc in encoded]
        lengths = np.fromiter((len(x) for x in ids), dtype=np.int64, count=len(ids))
        first = len(self.word_index)
        for k, word in enumerate(words):
            self.word_index[word] = first + k
        new_tokens = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int32)
        np.clip(new_tokens, 0, len(self.matrix) - 1, out=new_tokens)
        self.tokens = np.concatenate([self.tokens, new_tokens])
        self.starts = np.concatenate([self.starts, self.starts[-1] + np.cumsum(lengths)])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        from scipy.sparse import csr_matrix

        counts = [Counter(t.split(" ")) for t in texts]
        index = self.word_index
        new = {w for c in counts for w in c if w not in index}
        if new:
            self._learn(sorted(new))
            index = self.word_index
            if any(w not in index for c in counts for w in c):  # the memory was just reset
                self._learn(sorted({w for c in counts for w in c if w not in index}))
                index = self.word_index
        words = np.fromiter(map(index.__getitem__, chain.from_iterable(counts)), dtype=np.int64)
        weights = np.fromiter(chain.from_iterable(c.values() for c in counts), dtype=np.float32, count=len(words))
        rows = np.repeat(np.arange(len(texts)), [len(c) for c in counts])
        lengths = self.starts[words + 1] - self.starts[words]
        total = int(lengths.sum())
        # Positions of every word's tokens in self.tokens: its start, plus 0..length-1.
        offsets = np.repeat(self.starts[words] - (np.cumsum(lengths) - lengths), lengths) + np.arange(total)
        counts_matrix = csr_matrix(
            (np.repeat(weights, lengths), (np.repeat(rows, lengths), self.tokens[offsets])),
            shape=(len(texts), len(self.matrix)),
        )
        return np.asarray(counts_matrix @ self.matrix, dtype=np.float32)


def embed(texts: Sequence[str], dim: int = S.EMBED_DIM) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (zeros for an empty text)."""
    global _POOLER
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    if _POOLER is None or _POOLER.matrix.shape[1] != dim:
        _POOLER = _Pooler(dim)
    vectors = _POOLER.embed(texts)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vectors / norms)
