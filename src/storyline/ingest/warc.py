"""WARC web archives (plain or gzip): every HTML page the crawler saved becomes one article.

Records are streamed with warcio, so an archive of any size costs one record of memory. Only successful
(2xx) ``response`` records and ``resource`` records with an HTML content type are pages; redirects, error
pages, requests, metadata and non-HTML payloads are skipped silently, as they are in any crawl. A page
goes through the same extraction as an HTML file; its id and url are the WARC target URI.

The crawl time (``WARC-Date``) is not the publication time, so it is kept in ``extra["crawled"]`` and never
put in ``published``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from storyline.ingest import settings
from storyline.ingest.decode import DecodeError, declared_charset, decode_bytes, normalise_codec
from storyline.ingest.documents import replaced_bytes_problem
from storyline.ingest.source import Source, megabytes
from storyline.ingest.webpage import extract_page
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_warc(head: bytes) -> bool:
    """True when an input starts like an uncompressed WARC file."""
    return head.startswith(b"WARC/")


def read_warc(src: Source) -> Iterator[Item]:
    """Every HTML page of a WARC archive as an article located as ``path#record N``."""
    if not _starts_like_archive(src.head):
        yield InputProblem(src.name, "not a WARC archive (it does not start with a WARC/ or ARC header)")
        return
    try:
        records = ArchiveIterator(src.stream, arc2warc=True)
        for number, record in enumerate(records, start=1):
            if record.rec_type not in ("response", "resource"):
                continue
            yield from _page(record, number, src)
    except ArchiveLoadFailed as error:
        yield InputProblem(src.name, f"not a readable WARC archive ({_first_line(error)})")
    except (OSError, EOFError, ValueError) as error:
        # A truncated gzip member or a broken record header: the records before it were read.
        yield InputProblem(src.name, f"WARC archive is damaged ({type(error).__name__}: {_first_line(error)})")


def _page(record, number: int, src: Source) -> Iterator[Item]:  # noqa: ANN001 - warcio's record type
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    where = f"{src.name}#record {number}"
    content_type = ""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    if not any(kind in content_type.lower() for kind in _HTML_TYPES):
        return
    data = record.content_stream().read(settings.MAX_WARC_RECORD_BYTES + 1)
    if len(data) > settings.MAX_WARC_RECORD_BYTES:
        yield InputProblem(
            where, f"page too large (more than {megabytes(settings.MAX_WARC_RECORD_BYTES)}, the limit for one page)"
        )
        return
    if getattr(record.raw_stream, "limit", 0) > 0:
        yield InputProblem(where, f"record truncated (the archive ends inside it){_uri_note(uri)}")
        return
    if not data.strip():
        return
    declared = _charset(content_type) or declared_charset(data[:4096])
    try:
        decoded = decode_bytes(data, declared)
    except DecodeError as error:
        yield InputProblem(where, str(error))
        return
    page = extract_page(decoded.text, url=uri)
    if page is None:
        yield InputProblem(where, f"no text found in the HTML page{_uri_note(uri)}")
        return
    if problem := replaced_bytes_problem(where, decoded):
        yield problem
    extra = {"crawled": headers.get_header("WARC-Date")} if headers.get_header("WARC-Date") else {}
    if page.url and uri and page.url != uri:
        extra["canonical_url"] = page.url
    yield RawArticle(
        id=uri or src.default_id(page.text, number),
        text=page.text,
        location=where,
        title=page.title,
        published=page.published,
        source=page.source,
        url=uri or page.url,
        language=page.language,
        byline=page.byline,
        extra=extra,
        html=decoded.text,
        encoding=decoded.encoding,
    )


def _starts_like_archive(head: bytes) -> bool:
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


def _uri_note(uri: str | None) -> str:
    return f" ({uri})" if uri else ""


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return normalise_codec(value)
    return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]
