"""Events and storylines as numbered groups: their members and the sums that summarise them.

A group keeps the sum of its members' sparse vectors (sorted id/value arrays, see
:mod:`storyline.cluster.sums`), the sum of their embeddings, its size, how many members have dates,
numbers, head numbers and a publication day, and its span of days. Merged groups stay numbered: ``root``
maps every group to the live group that absorbed it, so ids handed out earlier keep resolving.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from storyline.cluster import sums as V

# Per article and group: members with dates, numbers, head numbers, a publication day.
N_PRESENCE = 4


class Groups:
    """A growing table of groups (events, or storylines)."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self.keys: list[str] = []
        self.ids: list[np.ndarray] = []
        self.vals: list[np.ndarray] = []
        self.members: list[list[int]] = []
        self.version: list[int] = []
        # Days (month * 100 + day) the group's articles were published on (+-1), and days they date earlier
        # happenings to: an article dating one of a group's own days as earlier reports a later happening.
        self.own: list[set[int]] = []
        self.earlier: list[set[int]] = []
        self._probe: dict[int, tuple[int, np.ndarray, np.ndarray]] = {}
        self.absorbed: dict[int, list[int]] = {}  # live root -> groups merged into it
        self._by_key: dict[str, list[int]] = {}  # key -> groups that were given it (a dead group's may recur)
        self.changed: set[int] = set()  # groups changed since the owner last cleared this (for indexes)
        cap = 16
        self.emb = np.zeros((cap, dim), dtype=np.float32)
        self.n = np.zeros(cap, dtype=np.int64)
        self.has = np.zeros((cap, N_PRESENCE), dtype=np.float64)
        self.parent = np.full(cap, -1, dtype=np.int64)
        self.root = np.arange(cap, dtype=np.int64)
        self.lo = np.full(cap, math.nan)
        self.hi = np.full(cap, math.nan)

    def __len__(self) -> int:
        return len(self.keys)

    def _grow(self, need: int) -> None:
        cap = len(self.n)
        if need <= cap:
            return
        while cap < need:
            cap *= 2
        for name, fill in (("emb", 0.0), ("n", 0), ("has", 0.0), ("parent", -1), ("lo", math.nan), ("hi", math.nan)):
            old = getattr(self, name)
            new = np.full((cap, *old.shape[1:]), fill, dtype=old.dtype)
            new[: len(old)] = old
            setattr(self, name, new)
        root = np.arange(cap, dtype=np.int64)
        root[: len(self.root)] = self.root
        self.root = root

    def new(self, key: str, ids: np.ndarray, vals: np.ndarray, emb: np.ndarray, n: int, has: np.ndarray,
            members: list[int], lo: float, hi: float, own: set[int] | None = None,
            earlier: set[int] | None = None) -> int:
        g = len(self.keys)
        self._grow(g + 1)
        self.keys.append(key)
        self._by_key.setdefault(key, []).append(g)
        self.own.append(set(own or ()))
        self.earlier.append(set(earlier or ()))
        self.ids.append(ids)
        self.vals.append(vals)
        self.members.append(members)
        self.version.append(0)
        self.emb[g] = emb
        self.n[g] = n
        self.has[g] = has
        self.lo[g], self.hi[g] = lo, hi
        self.changed.add(g)
        return g

    def alive(self, g: int) -> bool:
        return bool(self.root[g] == g) and self.n[g] > 0

    def key_in_use(self, key: str) -> bool:
        """Whether a live group has this key (keys of dead groups may be given again)."""
        return self.live_with_key(key) is not None

    def live_with_key(self, key: str) -> int | None:
        """The live group with this key, if any."""
        return next((g for g in self._by_key.get(key, ()) if self.alive(g) and self.keys[g] == key), None)

    def rename(self, g: int, key: str) -> None:
        """Give group ``g`` another key."""
        self.keys[g] = key
        self._by_key.setdefault(key, []).append(g)

    def live(self) -> list[int]:
        return [g for g in range(len(self.keys)) if self.root[g] == g and self.n[g] > 0]

    def add(self, g: int, ids: np.ndarray, vals: np.ndarray, emb: np.ndarray, n: int, has: np.ndarray,
            members: list[int], lo: float, hi: float, sign: float = 1.0) -> None:
        """Add (``sign=1``) or take out (``sign=-1``) members and their sums."""
        self.ids[g], self.vals[g] = V.add(self.ids[g], self.vals[g], ids, vals, sign)
        self.emb[g] += sign * emb
        self.n[g] += int(sign) * n
        self.has[g] += sign * has
        if sign > 0:
            self.members[g].extend(members)
            self._widen(g, lo, hi)
        else:
            gone = set(members)
            self.members[g] = [m for m in self.members[g] if m not in gone]
        self.version[g] += 1
        self.changed.add(g)

    def add_parts(self, g: int, parts: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray, int, np.ndarray,
                                                       float, float]]) -> None:
        """Add several parts' sums (``ids, vals, emb, n, has, lo, hi`` each) without members: what :meth:`add`
        once per part gives, bit for bit (each term's sum accumulates in the same order), with one merge of
        the terms instead of one per part."""
        self.ids[g], self.vals[g] = V.add_many([(self.ids[g], self.vals[g]), *((p[0], p[1]) for p in parts)])
        for _, _, emb, n, has, lo, hi in parts:
            self.emb[g] += emb
            self.n[g] += n
            self.has[g] += has
            self._widen(g, lo, hi)
        self.version[g] += len(parts)
        self.changed.add(g)

    def replace(self, g: int, ids: np.ndarray, vals: np.ndarray, emb: np.ndarray, n: int, has: np.ndarray,
                members: list[int], lo: float, hi: float, own: set[int], earlier: set[int]) -> None:
        """Give live group ``g`` other members and their sums."""
        self.ids[g], self.vals[g] = ids, vals
        self.emb[g], self.n[g], self.has[g] = emb, n, has
        self.members[g] = members
        self.lo[g], self.hi[g] = lo, hi
        self.own[g], self.earlier[g] = set(own), set(earlier)
        self.version[g] += 1
        self.changed.add(g)

    def retire(self, b: int, a: int) -> None:
        """Empty live group ``b`` whose members went elsewhere; its id (and those it absorbed) resolve to ``a``."""
        self.ids[b], self.vals[b], self.members[b] = V.EMPTY_IDS, V.EMPTY_VALS, []
        self.own[b], self.earlier[b] = set(), set()
        self.n[b] = 0
        self.emb[b] = 0.0
        self.has[b] = 0.0
        moved = [b, *self.absorbed.pop(b, [])]
        self.root[moved] = a
        self.absorbed.setdefault(a, []).extend(moved)
        self.changed.update((a, b))
        self._probe.pop(b, None)

    def set_sums(self, g: int, ids: np.ndarray, vals: np.ndarray) -> None:
        self.ids[g], self.vals[g] = ids, vals
        self.version[g] += 1
        self.changed.add(g)

    def _widen(self, g: int, lo: float, hi: float) -> None:
        if not math.isnan(lo):
            self.lo[g] = lo if math.isnan(self.lo[g]) else min(self.lo[g], lo)
            self.hi[g] = hi if math.isnan(self.hi[g]) else max(self.hi[g], hi)

    def absorb(self, a: int, b: int) -> None:
        """Merge live group ``b`` into live group ``a``."""
        self.ids[a], self.vals[a] = V.add(self.ids[a], self.vals[a], self.ids[b], self.vals[b])
        self.emb[a] += self.emb[b]
        self.n[a] += self.n[b]
        self.has[a] += self.has[b]
        self.members[a].extend(self.members[b])
        self.own[a] |= self.own[b]
        self.earlier[a] |= self.earlier[b]
        self.own[b], self.earlier[b] = set(), set()
        self._widen(a, float(self.lo[b]), float(self.hi[b]))
        self.retire(b, a)
        self.version[a] += 1

    def resolve(self, g: np.ndarray | int) -> np.ndarray | int:
        return self.root[g]

    def probe(self, g: int, weigh: V.Weigh, cap: int) -> tuple[np.ndarray, np.ndarray]:
        """The group's ``cap`` weightiest terms (by sum x comparison weight squared), cached per version.

        Comparing two large groups then costs a bounded number of look-ups; the terms left out carry little
        of either side's weight.
        """
        cached = self._probe.get(g)
        if cached is not None and cached[0] == self.version[g]:
            return cached[1], cached[2]
        ids, vals = self.ids[g], self.vals[g]
        if len(ids) > cap:
            ids, vals = V.top(ids, vals, vals * weigh(ids)[1], cap)
        self._probe[g] = (self.version[g], ids, vals)
        return ids, vals
