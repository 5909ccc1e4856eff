"""RSS and Atom feeds: one article per entry, through feedparser (given bytes, so it never fetches).

An entry's text is its full content when the feed carries it, else its summary, flattened from HTML to
text; the entry's HTML is kept on the article. The feed's title is the source; dates become ISO 8601 in UTC
(feedparser normalises every feed date format to UTC).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from storyline.ingest import settings
from storyline.ingest.source import Source, megabytes
from storyline.ingest.webpage import fragment_text
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """True when the start of an input has an RSS, Atom or RSS 1.0 (RDF) root element."""
    return bool(_FEED_ROOT.search(head[:4096]))


def read_feed(src: Source) -> Iterator[Item]:
    """Every entry of a feed as an article, located as ``path#entry N``."""
    data = src.read_document()
    if isinstance(data, InputProblem):
        yield data
        return
    if not data.strip():
        yield InputProblem(src.name, "empty file", warning=True)
        return
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        if not parsed.get("version") and not looks_like_feed(data):
            yield InputProblem(src.name, "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)")
        elif parsed.get("bozo"):
            yield InputProblem(src.name, f"malformed feed ({_reason(parsed.get('bozo_exception'))})")
        else:
            yield InputProblem(src.name, "the feed has no entries")
        return
    feed_title = _clean((parsed.get("feed") or {}).get("title"))
    encoding = parsed.get("encoding") or None
    for number, entry in enumerate(entries, start=1):
        yield _entry_article(entry, number, src, feed_title, encoding)
    if parsed.get("bozo") and _is_syntax_error(parsed.get("bozo_exception")):
        error = parsed["bozo_exception"]
        line, column = _position(error)
        where = f"{src.name}:{line}" if line else src.name
        at = f" at column {column}" if column else ""
        yield InputProblem(
            where, f"malformed feed XML ({_sax_message(error)}{at}); entries after this point may be missing"
        )


def _entry_article(entry: Any, number: int, src: Source, feed_title: str | None, encoding: str | None) -> Item:
    where = f"{src.name}#entry {number}"
    html = None
    contents = entry.get("content") or []
    for content in contents:
        if content.get("value", "").strip():
            html = content["value"]
            break
    if html is None:
        html = entry.get("summary") or entry.get("description")
    if not html or not html.strip():
        return InputProblem(where, "entry has no content or summary")
    if len(html) > settings.MAX_RECORD_BYTES:
        return InputProblem(
            where, f"entry too long ({megabytes(len(html))}, the limit for one record is "
                   f"{megabytes(settings.MAX_RECORD_BYTES)})"
        )
    text = fragment_text(html) if "<" in html else html.strip()
    if not text.strip():
        return InputProblem(where, "entry has no text (its content is empty once HTML is removed)")
    link = _clean(entry.get("link"))
    extra: dict[str, Any] = {}
    tags = [tag.get("term") for tag in entry.get("tags") or [] if tag.get("term")]
    if tags:
        extra["tags"] = tags
    # dict.get, not entry.get: feedparser maps a missing updated_parsed to published_parsed (with a warning).
    published = _iso(dict.get(entry, "published_parsed")) or _clean(dict.get(entry, "published"))
    updated = _iso(dict.get(entry, "updated_parsed")) or _clean(dict.get(entry, "updated"))
    if published is None:
        published = updated  # Atom requires <updated> and often has nothing else
    elif updated and updated != published:
        extra["updated"] = updated
    return RawArticle(
        id=_clean(entry.get("id")) or link or src.default_id(text, number),
        text=text,
        location=where,
        title=_clean(entry.get("title")),
        published=published,
        source=feed_title,
        url=link,
        language=_clean(entry.get("language")),
        byline=_clean(entry.get("author")),
        extra=extra,
        html=html if "<" in html else None,
        encoding=encoding,
    )


def _iso(parsed_time: Any) -> str | None:
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _clean(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _reason(error: Any) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def _is_syntax_error(error: Any) -> bool:
    # feedparser flags harmless oddities too (a declared encoding it overrode, a missing namespace); only a
    # real XML syntax error means entries after it may be lost.
    return type(error).__name__ in ("SAXParseException", "ExpatError")


def _position(error: Any) -> tuple[int | None, int | None]:
    try:
        return error.getLineNumber(), error.getColumnNumber()
    except AttributeError:
        return getattr(error, "lineno", None), getattr(error, "offset", None)


def _sax_message(error: Any) -> str:
    try:
        return str(error.getMessage())
    except AttributeError:
        return _reason(error)
