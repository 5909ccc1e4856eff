"""Clustering: articles into events, events into storylines, online and explained.

See :mod:`storyline.cluster.online` for the algorithm and :mod:`storyline.cluster.settings` for its weights.
"""

from storyline.cluster.online import ClusterAssignment, StaleStateError, StoryClusterer
from storyline.cluster.settings import ClusterSettings, LevelWeights

__all__ = ["ClusterAssignment", "ClusterSettings", "LevelWeights", "StaleStateError", "StoryClusterer"]
