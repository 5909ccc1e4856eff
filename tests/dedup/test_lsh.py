"""LSH banding: candidates share a band, and the answer does not depend on how rows were stored."""

from __future__ import annotations

import numpy as np

from storyline.dedup.lsh import BandIndex, band_keys, earlier_rows_sharing_a_key


def _random_signatures(n: int, seed: int = 3) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, 16), dtype=np.uint32)


def test_band_keys_are_equal_exactly_where_bands_are() -> None:
    signatures = _random_signatures(2)
    signatures[1, 4:6] = signatures[0, 4:6]  # band 2 of 2 rows
    keys = band_keys(signatures, rows=2)
    assert keys.shape == (2, 8)
    assert (keys[0] == keys[1]).tolist() == [False, False, True, False, False, False, False, False]


def test_equal_values_in_different_bands_give_different_keys() -> None:
    signatures = np.zeros((1, 4), dtype=np.uint32)
    keys = band_keys(signatures, rows=2)
    assert keys[0, 0] != keys[0, 1]


def test_earlier_rows_sharing_a_key_lists_every_earlier_partner() -> None:
    signatures = _random_signatures(5)
    signatures[3, :2] = signatures[0, :2]
    signatures[4, :2] = signatures[0, :2]
    signatures[4, 8:10] = signatures[2, 8:10]
    pairs = earlier_rows_sharing_a_key(band_keys(signatures, rows=2))
    assert pairs.tolist() == [[3, 0], [4, 0], [4, 2], [4, 3]]


def test_query_is_the_same_from_buffer_and_from_sorted_arrays() -> None:
    signatures = _random_signatures(300)
    signatures[200:, :2] = signatures[:100, :2]  # rows 200..299 share a band with rows 0..99
    keys = band_keys(signatures, rows=2)
    buffered = BandIndex(buffer_rows=10_000)
    merged = BandIndex(buffer_rows=1)
    for row in range(200):
        buffered.add(np.array([row]), keys[row : row + 1])
        merged.add(np.array([row]), keys[row : row + 1])
    assert len(buffered) == len(merged) == 200
    one_at_a_time = [buffered.query(keys[i : i + 1])[0].tolist() for i in range(200, 300)]
    assert one_at_a_time == [[i - 200] for i in range(200, 300)]
    assert [q.tolist() for q in merged.query(keys[200:])] == one_at_a_time


def test_empty_index_answers_nothing() -> None:
    index = BandIndex()
    assert [q.tolist() for q in index.query(band_keys(_random_signatures(2), rows=2))] == [[], []]
