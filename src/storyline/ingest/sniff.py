"""Which reader an input needs: by its file name, or by its first bytes when the name does not say.

Formats: ``text``, ``html``, ``json`` (JSON or JSON Lines; :func:`storyline.ingest.records.json_kind` tells
them apart), ``csv`` (also TSV), ``feed`` (RSS/Atom) and ``warc``.
"""

from __future__ import annotations

import os

from storyline.ingest.decode import strip_bom
from storyline.ingest.feed import looks_like_feed
from storyline.ingest.table import looks_like_table
from storyline.ingest.warc import looks_like_warc

# File extension -> (format, the extension the format reader is told). Several spellings map to one
# canonical extension, since the readers only distinguish .jsonl from .json and .tsv from .csv.
EXTENSIONS: dict[str, tuple[str, str]] = {
    ".txt": ("text", ".txt"),
    ".text": ("text", ".txt"),
    ".md": ("text", ".txt"),
    ".html": ("html", ".html"),
    ".htm": ("html", ".html"),
    ".xhtml": ("html", ".html"),
    ".shtml": ("html", ".html"),
    ".jsonl": ("json", ".jsonl"),
    ".ndjson": ("json", ".jsonl"),
    ".jsonlines": ("json", ".jsonl"),
    ".json": ("json", ".json"),
    ".csv": ("csv", ".csv"),
    ".tsv": ("csv", ".tsv"),
    ".tab": ("csv", ".tsv"),
    ".xml": ("feed", ".xml"),
    ".rss": ("feed", ".xml"),
    ".atom": ("feed", ".xml"),
    ".feed": ("feed", ".xml"),
    ".rdf": ("feed", ".xml"),
    ".warc": ("warc", ".warc"),
    ".arc": ("warc", ".warc"),
}

GZIP_EXTENSIONS = (".gz", ".gzip")


def format_from_name(name: str) -> tuple[str | None, str, bool]:
    """``(format or None, canonical extension, gzip-compressed?)`` from a file name."""
    lowered = os.path.basename(name).lower()
    compressed = lowered.endswith(GZIP_EXTENSIONS)
    if compressed:
        lowered = lowered.rsplit(".", 1)[0]
    extension = os.path.splitext(lowered)[1]
    fmt, canonical = EXTENSIONS.get(extension, (None, extension))
    return fmt, canonical, compressed


def sniff_format(head: bytes) -> str:
    """The format of an input from its first bytes (already decompressed): for stdin and unknown names.

    Plain text is the answer when nothing else fits, so an unknown extension still reads as an article.
    """
    if looks_like_warc(head):
        return "warc"
    body, bom = strip_bom(head)
    if bom and bom != "utf-8":
        body = body[: len(body) - len(body) % 4].decode(bom, errors="ignore").encode("utf-8")
    if looks_like_feed(body):
        return "feed"
    text = body[:8192].decode("utf-8", errors="replace").lstrip()
    if text.startswith("<"):
        # Any other markup, XHTML included, goes to the HTML reader, which copes with fragments too.
        return "html"
    if text.startswith(("{", "[")):
        return "json"
    if looks_like_table(text):
        return "csv"
    return "text"
