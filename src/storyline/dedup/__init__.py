"""Near-duplicate families: exact and near copies of an article grouped (never dropped) as articles arrive.

See :mod:`storyline.dedup.index` for the method; settings and how they were chosen are in
:mod:`storyline.dedup.settings`.
"""

from storyline.dedup.index import FamilyAssignment, FamilyIndex, near_duplicate_families

__all__ = ["FamilyAssignment", "FamilyIndex", "near_duplicate_families"]
