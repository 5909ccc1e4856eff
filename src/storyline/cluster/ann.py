"""Approximate nearest neighbours of dense vectors by random-hyperplane hashing (Charikar 2002).

Two events of one topic may share no rare term ("Bettie Page dies", "Esther Williams dies") and yet read
alike; the inverted index of rare terms cannot find one from the other, a scan of every storyline would
grow with the library. Each of ``tables`` hash tables files a vector under the signs of its dot products
with ``bits`` random hyperplanes: vectors at a small angle share a bucket in some table with high
probability, so a look-up reads a few buckets, whatever the library's size.

>>> import numpy as np
>>> index = HyperplaneIndex(dim=4, tables=4, bits=3, seed=1)
>>> index.put(7, np.array([1.0, 0.0, 0.0, 0.0]))
>>> index.query(np.array([0.9, 0.1, 0.0, 0.0]), 5)
[7]
"""

from __future__ import annotations

import numpy as np


class HyperplaneIndex:
    """Keys (ints) filed by the hyperplane signatures of their vectors; ``put`` again to move a key."""

    def __init__(self, dim: int, tables: int, bits: int, seed: int = 0) -> None:
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal((dim, tables * bits)).astype(np.float32)
        self.tables, self.bits = tables, bits
        self.buckets: list[dict[int, set[int]]] = [{} for _ in range(tables)]
        self.signature: dict[int, tuple[int, ...]] = {}
        self._powers = (1 << np.arange(bits)).astype(np.int64)

    def _signatures(self, vectors: np.ndarray) -> np.ndarray:
        signs = (np.atleast_2d(vectors).astype(np.float32) @ self.planes) > 0
        return signs.reshape(len(signs), self.tables, self.bits).astype(np.int64) @ self._powers

    def put(self, key: int, vector: np.ndarray) -> None:
        self.put_many([key], np.atleast_2d(vector))

    def put_many(self, keys: list[int], vectors: np.ndarray) -> None:
        if not keys:
            return
        for key, sig in zip(keys, self._signatures(vectors).tolist(), strict=True):
            sig = tuple(sig)
            old = self.signature.get(key)
            if old == sig:
                continue
            if old is not None:
                self._remove(key, old)
            for table, bucket in zip(self.buckets, sig, strict=True):
                table.setdefault(bucket, set()).add(key)
            self.signature[key] = sig

    def remove(self, key: int) -> None:
        old = self.signature.pop(key, None)
        if old is not None:
            self._remove(key, old)

    def _remove(self, key: int, sig: tuple[int, ...]) -> None:
        for table, bucket in zip(self.buckets, sig, strict=True):
            members = table.get(bucket)
            if members is not None:
                members.discard(key)
                if not members:
                    del table[bucket]

    def query(self, vector: np.ndarray, limit: int) -> list[int]:
        """Up to ``limit`` keys sharing the most buckets with ``vector`` (ties: smaller key first)."""
        return self.query_many(np.atleast_2d(vector), limit)[0]

    def query_many(self, vectors: np.ndarray, limit: int) -> list[list[int]]:
        out = []
        for sig in self._signatures(vectors).tolist():
            counts: dict[int, int] = {}
            for table, bucket in zip(self.buckets, sig, strict=True):
                for key in table.get(bucket, ()):
                    counts[key] = counts.get(key, 0) + 1
            out.append(sorted(counts, key=lambda k: (-counts[k], k))[:limit])
        return out
