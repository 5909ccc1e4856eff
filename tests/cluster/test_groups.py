"""Groups: keys in use, renames."""

from __future__ import annotations

import math

import numpy as np

from storyline.cluster import sums as V
from storyline.cluster.groups import N_PRESENCE, Groups


def _new(groups: Groups, key: str, n: int = 1) -> int:
    return groups.new(key, V.EMPTY_IDS, V.EMPTY_VALS, np.zeros(4, dtype=np.float32), n, np.zeros(N_PRESENCE), [],
                      math.nan, math.nan)


def test_a_key_is_in_use_only_while_a_live_group_has_it() -> None:
    g = Groups(4)
    a, b = _new(g, "a"), _new(g, "b")
    assert g.key_in_use("a") and g.key_in_use("b") and not g.key_in_use("c")
    g.absorb(a, b)
    g.root[b] = a
    assert not g.key_in_use("b")  # a dead group's key may be given again
    g.rename(a, "c")
    assert g.key_in_use("c") and not g.key_in_use("a")


def test_adding_parts_at_once_equals_adding_them_one_by_one_bit_for_bit() -> None:
    rng = np.random.default_rng(7)

    def part() -> tuple:
        ids = np.unique(rng.integers(0, 60, 25)).astype(np.int32)
        day = float(rng.integers(0, 50)) if rng.random() < 0.8 else math.nan
        return (ids, rng.random(len(ids)) * rng.choice([1e-3, 1.0, 1e3]), rng.random(4).astype(np.float32),
                int(rng.integers(1, 4)), rng.random(N_PRESENCE), day, day)

    start = part()
    parts = [part() for _ in range(6)]
    one, many = Groups(4), Groups(4)
    a = one.new("a", *start[:5], [], start[5], start[6])
    b = many.new("a", *start[:5], [], start[5], start[6])
    for p in parts:
        one.add(a, *p[:5], [], p[5], p[6])
    many.add_parts(b, parts)
    assert np.array_equal(one.ids[a], many.ids[b]) and one.vals[a].tobytes() == many.vals[b].tobytes()
    assert one.emb[a].tobytes() == many.emb[b].tobytes() and one.n[a] == many.n[b]
    assert one.has[a].tobytes() == many.has[b].tobytes() and one.version[a] == many.version[b]
    assert (one.lo[a], one.hi[a]) == (many.lo[b], many.hi[b])
