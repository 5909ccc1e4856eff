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


def test_a_limit_keeps_high_ids_out_of_the_sums() -> None:
    g = Groups(4, id_limit=100)
    ids, vals = np.array([3, 50, 120, 400], dtype=np.int32), np.ones(4)
    a = g.new("a", ids, vals, np.zeros(4, dtype=np.float32), 1, np.zeros(N_PRESENCE), [0], math.nan, math.nan)
    assert g.ids[a].tolist() == [3, 50]
    g.add(a, np.array([50, 150], dtype=np.int32), np.array([2.0, 1.0]), np.zeros(4, dtype=np.float32), 1,
          np.zeros(N_PRESENCE), [1], math.nan, math.nan)
    assert g.ids[a].tolist() == [3, 50] and g.vals[a].tolist() == [1.0, 3.0]
    assert Groups(4).limit(ids, vals)[0].tolist() == ids.tolist()  # no limit: everything kept
