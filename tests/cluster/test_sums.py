"""Sparse sums and their bulk dot products."""

from __future__ import annotations

import numpy as np

from storyline.cluster import sums as V


def vec(pairs: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    ids = np.array(sorted(pairs), dtype=np.int32)
    return ids, np.array([pairs[i] for i in sorted(pairs)], dtype=np.float64)


def weigh(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Kind = id % 2; comparison weight 2 for every term (squared: 4).
    return (ids % 2).astype(np.int64), np.full(len(ids), 4.0)


def test_add_and_subtract_keep_ids_sorted_and_drop_zeros() -> None:
    a, b = vec({1: 1.0, 5: 2.0}), vec({3: 1.0, 5: 1.0})
    ids, vals = V.add(*a, *b)
    assert ids.tolist() == [1, 3, 5] and vals.tolist() == [1.0, 1.0, 3.0]
    ids, vals = V.add(ids, vals, *b, sign=-1.0)
    assert ids.tolist() == [1, 5] and vals.tolist() == [1.0, 2.0]
    ids, vals = V.add_many([a, b, vec({0: 1.0})])
    assert ids.tolist() == [0, 1, 3, 5] and vals.tolist() == [1.0, 1.0, 1.0, 3.0]


def test_bulk_dots_equal_one_at_a_time() -> None:
    rng = np.random.default_rng(0)
    sides = [vec({int(i): float(rng.random()) for i in rng.choice(50, 12, replace=False)}) for _ in range(6)]
    pairs = np.array([(0, 1), (2, 3), (4, 5), (1, 0), (5, 5)])
    bulk = V.pair_dots(sides, sides, pairs[:, 0], pairs[:, 1], weigh, 2, 51)
    for (a, b), row in zip(pairs.tolist(), bulk, strict=True):
        assert np.allclose(row, V.dot(*sides[a], *sides[b], weigh, 2))
        ia, va = sides[a]
        ib, vb = sides[b]
        common = np.intersect1d(ia, ib)
        expect = [sum(4 * va[ia == t][0] * vb[ib == t][0] for t in common if t % 2 == k) for k in (0, 1)]
        assert np.allclose(row, expect)


def test_all_pairs_by_sparse_product_equal_pairwise() -> None:
    rng = np.random.default_rng(1)
    sides = [vec({int(i): float(rng.random()) for i in rng.choice(80, 20, replace=False)}) for _ in range(7)]
    sides.append((V.EMPTY_IDS, V.EMPTY_VALS))  # an emptied group shares nothing
    every = V.all_pair_dots(sides, weigh, 2, 81)
    assert every.shape == (8, 8, 2)
    for a in range(8):
        for b in range(8):
            assert np.allclose(every[a, b], V.dot(*sides[a], *sides[b], weigh, 2))
    assert not every[7].any() and not every[:, 7].any()


def test_one_to_many_dots_equal_one_at_a_time() -> None:
    rng = np.random.default_rng(2)
    one = vec({int(i): float(rng.random()) for i in rng.choice(60, 30, replace=False)})
    others = [vec({int(i): float(rng.random()) for i in rng.choice(60, 8, replace=False)}) for _ in range(5)]
    others.append((V.EMPTY_IDS, V.EMPTY_VALS))
    dots = V.one_to_many_dots(*one, others, weigh, 2)
    assert dots.shape == (6, 2)
    for other, row in zip(others, dots, strict=True):
        assert np.allclose(row, V.dot(*one, *other, weigh, 2))
    assert not V.one_to_many_dots(V.EMPTY_IDS, V.EMPTY_VALS, others, weigh, 2).any()


def test_top_keeps_the_weightiest_in_id_order() -> None:
    ids, vals = vec({1: 0.1, 2: 0.9, 3: 0.5, 4: 0.7})
    got = V.top(ids, vals, vals, 2)
    assert got[0].tolist() == [2, 4]
