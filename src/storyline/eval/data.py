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


class EvalDataError(ValueError):
    """A benchmark file that cannot be read as one: the message names the file and the line."""


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """The rows of a JSON Lines file, in file order; blank lines are skipped. A line that is not a JSON
    object, or text that is not UTF-8, raises :class:`EvalDataError` naming the file and line: a benchmark
    with a broken row would score something other than what it claims to."""
    for _, row in numbered_rows(path):
        yield row


def numbered_rows(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """:func:`read_jsonl` with each row's line number."""
    try:
        with open(path, "rb") as lines:
            for n, raw in enumerate(lines, 1):
                try:
                    line = raw.decode("utf-8")  # line by line, so that an error names its own line
                except UnicodeDecodeError as exc:
                    raise EvalDataError(f"{path}:{n}: not UTF-8 text ({exc.reason})") from exc
                if line.strip():
                    yield n, parse_row(line, path, n)
    except OSError as exc:
        raise EvalDataError(f"{path}: cannot be read ({exc.strerror or exc})") from exc


def require_rows(*paths: str | Path) -> None:
    """Raise :class:`EvalDataError` for a file with no row: an evaluation of nothing would print zeros."""
    for path in paths:
        if next(iter(numbered_rows(path)), None) is None:
            raise EvalDataError(f"{path}: no rows (an empty file, or blank lines only)")


def parse_row(line: str, path: str | Path, n: int) -> dict[str, Any]:
    """One JSON Lines row, which must be an object; else :class:`EvalDataError` naming ``path:n``."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalDataError(f"{path}:{n}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(row, dict):
        raise EvalDataError(f"{path}:{n}: a row must be a JSON object, not {type(row).__name__}")
    return row


def article_from_row(row: dict[str, Any], **fields: Any) -> Article:
    """An article with the row's text unchanged (gold character offsets refer to it) and its metadata;
    ``fields`` set or override Article fields (e.g. ``location``, ``text_hash``)."""
    if row.get("id") is None:
        raise EvalDataError(f"{fields.get('location') or 'a row'}: no id")
    text = row.get("text") or ""
    values: dict[str, Any] = {
        "id": str(row["id"]), "text": text, "raw_text": text, "title": row.get("title"),
        "published": row.get("published"), "source": row.get("source"), "url": row.get("url"),
        "language": row.get("language"),
    }
    values.update(fields)
    return Article(**values)
