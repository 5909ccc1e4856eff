"""Facts: the numbers, dates, names and quotes of a story's articles, and which of them the sources agree on.

- :func:`extract` reads every article of a story (see :mod:`storyline.facts.extract`);
- :func:`reconcile` groups the mentions into facts, each ``agreed``, ``conflict``, ``unique`` or
  ``updated`` (see :mod:`storyline.facts.reconcile`).

>>> from storyline.model import Article
>>> a = Article("a", "At least 28 people were killed on Monday.", "", published="2024-12-13")
>>> b = Article("b", "Officials said 28 people were killed.", "", published="2024-12-13")
>>> facts = reconcile([a, b], extract([a, b], use_ner=False))
>>> [(f.kind, f.value, f.status) for f in facts if f.kind == "quantity"]
[('quantity', 28, 'agreed')]
"""

from storyline.facts.dates import DateMention
from storyline.facts.entities import EntityMention
from storyline.facts.extract import ArticleFacts, extract
from storyline.facts.quantities import Quantity
from storyline.facts.quotes import QuoteMention
from storyline.facts.reconcile import reconcile


def forget_texts() -> None:
    """Empty the caches kept per article text (token views of whole articles): they pay inside one story
    and only hold memory across stories."""
    from storyline.facts import align

    align._article_view.cache_clear()


__all__ = ["ArticleFacts", "DateMention", "EntityMention", "Quantity", "QuoteMention", "extract", "forget_texts",
           "reconcile"]
