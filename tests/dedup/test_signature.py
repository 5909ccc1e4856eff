"""MinHash signatures: the Jaccard and containment estimates, and the stored form."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.dedup.settings import NUM_PERM
from storyline.dedup.signature import SIGNATURE_BYTES, compare, minhash_signatures, pack, unpack_many


def _signatures(*sets: range) -> np.ndarray:
    flat = np.concatenate([np.asarray(s, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) for s in sets])
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sets])])
    return minhash_signatures(flat, offsets)


def test_a_third_of_a_text_is_contained_but_not_similar() -> None:
    whole, third, other = _signatures(range(0, 3000), range(1000, 2000), range(5000, 6000))
    jaccard, containment = compare(third, np.stack([whole, other]))
    assert abs(jaccard[0] - 1 / 3) < 0.12 and containment[0] > 0.9
    assert jaccard[1] < 0.05 and containment[1] < 0.05


def test_containment_is_of_the_smaller_text_either_way_round() -> None:
    big, small = _signatures(range(0, 2000), range(0, 500))
    assert compare(big, small[None, :])[1][0] == compare(small, big[None, :])[1][0] > 0.9


def test_half_overlap_of_equal_texts() -> None:
    first, second = _signatures(range(0, 1000), range(500, 1500))
    jaccard, containment = compare(first, second[None, :])
    assert abs(jaccard[0] - 1 / 3) < 0.12 and abs(containment[0] - 0.5) < 0.12


def test_rows_without_shingles_get_a_signature_too() -> None:
    signatures = _signatures(range(0), range(0, 10))
    assert signatures.shape == (2, NUM_PERM) and signatures.dtype == np.uint32


def test_pack_and_unpack_round_trip() -> None:
    signatures = _signatures(range(0, 100), range(50, 300))
    blobs = [pack(100, signatures[0]), pack(250, signatures[1])]
    assert all(len(b) == SIGNATURE_BYTES for b in blobs)
    counts, restored = unpack_many(blobs)
    assert counts.tolist() == [100, 250]
    assert np.array_equal(restored, signatures)


def test_unpack_refuses_foreign_blobs() -> None:
    blob = bytearray(pack(10, _signatures(range(10))[0]))
    blob[1] ^= 1
    with pytest.raises(ValueError, match="signature 0"):
        unpack_many([bytes(blob)])
