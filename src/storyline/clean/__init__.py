"""Cleaning: from a reader's :class:`~storyline.model.RawArticle` to an :class:`~storyline.model.Article`.

Tidies whitespace and Unicode while keeping a map back to the raw text, removes boilerplate (repeated
lines, a site's template learnt across its articles, generic headers and footers), and reads metadata
from the text (headline, date, dateline, byline, credited outlets). See :mod:`storyline.clean.core`.
"""

from storyline.clean.boilerplate import InMemorySiteLines, SiteLineMemory
from storyline.clean.core import clean_article, clean_batch
from storyline.clean.text import line_key, normalise_for_hash, to_raw_offset, to_raw_span

__all__ = [
    "InMemorySiteLines",
    "SiteLineMemory",
    "clean_article",
    "clean_batch",
    "line_key",
    "normalise_for_hash",
    "to_raw_offset",
    "to_raw_span",
]
