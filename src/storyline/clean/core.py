"""Cleaning one article, and a batch: :class:`RawArticle` in, :class:`Article` out.

The steps, in order:

1. **Tidy** (:mod:`.text`): line breaks unified, control characters dropped, runs of spaces collapsed,
   lines trimmed, Unicode NFC; every clean character keeps its way back to the raw text
   (``Article.segments``).
2. **Boilerplate** (:mod:`.boilerplate`): lines repeated inside the article, lines the site repeats
   across articles (learnt through a :class:`SiteLineMemory`), generic header and footer lines. They
   leave the text and are listed, once each, in ``removed_boilerplate``.
3. **Metadata** (:mod:`.metadata`): headline, publication date, byline where the input has none (the
   input always wins; what came from the text is named in ``guessed``), dateline and credited outlets.
4. **Hashes**: ``content_hash`` (id and raw text: identity for idempotent ingest) and ``text_hash``
   (normalised clean text: exact copies share it, whatever their templates).

**What stays in the text.** Everything but boilerplate: the headline line, the date line and the
dateline stay where they are. They are part of what the outlet published, copies of a story usually
carry them too, and removing them would make the clean text differ from the raw text in more places
(every removal is a jump in the offset map) for no gain to any later stage. Credit footers such as
"This story was originally published by Reuters." *are* removed as boilerplate (their content is kept
in ``attributed_to``), because a site appends them to everything it reprints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from storyline.clean.boilerplate import SiteLineMemory, find_boilerplate, split_wire_notes
from storyline.clean.metadata import read_metadata
from storyline.clean.text import assemble, normalise_for_hash, split_lines
from storyline.model import Article, RawArticle


def clean_article(raw: RawArticle, site_lines: SiteLineMemory | None = None) -> Article:
    """Clean one article. With ``site_lines``, use what earlier articles of the same site taught about
    its boilerplate, then record this article's lines there (after cleaning it).

    >>> text = "Useful links\\nSite map\\nUseful links\\nSite map\\nThe story is here."
    >>> art = clean_article(RawArticle(id="a", text=text, location="-"))
    >>> art.text, art.removed_boilerplate
    ('The story is here.', ['Useful links', 'Site map'])
    """
    lines = split_wire_notes(split_lines(raw.text))
    texts = [line.text for line in lines]
    article = Article(
        id=raw.id,
        text="",
        raw_text=raw.text,
        location=raw.location,
        title=raw.title,
        published=raw.published,
        source=raw.source,
        url=raw.url,
        language=raw.language,
        byline=raw.byline,
        extra=dict(raw.extra),
    )
    site = article.site
    removed, record = find_boilerplate(texts, site, site_lines)
    keep = [not flag for flag in removed]
    article.text, article.segments = assemble(lines, keep)
    article.removed_boilerplate = list(
        dict.fromkeys(t for t, flag in zip(texts, removed, strict=True) if flag)
    )

    meta = read_metadata(texts, keep, title=raw.title)
    if raw.title is None and meta.title:
        article.title = meta.title
        article.guessed.append("title")
    if raw.published is None and meta.published:
        article.published = meta.published
        article.guessed.append("published")
    if raw.byline is None and meta.byline:
        article.byline = meta.byline
        article.guessed.append("byline")
    if meta.dateline:
        article.dateline = meta.dateline
        article.guessed.append("dateline")
    if meta.attributed_to:
        article.attributed_to = meta.attributed_to
        article.guessed.append("attributed_to")

    article.content_hash = hashlib.sha1(f"{raw.id}\0{raw.text}".encode()).hexdigest()
    article.text_hash = hashlib.sha1(normalise_for_hash(article.text).encode("utf-8")).hexdigest()
    if site_lines is not None and site and record:
        site_lines.add(site, record)
    return article


def clean_batch(raws: Iterable[RawArticle], site_lines: SiteLineMemory | None = None) -> list[Article]:
    """Clean articles in order; exactly the same as calling :func:`clean_article` on each in turn, so a
    run that is interrupted and resumed gives the same library as one that is not."""
    return [clean_article(raw, site_lines) for raw in raws]
