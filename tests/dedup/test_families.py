"""The family forest: the oldest family wins every merge, and restored names are kept."""

from __future__ import annotations

import pytest

from storyline.dedup.families import FamilyForest


def test_union_keeps_the_oldest_root_and_reports_the_others() -> None:
    forest = FamilyForest()
    for article in "abcde":
        forest.add(article)
    assert forest.union([3, 4]) == (3, [4])
    assert forest.union([4, 1, 2]) == (1, [2, 3])
    assert [forest.family_of(p) for p in range(5)] == ["a", "b", "b", "b", "b"]
    assert forest.union([2, 3]) == (1, [])


def test_members_join_the_current_root_of_a_family() -> None:
    forest = FamilyForest()
    forest.add("a")
    forest.add("b")
    forest.union([0, 1])
    position = forest.add("c", family_root=1)
    assert forest.find(position) == 0 and forest.family_of(position) == "a"


def test_a_family_can_keep_a_name_that_is_not_a_member_id() -> None:
    forest = FamilyForest()
    forest.add("a", name="family-1")
    forest.add("b", family_root=0)
    assert forest.family_of(1) == "family-1"


def test_union_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        FamilyForest().union([])
