"""One input as the format readers see it: a name, a buffered byte stream, its first bytes, its size.

Every input (a file, a gzip-compressed file, standard input) becomes a :class:`Source` whose ``stream``
starts at the first byte again after the ``head`` was read for sniffing, so readers never seek and stdin
works the same as a file. The raw bytes pass through a counter, which is how the reader reports progress.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from storyline.ingest import settings
from storyline.model import InputProblem


class ByteCounter(io.RawIOBase):
    """A raw stream over ``inner`` that counts the bytes read through it (for progress)."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__()
        self._inner = inner
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class _Prefixed(io.RawIOBase):
    """Serves ``prefix`` and then the rest of ``inner``: puts sniffed bytes back in front of a stream."""

    def __init__(self, prefix: bytes, inner: BinaryIO) -> None:
        super().__init__()
        self._prefix = memoryview(prefix)
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._inner.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class Utf8Transcoder(io.RawIOBase):
    """Re-encodes a UTF-16/UTF-32 byte stream as UTF-8, so line-based readers can split on b"\\n"."""

    def __init__(self, inner: BinaryIO, encoding: str) -> None:
        super().__init__()
        self._text = io.TextIOWrapper(inner, encoding=encoding, errors="strict", newline="")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._pending:
            chunk = self._text.read(max(1, len(buffer) // 4))
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def transcode_to_utf8(stream: BinaryIO, encoding: str) -> BinaryIO:
    """A buffered UTF-8 view of a ``encoding`` stream (whose BOM the codec consumes)."""
    return io.BufferedReader(Utf8Transcoder(stream, encoding), buffer_size=settings.SNIFF_BYTES)


def read_head(stream: BinaryIO, size: int = settings.SNIFF_BYTES) -> tuple[bytes, BinaryIO]:
    """Read up to ``size`` bytes for sniffing and return them with a stream that starts at byte 0 again.

    Reads until ``size`` bytes or the end, since one read of a pipe may return only a few bytes.
    """
    chunks: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    head = b"".join(chunks)
    return head, io.BufferedReader(_Prefixed(head, stream), buffer_size=settings.SNIFF_BYTES)


@dataclass(slots=True)
class Source:
    """An opened input ready for a format reader.

    ``name`` is what locations show (the path as given, or ``<stdin>``); ``stem`` is the file name without
    its extensions, used for ids; ``size`` is the byte size known up front (None for stdin or when the
    bytes are decompressed on the fly). An ``anonymous`` input (stdin) has no name to give its articles
    ids: those without one of their own are named by their text (:func:`content_id`), so that piping two
    different articles in makes two articles, and piping one twice makes one.
    """

    name: str
    stem: str
    stream: BinaryIO
    head: bytes
    size: int | None = None
    extension: str = ""
    anonymous: bool = False

    def default_id(self, text: str, suffix: str | int | None = None) -> str:
        """The id of an article of this input that names none: the file's stem (with ``suffix``, its place
        in the file), or for an anonymous input the :func:`content_id` of ``text`` (its text, or its whole
        record)."""
        if self.anonymous:
            return content_id(self.stem, text)
        return self.stem if suffix is None else f"{self.stem}-{suffix}"


    def read_document(self, limit: int | None = None) -> bytes | InputProblem:
        """The whole input as bytes, or a problem when it is larger than ``limit`` (default: the document
        limit; checked without reading more than ``limit + 1`` bytes)."""
        limit = settings.MAX_DOCUMENT_BYTES if limit is None else limit
        if self.size is not None and self.size > limit:
            return too_large(self.name, self.size, limit)
        data = self.stream.read(limit + 1)
        if len(data) > limit:
            return too_large(self.name, None, limit)
        return data


def too_large(location: str, size: int | None, limit: int, what: str = "file") -> InputProblem:
    """The problem for an input over a size limit, naming the size (when known) and the limit."""
    if size is None:
        return InputProblem(location, f"{what} too large (more than {megabytes(limit)}, the limit for one {what})")
    return InputProblem(location, f"{what} too large ({megabytes(size)}, the limit is {megabytes(limit)})")


def megabytes(n: int) -> str:
    """A byte count for messages: ``"52.4 MB"`` (MB meaning MiB, as ``ls -lh`` shows them)."""
    if n < 10 * 1024:
        return f"{n} bytes"
    return f"{n / settings.MIB:.1f} MB"


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Physical lines of ``stream`` as ``(line number, bytes with the line ending)``, never holding more
    than ``limit`` bytes of one line: a longer line is skipped and yielded as ``(number, None)``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            # Skip the rest of the over-long line in bounded chunks.
            while True:
                rest = stream.readline(settings.SNIFF_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def content_id(prefix: str, text: str) -> str:
    """``prefix-`` and the first 16 hex digits of the SHA-256 of the text, its line endings and the space
    around it aside ("x", "x\\n" and "x\\r\\n" are one article)."""
    canonical = "\n".join(text.strip().splitlines())
    return f"{prefix}-{hashlib.sha256(canonical.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
