"""Extraction: everything factual one article states, each mention with its character span in ``text``.

:func:`extract` takes a batch (normally one story: names are linked and relative dates anchored across
it) and returns one :class:`ArticleFacts` per article. Quantities, dates and quotes are regex work; names
are found by regex too, and spaCy's NER runs only to type names that recur and that cheap rules could not
type (see :mod:`storyline.facts.entities`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyline.facts import settings
from storyline.facts.dates import DateMention, find_dates, parse_iso_day
from storyline.facts.entities import EntityMention, find_entities, link_entities, load_nlp
from storyline.facts.quantities import Quantity, find_quantities
from storyline.facts.quotes import QuoteMention, find_quotes
from storyline.facts.text import sentence_spans
from storyline.model import Article


@dataclass(slots=True)
class ArticleFacts:
    """Everything extracted from one article.

    ``anchor`` is the date relative dates were resolved against (ISO), ``anchor_is_own`` whether it is the
    article's own publication date (else the story's); ``sentences`` the sentence spans used.
    """

    article: str
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    quotes: list[QuoteMention] = field(default_factory=list)
    anchor: str | None = None
    anchor_is_own: bool = False
    sentences: list[tuple[int, int]] = field(default_factory=list)


def extract(
    articles: Sequence[Article],
    anchor_dates: Mapping[str, str] | None = None,
    nlp: Any | None = None,
    use_ner: bool | None = None,
) -> list[ArticleFacts]:
    """Extract quantities, dates, entities and quotes from a batch of articles (one story, ideally).

    Relative dates are resolved against the article's ``published`` date; for an article without one,
    against ``anchor_dates[article.id]`` when given, else the median publication date of the batch (the
    story's date), with lower confidence. Names are linked across the batch. spaCy NER runs when
    ``use_ner`` (default ``settings.USE_SPACY_NER``); pass ``nlp`` to reuse a loaded pipeline.
    """
    use_ner = settings.USE_SPACY_NER if use_ner is None else use_ner
    story_anchor = _median_date([a.published for a in articles])
    results: list[ArticleFacts] = []
    for article in articles:
        own = parse_iso_day(article.published)
        given = parse_iso_day((anchor_dates or {}).get(article.id))
        anchor, is_own = (own, True) if own else ((given, False) if given else (story_anchor, False))
        text = article.text
        sentences = sentence_spans(text)
        dates = find_dates(text, anchor, is_own, sentences)
        quantities = find_quantities(text, sentences, [(d.start, d.end) for d in dates])
        entities = find_entities(text, sentences)
        results.append(ArticleFacts(
            article=article.id, quantities=quantities, dates=dates, entities=entities,
            anchor=anchor.isoformat() if anchor else None, anchor_is_own=is_own, sentences=sentences,
        ))
    per_article = [r.entities for r in results]
    if use_ner and nlp is None and any(per_article):
        nlp = load_nlp()
    link_entities([a.text for a in articles], per_article, nlp if use_ner else None)
    for article, r in zip(articles, results, strict=True):
        r.quotes = find_quotes(article.text, r.entities)
        for q in r.quotes:
            q.sentence = _sentence_of(r.sentences, q.start)
    return results


def _sentence_of(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return (s, e)
    return (pos, pos)


def _median_date(values: Sequence[str | None]) -> date | None:
    dates = sorted(d for d in (parse_iso_day(v) for v in values) if d)
    return dates[(len(dates) - 1) // 2] if dates else None
