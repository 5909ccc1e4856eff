"""Locality-sensitive hashing over MinHash signatures: which earlier articles are worth comparing.

The signature is cut into ``LSH_BANDS`` bands of ``LSH_ROWS`` values; two articles become candidates when
any band is equal, which happens with probability ``1 - (1 - J**rows)**bands`` for Jaccard similarity J.
Every band is reduced to one 32-bit key salted with its band number, so all bands share one table. A
32-bit key collides by chance about once in 4 billion lookups per indexed band; that only adds a candidate,
which verification then rejects.

rensa's own ``RMinHashLSH`` cannot be queried with a stored digest (it wants ``RMinHash`` objects, which
cannot be rebuilt from digests), so the banding lives here, where it can be rebuilt from stored
signatures in one vectorised pass.

Storage: the bulk of the index is one sorted uint64 array of entries ``key << 32 | row``, 8 bytes per band
per article, searched with ``np.searchsorted`` for a whole batch of queries at once. Rows added a few at a
time go to a small dict first and are merged into the array when it holds ``LSH_BUFFER_ROWS`` rows (or a
sixteenth of the array's rows, whichever is more, so merging stays amortised); large batches go straight
into the array. A dict of Python ints for 100,000 articles x 64 bands would need over a gigabyte; the
array needs 51 MB and is rebuilt by one numpy sort (about 0.1 s).

>>> import numpy as np
>>> keys = band_keys(np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 7, 7]], dtype=np.uint32), rows=2)
>>> index = BandIndex()
>>> index.add(np.array([0, 1]), keys[:2])
>>> [hits.tolist() for hits in index.query(keys)]  # row 1 shares its first band with row 0
[[0, 1], [0, 1], []]
>>> earlier_rows_sharing_a_key(keys).tolist()  # (later, earlier) position pairs inside one batch
[[1, 0]]
"""

from __future__ import annotations

import numpy as np

from storyline.dedup.settings import LSH_BUFFER_ROWS, LSH_ROWS
from storyline.dedup.shingles import mix64

_U64 = np.uint64
_SALT_STEP = _U64(0x9E3779B97F4A7C15)
_ROW_MASK = _U64(0xFFFFFFFF)
_ROW_MULTIPLIER = _U64(0xFF51AFD7ED558CCD)  # odd: folds a band's values into one 64-bit number
# A query batch of at least this many rows first merges the buffer into the arrays, so that the whole
# batch is answered by vectorised searches instead of one dict lookup per key.
_FLUSH_BEFORE_QUERY_ROWS = 64
_KEY_CHUNK_ROWS = 8192


def band_keys(signatures: np.ndarray, rows: int = LSH_ROWS, bands: int | None = None) -> np.ndarray:
    """One uint32 key per band for each signature row: shape ``(n, bands)``."""
    n, width = signatures.shape
    bands = width // rows if bands is None else bands
    if bands < 1 or bands * rows > width:
        raise ValueError(f"{bands} bands of {rows} rows do not fit a signature of {width} values")
    salt = (np.arange(1, bands + 1, dtype=np.uint64) * _SALT_STEP)[None, :]
    out = np.empty((n, bands), dtype=np.uint32)
    for start in range(0, n, _KEY_CHUNK_ROWS):  # bounds the uint64 temporaries for a large restore
        values = signatures[start : start + _KEY_CHUNK_ROWS, : bands * rows].reshape(-1, bands, rows)
        acc = values[:, :, 0].astype(np.uint64)
        for r in range(1, rows):
            acc = acc * _ROW_MULTIPLIER + values[:, :, r]
        out[start : start + _KEY_CHUNK_ROWS] = mix64(acc ^ salt) >> _U64(32)
    return out


def earlier_rows_sharing_a_key(keys: np.ndarray) -> np.ndarray:
    """All ``(i, j)`` with ``j < i`` whose key lines share at least one key, as an ``(m, 2)`` int64 array
    sorted by ``i`` then ``j``: the candidates a batch finds among its own earlier members."""
    n, bands = keys.shape
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64)
    # One sort of (key, row) packed in 64 bits groups equal keys, rows ascending inside each group.
    packed = np.sort(
        (keys.astype(np.uint64) << _U64(32)).reshape(-1) | np.repeat(np.arange(n, dtype=np.uint64), bands)
    )
    key, owner = packed >> _U64(32), (packed & _U64(0xFFFFFFFF)).astype(np.int64)
    found: list[np.ndarray] = []
    # Distances 1, 2, ... inside each run of equal keys; a run of g rows needs distances up to g - 1.
    distance = 1
    same = key[distance:] == key[:-distance]
    while same.any():
        later, earlier = owner[distance:][same], owner[:-distance][same]
        keep = later != earlier  # one row whose bands happen to share a key
        found.append((later[keep] << 32) | earlier[keep])
        distance += 1
        same = key[distance:] == key[:-distance]  # sorted, so equal at this distance means one run
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.unique(np.concatenate(found))
    return np.stack([pairs >> 32, pairs & 0xFFFFFFFF], axis=1)


class BandIndex:
    """Rows (article positions) by band key, for candidate lookup; see the module docstring.

    ``query`` answers with every indexed row that shares at least one key, ascending and without repeats,
    so the answer never depends on when rows moved from the buffer into the sorted array.
    """

    def __init__(self, buffer_rows: int = LSH_BUFFER_ROWS) -> None:
        # Every (key, row) entry packed as key << 32 | row, sorted: one array serves as both the key
        # column to search and the row column to read, and numpy sorts uint64 fast.
        self._entries = np.zeros(0, dtype=np.uint64)
        self._stored_rows = 0
        self._buffer: dict[int, int | list[int]] = {}
        self._buffered: list[tuple[np.ndarray, np.ndarray]] = []
        self._buffered_rows = 0
        self._buffer_rows = buffer_rows

    def __len__(self) -> int:
        """Number of indexed rows."""
        return self._stored_rows + self._buffered_rows

    def add(self, rows: np.ndarray, keys: np.ndarray) -> None:
        """Index ``rows`` (article positions) under their band keys (one line of ``keys`` per row)."""
        if len(rows) == 0:
            return
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) >= self._buffer_rows:
            self._merge(rows, keys)
            return
        buffer = self._buffer
        for row, line in zip(rows.tolist(), keys.tolist(), strict=True):
            for key in line:
                held = buffer.get(key)
                if held is None:
                    buffer[key] = row
                elif isinstance(held, list):
                    held.append(row)
                else:
                    buffer[key] = [held, row]
        self._buffered.append((rows, keys))
        self._buffered_rows += len(rows)
        if self._buffered_rows >= max(self._buffer_rows, self._stored_rows // 16):
            self._flush()

    def query(self, keys: np.ndarray) -> list[np.ndarray]:
        """For each line of band keys, the indexed rows sharing at least one key, ascending."""
        m, bands = keys.shape
        if m >= _FLUSH_BEFORE_QUERY_ROWS:
            self._flush()
        pairs: list[np.ndarray] = []
        if len(self._entries):
            flat = keys.reshape(-1).astype(np.uint64)
            # Sorted needles let searchsorted walk the big array in order instead of jumping around it.
            order = np.argsort(flat)
            flat = flat[order]
            lo = np.searchsorted(self._entries, flat << _U64(32), side="left")
            hi = np.searchsorted(self._entries, (flat + _U64(1)) << _U64(32), side="left")
            counts = hi - lo
            hit = counts > 0
            if hit.any():
                counts, lo = counts[hit], lo[hit]
                query_of = order[hit] // bands
                # Positions lo..hi-1 of every hit range, laid end to end.
                starts = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
                found = (self._entries[starts + np.arange(counts.sum())] & _ROW_MASK).astype(np.int64)
                pairs.append(np.stack([np.repeat(query_of, counts), found], axis=1))
        if self._buffer:
            extra = [
                (i, row)
                for i, line in enumerate(keys.tolist())
                for key in line
                if (held := self._buffer.get(key)) is not None
                for row in (held if isinstance(held, list) else (held,))
            ]
            if extra:
                pairs.append(np.asarray(extra, dtype=np.int64))
        return _split_by_query(pairs, m)

    def _flush(self) -> None:
        if not self._buffered:
            return
        rows = np.concatenate([r for r, _ in self._buffered])
        keys = np.concatenate([k for _, k in self._buffered])
        self._buffer.clear()
        self._buffered.clear()
        self._buffered_rows = 0
        self._merge(rows, keys)

    def _merge(self, rows: np.ndarray, keys: np.ndarray) -> None:
        """Add rows to the sorted entries (one sort of the packed entries: fast for uint64 in numpy)."""
        packed = keys.astype(np.uint64)
        packed <<= _U64(32)
        packed |= rows.astype(np.uint64)[:, None]
        packed = packed.reshape(-1)
        if len(self._entries):
            packed = np.concatenate([self._entries, packed])
        packed.sort()
        self._entries = packed
        self._stored_rows += len(rows)


def _split_by_query(pairs: list[np.ndarray], m: int) -> list[np.ndarray]:
    """Per query, the unique ascending rows of ``(query, row)`` pairs."""
    empty = np.zeros(0, dtype=np.int64)
    if not pairs:
        return [empty] * m
    both = np.concatenate(pairs)
    packed = np.unique((both[:, 0] << 32) | both[:, 1])  # sorted by query, then row
    bounds = np.searchsorted(packed >> 32, np.arange(m + 1))
    rows = packed & 0xFFFFFFFF
    return [rows[bounds[i] : bounds[i + 1]] for i in range(m)]
