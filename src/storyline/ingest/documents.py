"""Single-document inputs: a plain-text file or an HTML page is one article whose id is the file stem.

Both are read whole, so both are capped at ``settings.MAX_DOCUMENT_BYTES`` (checked with stat first).
"""

from __future__ import annotations

from collections.abc import Iterator

from storyline.ingest.decode import Decoded, DecodeError, declared_charset, decode_bytes, wide_encoding
from storyline.ingest.source import Source
from storyline.ingest.webpage import extract_page
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem


def _decoded(src: Source, html: bool) -> Decoded | InputProblem:
    data = src.read_document()
    if isinstance(data, InputProblem):
        return data
    if not data.strip():
        return InputProblem(src.name, "empty file" if not data else "empty file (only whitespace)", warning=True)
    nul = data.find(b"\x00")
    if nul >= 0 and not wide_encoding(data):
        # The sniffed start was clean; a NUL further in still means this is no text file.
        return InputProblem(src.name, f"binary file (NUL byte at offset {nul}), not text")
    try:
        return decode_bytes(data, declared_charset(data[:4096]) if html else None)
    except DecodeError as error:
        return InputProblem(src.name, str(error))


def replaced_bytes_problem(location: str, decoded: Decoded) -> InputProblem | None:
    """A report that some invalid UTF-8 bytes were replaced, when any were (the article is still read)."""
    if not decoded.replaced:
        return None
    plural = "s" if decoded.replaced > 1 else ""
    return InputProblem(location, f"{decoded.replaced} invalid UTF-8 byte{plural} replaced with U+FFFD", warning=True)


def read_text(src: Source) -> Iterator[Item]:
    """One article from a plain-text input: the decoded text exactly as it is (line endings and all)."""
    decoded = _decoded(src, html=False)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    if not decoded.text.strip():
        yield InputProblem(src.name, "empty file (only whitespace)", warning=True)
        return
    if problem := replaced_bytes_problem(src.name, decoded):
        yield problem
    yield RawArticle(id=src.default_id(decoded.text), text=decoded.text, location=src.name, encoding=decoded.encoding)


def read_html(src: Source) -> Iterator[Item]:
    """One article from an HTML page: main text and metadata via :func:`extract_page`; ``html`` kept."""
    decoded = _decoded(src, html=True)
    if isinstance(decoded, InputProblem):
        yield decoded
        return
    page = extract_page(decoded.text)
    if page is None:
        yield InputProblem(src.name, "no text found in the HTML page")
        return
    if problem := replaced_bytes_problem(src.name, decoded):
        yield problem
    yield RawArticle(
        id=src.default_id(page.text),
        text=page.text,
        location=src.name,
        title=page.title,
        published=page.published,
        source=page.source,
        url=page.url,
        language=page.language,
        byline=page.byline,
        html=decoded.text,
        encoding=decoded.encoding,
    )
