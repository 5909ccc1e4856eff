"""Reading the benchmark files: JSON Lines rows, and articles built from them as the evaluations need them.

Gold ``labels`` stay in the rows; :func:`article_from_row` never copies them into an :class:`Article`, so a
system scored on these articles cannot see the answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from storyline.model import Article


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSON Lines file, in file order; blank lines are skipped."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def article_from_row(row: dict[str, Any], **fields: Any) -> Article:
    """An article with the row's text unchanged (gold character offsets refer to it) and its metadata;
    ``fields`` set or override Article fields (e.g. ``location``, ``text_hash``)."""
    text = row.get("text") or ""
    values: dict[str, Any] = {
        "id": str(row["id"]), "text": text, "raw_text": text, "title": row.get("title"),
        "published": row.get("published"), "source": row.get("source"), "url": row.get("url"),
        "language": row.get("language"),
    }
    values.update(fields)
    return Article(**values)
