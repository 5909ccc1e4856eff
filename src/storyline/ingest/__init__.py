"""Input readers: files, folders, JSON Lines, CSV, HTML, RSS/Atom and WARC into RawArticle records.

Use :class:`InputReader`; it yields :class:`storyline.model.RawArticle` for every article it can read and
:class:`storyline.model.InputProblem` for everything it cannot, and never raises for bad input. Limits are
in :mod:`storyline.ingest.settings`.
"""

from storyline.ingest.reader import InputReader

__all__ = ["InputReader"]
