"""HTML to article: main text and metadata of a web page through trafilatura, offline.

Used by the HTML file reader and the WARC reader. trafilatura finds the main text (leaving navigation,
footers and comments) and the page's metadata (title, publication date via htmldate, author, site name,
canonical URL). When it finds no main text, the page's visible text (selectolax) is used instead, so a
short or unusual page still gives an article. Feed entries carry HTML fragments, not pages; they go
through :func:`fragment_text`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from selectolax.lexbor import LexborHTMLParser

# trafilatura logs every page it finds too short or unparsable; the reader reports what matters itself.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

# Only dates the page states in its markup or URL; htmldate's extensive search also guesses from the body
# text, which for news is as likely to be a date the article mentions as its publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Elements after which a line break belongs when an HTML fragment is flattened to text.
_BLOCKS = "p, br, li, div, h1, h2, h3, h4, h5, h6, blockquote, tr, pre, section, article, header, footer"


@dataclass(slots=True)
class Page:
    """What was extracted from one web page."""

    text: str
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


def extract_page(html: str, url: str | None = None) -> Page | None:
    """The main text and metadata of ``html`` (``url`` helps resolve links and dates), or None when the
    page has no text at all."""
    document = None
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception:  # noqa: BLE001 - a crash inside the extractor must not lose the page; fall back below
        document = None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        text = fragment_text(html).strip()
    if not text:
        return None
    meta = {} if document is None else document.as_dict()
    return Page(
        text=text,
        title=_clean(meta.get("title")),
        published=_full_datetime(html, _clean(meta.get("date"))),
        byline=_clean(meta.get("author")),
        source=_clean(meta.get("sitename")),
        url=_clean(meta.get("url")) or url,
        language=_clean(meta.get("language")) or _declared_language(html),
    )


def fragment_text(html: str) -> str:
    """The visible text of an HTML fragment or page, one line per block element, scripts and styles left out."""
    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, noscript, template"):
        node.decompose()
    for node in tree.css(_BLOCKS):
        node.insert_after("\n")
    root = tree.body or tree.root
    if root is None:
        return ""
    raw = root.text(separator="")
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.splitlines())
    return "\n".join(line for line in lines if line)


_HTML_LANG = re.compile(r"""<html[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.IGNORECASE)


def _declared_language(html: str) -> str | None:
    """The language the page declares on its ``<html lang>`` element (``"en"``, ``"pt-BR"``), if any."""
    match = _HTML_LANG.search(html[:4096])
    return match.group(1) if match else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


_PUBLISHED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|"""
    r"""og:published_time|pubdate|publish-date|sailthru\.date|dc\.date\.issued)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _full_datetime(html: str, day: str | None) -> str | None:
    """htmldate gives the publication day; when the page states a full timestamp for that same day (meta
    ``article:published_time`` or JSON-LD ``datePublished``), keep the time too."""
    if not day:
        return None
    candidates = [_CONTENT.search(m.group(0)) for m in _PUBLISHED_META.finditer(html)]
    stamps = [m.group(1) for m in candidates if m] + _JSON_LD_DATE.findall(html)
    for stamp in stamps:
        stamp = stamp.strip()
        try:
            parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            continue
        if parsed.date().isoformat() == day and ("T" in stamp or " " in stamp):
            return parsed.isoformat()
    return day
