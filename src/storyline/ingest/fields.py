"""Record fields to RawArticle: the names JSON objects and CSV headers use for each article field.

One table of synonyms serves JSON, JSONL and CSV, so ``body``, ``content`` or ``headline`` work in any of
them. Matching ignores case and camelCase, and spaces or hyphens match underscores. When several keys of one record name the
same field, the earliest name in the table wins and the others are kept in ``extra``, so nothing is lost.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from storyline.ingest import settings
from storyline.ingest.source import megabytes
from storyline.model import InputProblem, RawArticle

# Field -> accepted key names, most specific first. Kept to names news datasets and exports really use
# (CC-News, news-please, GDELT exports, Kaggle news CSVs, the benchmark JSONL files).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id", "docid", "document_id", "uid", "guid", "_id"),
    "text": (
        "text", "body", "content", "maintext", "main_text", "article_text", "full_text", "fulltext",
        "body_text", "article", "story",
    ),
    "title": ("title", "headline", "heading", "head"),
    "published": (
        "published", "date", "published_at", "publish_date", "published_date", "date_published",
        "publication_date", "pub_date", "pubdate", "datetime", "date_publish", "timestamp", "time",
        "created_at",
    ),
    "source": (
        "source", "source_name", "publisher", "outlet", "sitename", "site_name", "site", "source_domain",
        "domain", "media", "newspaper", "feed",
    ),
    "url": ("url", "link", "source_url", "article_url", "uri", "href", "permalink"),
    "language": ("language", "lang", "language_code", "locale"),
    "byline": ("byline", "author", "authors", "by", "writer", "creator", "author_name"),
}


def normalise_key(key: str) -> str:
    """A field name as matched: snake case (``publishedAt`` -> ``published_at``), runs of spaces and
    hyphens as one underscore."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(key).strip())
    return re.sub(r"[\s\-]+", "_", snake.lower())


_LOOKUP: dict[str, tuple[str, int]] = {}
for _field_name, _names in FIELD_NAMES.items():
    for _rank, _name in enumerate(_names):
        _LOOKUP.setdefault(normalise_key(_name), (_field_name, _rank))


def assign_columns(keys: list[str]) -> dict[str, str]:
    """Which input key feeds each article field: ``{"text": "Body", "title": "Headline", ...}``."""
    chosen: dict[str, tuple[int, str]] = {}
    for key in keys:
        match = _LOOKUP.get(normalise_key(key))
        if match is None:
            continue
        field_name, rank = match
        if field_name not in chosen or rank < chosen[field_name][0]:
            chosen[field_name] = (rank, key)
    return {field_name: key for field_name, (_, key) in chosen.items()}


def record_to_article(
    record: Mapping[str, Any],
    *,
    location: str,
    problem_location: str,
    default_id: str | Callable[[str], str],
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
) -> RawArticle | InputProblem:
    """Turn one record (a JSON object or a CSV row as a dict) into a RawArticle, or a problem if it has no
    usable text. ``columns`` is :func:`assign_columns` of the keys, computed once per CSV file; a record
    without an id gets ``default_id`` (called with the whole record as canonical JSON when a function, see
    ``Source.default_id``)."""
    if columns is None:
        columns = assign_columns(list(record))
    used = set(columns.values())
    text_key = columns.get("text")
    text = _text_value(record.get(text_key)) if text_key else None
    if text is None or not text.strip():
        where = f"field {text_key!r} is empty" if text_key and text_key in record else "no text field"
        if text_key and record.get(text_key) is not None and text is None:
            where = f"field {text_key!r} is not text ({type(record[text_key]).__name__})"
        return InputProblem(problem_location, f"no article text ({where})")
    if len(text) > settings.MAX_RECORD_BYTES:
        return InputProblem(
            problem_location,
            f"text too long ({megabytes(len(text))}, the limit for one record is "
            f"{megabytes(settings.MAX_RECORD_BYTES)})",
        )
    values = {name: _scalar(record.get(key)) for name, key in columns.items() if name != "text"}
    article_id = values.pop("id", None) or (
        # The whole record names it: two outlets' rows with one text (a wire story) stay two articles.
        default_id(json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)) if callable(default_id)
        else default_id)
    published = _published(record.get(columns["published"])) if "published" in columns else None
    return RawArticle(
        id=article_id,
        text=text,
        location=location,
        title=values.get("title"),
        published=published,
        source=values.get("source"),
        url=values.get("url"),
        language=values.get("language"),
        byline=values.get("byline"),
        extra={key: value for key, value in record.items() if key not in used},
        encoding=encoding,
    )


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(part, str) for part in value):
        return "\n\n".join(value)  # a list of paragraphs
    return None


def _scalar(value: Any) -> str | None:
    """A metadata value as a string: names out of objects, lists joined, empties as None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Mapping):
        for key in ("name", "title", "value", "href", "url"):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
        return None
    if isinstance(value, list | tuple):
        parts = [part for part in (_scalar(item) for item in value) if part]
        return ", ".join(parts) or None
    return str(value)


def _published(value: Any) -> str | None:
    """A publication date as given; numbers are read as Unix time (seconds, or milliseconds when huge)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return str(value)
    return _scalar(value)
