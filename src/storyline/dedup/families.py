"""Families as a union-find forest over article positions, where the oldest family always wins.

Articles are numbered in the order they were added. Every family's root is its lowest number, its oldest
member, and the family is named after it (the family id is the oldest member's article id). When an
article joins several families at once, they merge into the oldest; the others' names disappear, which is
what :class:`~storyline.dedup.index.FamilyAssignment` reports as ``merged``.

>>> forest = FamilyForest()
>>> for article in ["a", "b", "c"]:
...     _ = forest.add(article)
>>> forest.union([2, 1])  # "c" and "b" merge into "b", the older
(1, [2])
>>> forest.union([0, 1])
(0, [1])
>>> forest.name(forest.find(2))
'a'
"""

from __future__ import annotations

from collections.abc import Iterable


class FamilyForest:
    """Union-find with path halving; the root of a set is always its smallest position."""

    def __init__(self) -> None:
        self._parent: list[int] = []
        self._ids: list[str] = []
        # Family names that are not the root's own article id: only after restoring a library whose
        # stored family ids are not member ids (kept rather than silently renamed).
        self._names: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._parent)

    def add(self, article_id: str, family_root: int | None = None, name: str | None = None) -> int:
        """Add an article as its own family, or as a member of the family rooted at ``family_root``;
        ``name`` names a new family when it is not the article's id. Returns the article's position."""
        position = len(self._parent)
        self._ids.append(article_id)
        if family_root is None:
            self._parent.append(position)
            if name is not None and name != article_id:
                self._names[position] = name
        else:
            self._parent.append(self.find(family_root))
        return position

    def find(self, position: int) -> int:
        """The root (oldest member) of the family holding ``position``."""
        parent = self._parent
        while parent[position] != position:
            parent[position] = parent[parent[position]]
            position = parent[position]
        return position

    def union(self, positions: Iterable[int]) -> tuple[int, list[int]]:
        """Join the families of ``positions``. Returns the surviving root and the roots merged into it,
        oldest first."""
        roots = sorted({self.find(p) for p in positions})
        if not roots:
            raise ValueError("union of nothing")
        winner = roots[0]
        for root in roots[1:]:
            self._parent[root] = winner
        return winner, roots[1:]

    def name(self, root: int) -> str:
        """The family id of the family rooted at ``root``."""
        return self._names.get(root, self._ids[root])

    def family_of(self, position: int) -> str:
        return self.name(self.find(position))

    def article_id(self, position: int) -> str:
        return self._ids[position]
