"""Briefs: a short extractive summary of a story in which every sentence cites its sources."""

from storyline.brief.extractive import BriefSentence, brief
from storyline.brief.sentences import split_sentences

__all__ = ["BriefSentence", "brief", "split_sentences"]
