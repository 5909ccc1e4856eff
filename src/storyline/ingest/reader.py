"""The input reader: paths in, :class:`RawArticle` records and :class:`InputProblem` reports out.

Paths are files, folders (walked recursively in sorted order, skipping hidden files and storyline's own
``*.db`` files) or ``-`` for standard input. Each file's format comes from its extension, or from its
first bytes when the extension says nothing; gzip-compressed files are read through. Nothing about a bad
input raises: a missing path, an unreadable, binary, empty or oversized file, a malformed line, all become
one InputProblem each, and reading goes on with the next record or file.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from storyline.ingest import settings
from storyline.ingest.decode import binary_kind
from storyline.ingest.documents import read_html, read_text
from storyline.ingest.feed import looks_like_feed, read_feed
from storyline.ingest.records import json_kind, read_json_document, read_json_lines
from storyline.ingest.sniff import file_stem, format_from_name, skipped_in_folders, sniff_format
from storyline.ingest.source import ByteCounter, Source, read_head, too_large
from storyline.ingest.table import read_table
from storyline.ingest.warc import read_warc
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem

STDIN = "-"
STDIN_NAME = "<stdin>"

_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(slots=True, frozen=True)
class _Planned:
    """One input to read: a file (``path``), standard input (``path is None``) or a problem found while
    listing the paths (``problem``)."""

    name: str
    path: str | None = None
    size: int = 0
    problem: InputProblem | None = None
    regular: bool = True  # False for pipes and devices (``<(cmd)``, /dev/stdin): no size known up front


def is_skipped_name(name: str) -> bool:
    """Names a folder walk leaves out: hidden files and folders, and storyline's own library files
    (``storyline.db`` and its ``-wal``, ``-shm`` and ``-journal`` companions)."""
    lowered = name.lower()
    return name.startswith(".") or lowered.endswith(".db") or ".db-" in lowered


class InputReader:
    r"""Iterates articles and problems from paths (files or folders, folders recursively in sorted order;
    ``"-"`` = stdin).

    ``total_bytes`` is the summed size of the input files, known when the reader is made (0 for stdin), and
    ``bytes_read`` grows towards it during iteration, for a progress bar. Records stream: a JSON Lines, CSV
    or WARC file of any size is read a record at a time.

    >>> import io
    >>> reader = InputReader(["-"], stdin=io.BytesIO(b'{"text": "One."}\n{"id": "b", "text": ""}\n'))
    >>> [str(item) if isinstance(item, InputProblem) else item.id for item in reader]  # named by its record
    ['stdin-9085c0e7bc9f7b87', "<stdin>:2: no article text (field 'text' is empty)"]
    """

    def __init__(self, paths: Sequence[str], stdin: BinaryIO | None = None) -> None:
        self.paths = [os.fspath(path) for path in paths]
        self._stdin = stdin
        self._plan = list(self._expand(self.paths))
        self.total_bytes: int = sum(entry.size for entry in self._plan)
        self.bytes_read: int = 0

    def __iter__(self) -> Iterator[Item]:
        done = 0
        stdin_used = False
        for entry in self._plan:
            if entry.problem is not None:
                yield entry.problem
                continue
            if entry.path is None:
                if stdin_used:
                    yield InputProblem(STDIN_NAME, "standard input was given more than once; read it once")
                    continue
                stdin_used = True
            sized = entry.path is not None and entry.regular
            counter: list[ByteCounter] = []
            produced = False
            problems = 0
            for item in self._read_one(entry, counter):
                produced = True
                if counter:
                    read = min(counter[0].count, entry.size) if sized else counter[0].count
                    self.bytes_read = max(self.bytes_read, done + read)
                if isinstance(item, InputProblem):
                    problems += 1
                    if problems > settings.MAX_PROBLEMS_PER_INPUT:
                        continue  # counted, summed up below; the good records keep coming
                yield item
            if not produced:
                yield InputProblem(entry.name, "no articles found")
            if problems > settings.MAX_PROBLEMS_PER_INPUT:
                hidden = problems - settings.MAX_PROBLEMS_PER_INPUT
                yield InputProblem(entry.name, f"{hidden} more problems in this input not shown one by one")
            done += entry.size if sized else (counter[0].count if counter else 0)
            self.bytes_read = max(self.bytes_read, done)
            self.total_bytes = max(self.total_bytes, done)

    # -- listing the paths ---------------------------------------------------------------------------

    def _expand(self, paths: Sequence[str]) -> Iterator[_Planned]:
        for path in paths:
            if path == STDIN:
                yield _Planned(STDIN_NAME)
                continue
            try:
                if os.path.isdir(path):
                    yield from self._walk(path)
                    continue
                info = os.stat(path)
            except OSError as error:
                yield _Planned(path, problem=InputProblem(path, _os_reason(error)))
                continue
            regular = stat.S_ISREG(info.st_mode)
            yield _Planned(path, path=path, size=info.st_size if regular else 0, regular=regular)

    def _walk(self, folder: str) -> Iterator[_Planned]:
        found: list[tuple[tuple[str, ...], str, int]] = []
        errors: list[_Planned] = []
        skipped: dict[str, int] = {}

        def on_error(error: OSError) -> None:
            where = error.filename or folder
            errors.append(_Planned(where, problem=InputProblem(where, _os_reason(error))))

        for top, dirs, files in os.walk(folder, onerror=on_error):
            dirs[:] = sorted(name for name in dirs if not name.startswith("."))
            relative = os.path.relpath(top, folder)
            parts = () if relative == os.curdir else tuple(relative.split(os.sep))
            for name in files:
                if is_skipped_name(name):
                    continue
                extension = skipped_in_folders(name)
                if extension:
                    skipped[extension] = skipped.get(extension, 0) + 1
                    continue
                path = os.path.join(top, name)
                try:
                    if not os.path.isfile(path):
                        continue  # sockets, pipes, broken links: not inputs
                    size = os.stat(path).st_size
                except OSError as error:
                    errors.append(_Planned(path, problem=InputProblem(path, _os_reason(error))))
                    continue
                found.append((parts + (name,), path, size))
        found.sort()
        if skipped:
            counts = ", ".join(f"{extension} {count}" for extension, count in sorted(skipped.items()))
            total = sum(skipped.values())
            yield _Planned(folder, problem=InputProblem(
                folder, f"skipped {total} file{'s' if total > 1 else ''} of formats storyline does not read ({counts})", warning=True))
        if not found and not errors:
            yield _Planned(folder, problem=InputProblem(folder, "folder has no input files"))
        yield from errors
        for _, path, size in found:
            yield _Planned(path, path=path, size=size)

    # -- reading one input ---------------------------------------------------------------------------

    def _read_one(self, entry: _Planned, counter: list[ByteCounter]) -> Iterator[Item]:
        name = entry.name
        if entry.path is not None and entry.regular and entry.size == 0:
            yield InputProblem(name, "empty file", warning=True)
            return
        try:
            if entry.path is None:
                raw: BinaryIO = self._stdin if self._stdin is not None else sys.stdin.buffer
                handle = None
            else:
                handle = open(entry.path, "rb")  # noqa: SIM115 - closed in the finally below
                raw = handle
        except OSError as error:
            yield InputProblem(name, _os_reason(error))
            return
        try:
            counted = ByteCounter(raw)
            counter.append(counted)
            yield from self._read_stream(entry, counted)
        except (OSError, EOFError, zlib.error) as error:
            yield InputProblem(name, f"cannot read ({_os_reason(error)})")
        except Exception as error:  # noqa: BLE001 - a reader bug must cost one input, not the whole run
            yield InputProblem(name, f"unexpected error while reading ({type(error).__name__}: {error})")
        finally:
            if handle is not None:
                handle.close()

    def _read_stream(self, entry: _Planned, counted: ByteCounter) -> Iterator[Item]:
        name = entry.name
        is_stdin = entry.path is None
        fmt, extension, compressed = (None, "", False) if is_stdin else format_from_name(name)
        head, stream = read_head(counted)  # type: ignore[arg-type]
        size: int | None = entry.size if entry.regular and not is_stdin else None
        if not head:
            yield InputProblem(name, "empty input" if is_stdin else "empty file", warning=True)
            return
        if head.startswith(_GZIP_MAGIC) and fmt != "warc":
            # Compressed input (named .gz or not): read through it and sniff what is inside.
            stream = gzip.GzipFile(fileobj=stream, mode="rb")  # type: ignore[assignment]
            head, stream = read_head(stream)
            size = None
            if not head:
                yield InputProblem(name, "empty file (once decompressed)", warning=True)
                return
        elif compressed and fmt != "warc":
            yield InputProblem(name, "named .gz but not gzip-compressed")
            return
        if size is not None and size > settings.MAX_DOCUMENT_BYTES and _read_whole(fmt, head, extension):
            # Refused before anything else: the size is the first thing wrong with it, and is known.
            yield too_large(name, size, settings.MAX_DOCUMENT_BYTES)
            return
        if fmt == "warc" and (head.startswith(_GZIP_MAGIC) or head.startswith(b"WARC/")):
            kind = None
        else:
            kind = binary_kind(head)
        if kind is not None:
            yield InputProblem(name, f"binary file ({kind}), not text")
            return
        if fmt is None:
            fmt = sniff_format(head)
        elif fmt == "feed" and not looks_like_feed(head) and b"<html" in head[:4096].lower():
            fmt = "html"  # XHTML saved as .xml
        src = Source(
            name=name,
            stem="stdin" if is_stdin else file_stem(name),
            stream=stream,
            head=head,
            size=size,
            extension=extension,
            anonymous=is_stdin,
        )
        if fmt == "text":
            yield from read_text(src)
        elif fmt == "html":
            yield from read_html(src)
        elif fmt == "json":
            if json_kind(head, extension) == "lines":
                yield from read_json_lines(src)
            else:
                yield from read_json_document(src)
        elif fmt == "csv":
            yield from read_table(src)
        elif fmt == "feed":
            yield from read_feed(src)
        elif fmt == "warc":
            yield from read_warc(src)
        else:  # pragma: no cover - every format name above is handled
            yield InputProblem(name, f"unsupported format {fmt}")


def _read_whole(fmt: str | None, head: bytes, extension: str) -> bool:
    """Whether a format named by the file's extension is read whole (and so is under the document limit)."""
    if fmt == "json":
        return json_kind(head, extension) == "document"
    return fmt in ("text", "html", "feed")


def _os_reason(error: BaseException) -> str:
    """An OS error in the words a user expects, without repeating the path."""
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, OSError) and error.strerror:
        return error.strerror[0].lower() + error.strerror[1:]
    return str(error) or type(error).__name__
