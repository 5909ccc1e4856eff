"""Sparse vectors as sorted ``(ids, values)`` array pairs, and their dot products by kind, in bulk.

A group of articles (an event, a storyline) is summarised by the *sum* of its members' vectors; the mean
cosine between two groups (average linkage) is then the dot product of their sums divided by both sizes.
Sums are kept as a sorted ``int32`` id array and a ``float64`` value array: merging two is a sorted union,
and many dot products at once are one ``searchsorted`` over a concatenation (:func:`pair_dots`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

# Term ids -> (their kind codes, the squares of their comparison weights).
Weigh = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]

EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_VALS = np.zeros(0, dtype=np.float64)


def add(ids_a: np.ndarray, vals_a: np.ndarray, ids_b: np.ndarray, vals_b: np.ndarray, sign: float = 1.0
        ) -> tuple[np.ndarray, np.ndarray]:
    """The sum (or with ``sign=-1`` the difference) of two sorted sparse vectors; entries that cancel to
    (nearly) zero are dropped."""
    if not len(ids_b):
        return ids_a, vals_a
    if not len(ids_a) and sign > 0:
        return ids_b, vals_b.astype(np.float64, copy=True)
    pos = np.searchsorted(ids_a, ids_b)
    pos_c = np.minimum(pos, len(ids_a) - 1) if len(ids_a) else pos
    found = (ids_a[pos_c] == ids_b) if len(ids_a) else np.zeros(len(ids_b), dtype=bool)
    vals = vals_a.astype(np.float64, copy=True)
    if found.any():
        np.add.at(vals, pos_c[found], sign * vals_b[found])
    ids = ids_a
    if not found.all():
        new = ~found
        ids = np.insert(ids_a, pos[new], ids_b[new])
        vals = np.insert(vals, pos[new], sign * vals_b[new])
    if sign < 0:
        keep = vals > 1e-9
        if not keep.all():
            ids, vals = ids[keep], vals[keep]
    return ids, vals


def add_many(parts: Sequence[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The sum of several sorted sparse vectors."""
    parts = [p for p in parts if len(p[0])]
    if not parts:
        return EMPTY_IDS, EMPTY_VALS
    if len(parts) == 1:
        return parts[0][0], parts[0][1].astype(np.float64, copy=True)
    ids = np.concatenate([p[0] for p in parts])
    vals = np.concatenate([p[1] for p in parts]).astype(np.float64)
    uniq, inverse = np.unique(ids, return_inverse=True)
    return uniq.astype(np.int32), np.bincount(inverse, weights=vals, minlength=len(uniq))


def dot(ids_a: np.ndarray, vals_a: np.ndarray, ids_b: np.ndarray, vals_b: np.ndarray, weigh: Weigh,
        n_kinds: int) -> np.ndarray:
    """Per-kind dot products of two sorted sparse vectors (see :class:`Weigh`)."""
    if len(ids_a) > len(ids_b):
        ids_a, vals_a, ids_b, vals_b = ids_b, vals_b, ids_a, vals_a
    out = np.zeros(n_kinds)
    if not len(ids_a) or not len(ids_b):
        return out
    pos = np.minimum(np.searchsorted(ids_b, ids_a), len(ids_b) - 1)
    hit = ids_b[pos] == ids_a
    if not hit.any():
        return out
    kinds, factor2 = weigh(ids_a[hit])
    return np.bincount(kinds, weights=vals_a[hit] * vals_b[pos[hit]] * factor2, minlength=n_kinds)


def one_to_many_dots(ids_a: np.ndarray, vals_a: np.ndarray, others: Sequence[tuple[np.ndarray, np.ndarray]],
                     weigh: Weigh, n_kinds: int) -> np.ndarray:
    """Per-kind dot products of one sorted sparse vector with each of ``others``: a ``(len(others), n_kinds)``
    array. The others are looked up in the one vector, each copied once; :func:`pair_dots` would copy the one
    vector (often the sum of a large event) once per pair."""
    out = np.zeros((len(others), n_kinds))
    lengths = np.fromiter((len(o[0]) for o in others), dtype=np.int64, count=len(others))
    if not len(ids_a) or not lengths.sum():
        return out
    ids = np.concatenate([o[0] for o in others])
    vals = np.concatenate([o[1] for o in others])
    owner = np.repeat(np.arange(len(others)), lengths)
    pos = np.minimum(np.searchsorted(ids_a, ids), len(ids_a) - 1)
    hit = ids_a[pos] == ids
    kinds, factor2 = weigh(ids[hit])
    flat = np.bincount(owner[hit] * n_kinds + kinds, weights=vals_a[pos[hit]] * vals[hit] * factor2,
                       minlength=len(others) * n_kinds)
    return flat.reshape(len(others), n_kinds)


def pair_matches(
    left: Sequence[tuple[np.ndarray, np.ndarray]],
    right: Sequence[tuple[np.ndarray, np.ndarray]],
    pairs_left: np.ndarray,
    pairs_right: np.ndarray,
    span: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The terms that many pairs ``(left[i], right[j])`` share, at once: aligned arrays of pair index, term
    id, left value and right value. The right vectors taking part are concatenated with their position in
    the high bits of the key, so one ``searchsorted`` finds every left term in its partner. ``span`` exceeds
    every term id."""
    n_pairs = len(pairs_left)
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), EMPTY_VALS, EMPTY_VALS)
    if n_pairs == 0:
        return empty
    used, slot = np.unique(pairs_right, return_inverse=True)
    span64 = np.int64(span)
    r_parts = [right[j] for j in used.tolist()]
    r_keys = np.concatenate(
        [p[0].astype(np.int64) + k * span64 for k, p in enumerate(r_parts)] or [np.zeros(0, np.int64)]
    )
    r_vals = np.concatenate([p[1] for p in r_parts] or [EMPTY_VALS])
    l_parts = [left[i] for i in pairs_left.tolist()]
    lengths = np.fromiter((len(p[0]) for p in l_parts), dtype=np.int64, count=n_pairs)
    if not len(r_keys) or not lengths.sum():
        return empty
    q_ids = np.concatenate([p[0] for p in l_parts]).astype(np.int64)
    q_vals = np.concatenate([p[1] for p in l_parts])
    q_pair = np.repeat(np.arange(n_pairs), lengths)
    q_keys = q_ids + slot[q_pair].astype(np.int64) * span64
    pos = np.minimum(np.searchsorted(r_keys, q_keys), len(r_keys) - 1)
    hit = r_keys[pos] == q_keys
    return q_pair[hit], q_ids[hit], q_vals[hit].astype(np.float64), r_vals[pos[hit]]


def pair_dots(
    left: Sequence[tuple[np.ndarray, np.ndarray]],
    right: Sequence[tuple[np.ndarray, np.ndarray]],
    pairs_left: np.ndarray,
    pairs_right: np.ndarray,
    weigh: Weigh,
    n_kinds: int,
    span: int,
) -> np.ndarray:
    """Per-kind dot products of many pairs ``(left[i], right[j])`` at once: a ``(pairs, n_kinds)`` array
    (see :func:`pair_matches`)."""
    n_pairs = len(pairs_left)
    pair, ids, lv, rv = pair_matches(left, right, pairs_left, pairs_right, span)
    if not len(pair):
        return np.zeros((n_pairs, n_kinds))
    kinds, factor2 = weigh(ids)
    flat = np.bincount(pair * n_kinds + kinds, weights=lv * rv * factor2, minlength=n_pairs * n_kinds)
    return flat.reshape(n_pairs, n_kinds)


def all_pair_dots(vectors: Sequence[tuple[np.ndarray, np.ndarray]], weigh: Weigh, n_kinds: int, span: int
                  ) -> np.ndarray:
    """Per-kind dot products of every pair of ``vectors``: a ``(k, k, n_kinds)`` array. One sparse product
    of a matrix with a row per vector and kind (terms of different kinds never meet), where
    :func:`pair_dots` would concatenate one vector per pair: for all pairs of k sums of thousands of terms
    that is k(k - 1)/2 copies."""
    return cross_dots(vectors, None, weigh, n_kinds, span)


def cross_dots(left: Sequence[tuple[np.ndarray, np.ndarray]], right: Sequence[tuple[np.ndarray, np.ndarray]] | None,
               weigh: Weigh, n_kinds: int, span: int) -> np.ndarray:
    """Per-kind dot products of every ``(left[i], right[j])`` pair: a ``(len(left), len(right), n_kinds)``
    array, by one sparse product as in :func:`all_pair_dots` (``right=None``: left with itself)."""
    from scipy.sparse import csr_matrix

    def matrix(vectors: Sequence[tuple[np.ndarray, np.ndarray]]) -> csr_matrix | None:
        lengths = [len(v[0]) for v in vectors]
        if not sum(lengths):
            return None
        ids = np.concatenate([v[0] for v in vectors]).astype(np.int64)
        vals = np.concatenate([v[1] for v in vectors]).astype(np.float64)
        kinds, factor2 = weigh(ids)
        rows = np.repeat(np.arange(len(vectors), dtype=np.int64), lengths) * n_kinds + kinds
        return csr_matrix((vals * np.sqrt(factor2), (rows, ids)), shape=(len(vectors) * n_kinds, span))

    out = np.zeros((len(left), len(left) if right is None else len(right), n_kinds))
    m_left = matrix(left)
    m_right = m_left if right is None else matrix(right)
    if m_left is None or m_right is None:
        return out
    g = (m_left @ m_right.T).tocoo()  # rows of different kinds share no column: every entry pairs one kind
    out[g.row // n_kinds, g.col // n_kinds, g.row % n_kinds] = g.data
    return out


def top(ids: np.ndarray, vals: np.ndarray, weight: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``cap`` entries with the largest ``weight`` (aligned with ids), kept sorted by id."""
    if len(ids) <= cap:
        return ids, vals
    sel = np.sort(np.argpartition(-weight, cap)[:cap])
    return ids[sel], vals[sel]
