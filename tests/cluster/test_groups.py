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
