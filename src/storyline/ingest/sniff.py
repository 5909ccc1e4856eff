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

# Extensions a folder walk leaves out (and sums up in one problem): formats that are never an article
# storyline can read: the images, scripts and styles beside a saved web page, media, archives, office
# documents. Any other extension is read and sniffed, since news corpora use odd ones (TDT/DUC files are
# named like APW19981016.0240).
SKIPPED_IN_FOLDERS = frozenset(
    ".png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .avif .heic "
    ".mp3 .mp4 .m4a .wav .ogg .oga .webm .mov .avi .mkv .flac "
    ".css .js .mjs .map .woff .woff2 .ttf .otf .eot .wasm "
    ".zip .tar .tgz .bz2 .xz .zst .7z .rar "
    ".pdf .doc .docx .xls .xlsx .ppt .pptx .odt .ods .epub "
    ".parquet .arrow .feather .sqlite .sqlite3 .pkl .pickle .npy .npz .pyc .pyo .so .dll .exe .o .class .jar".split()
)


def file_stem(name: str) -> str:
    """The id a file gives its article: its name without folder and without a format extension storyline
    reads (``a/b.warc.gz`` -> ``b``). Other extensions stay: in ``APW19981016.0240`` the suffix is what
    tells one wire story from the next."""
    base = os.path.basename(name)
    if base.lower().endswith(GZIP_EXTENSIONS) and "." in base[:-1]:
        base = base.rsplit(".", 1)[0]
    stem, extension = os.path.splitext(base)
    return stem if stem and extension.lower() in EXTENSIONS else base


def skipped_in_folders(name: str) -> str | None:
    """The extension a folder walk leaves ``name`` out for, or None when the file is read."""
    extension = os.path.splitext(name)[1].lower()
    return extension if extension in SKIPPED_IN_FOLDERS else None


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
