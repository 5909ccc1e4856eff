"""JSON Lines and JSON inputs: one article per object.

JSON Lines are streamed line by line with a cap on one line, so a 500 MB file costs one line of memory and
a malformed line costs only itself. A ``.json`` file is one document: an object, an array of objects, a
wrapper object holding such an array (``{"articles": [...]}``), or objects one after another; it is read
whole (up to the document limit) and parsed value by value, so the objects before a syntax error are kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.ingest import settings
from storyline.ingest.decode import DecodeError, decode_bytes, wide_encoding
from storyline.ingest.fields import FIELD_NAMES, normalise_key, record_to_article
from storyline.ingest.source import Source, iter_lines, megabytes, transcode_to_utf8
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem

# Keys under which exports wrap their list of articles (NewsAPI "articles", RSS-to-JSON "items", ...).
WRAPPER_KEYS = ("articles", "items", "data", "records", "documents", "docs", "entries", "results", "posts", "news",
                "stories")

_TEXT_KEYS = {normalise_key(name) for name in FIELD_NAMES["text"]}


def json_kind(head: bytes, extension: str) -> str:
    """``"lines"`` to stream the input as JSON Lines, ``"document"`` to parse it as one JSON document.

    A ``.jsonl`` file is JSON Lines unless it plainly is a pretty-printed document (starts with ``[`` or
    with a lone ``{`` line); a ``.json`` file (or sniffed JSON) is JSON Lines when its first line is a
    whole object and another object follows on the next line.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if wide_encoding(head):
        return "lines" if extension == ".jsonl" else "document"
    if text.startswith(b"["):
        return "document"
    first, newline, rest = text.partition(b"\n")
    if first.strip() == b"{":
        return "document"
    if extension == ".jsonl":
        return "lines"
    if not newline:
        return "document"
    try:
        is_object = isinstance(json.loads(first), dict)
    except (ValueError, RecursionError):
        return "document"
    return "lines" if is_object and rest.lstrip().startswith(b"{") else "document"


def read_json_lines(src: Source) -> Iterator[Item]:
    """Stream a JSON Lines input: one article per line; a bad line is one problem and the next line goes on.

    Missing ids become ``<file stem>-<line number>``; locations are ``path:line N``.
    """
    stream, transcoded_from = src.stream, None
    wide = wide_encoding(src.head)
    if wide:
        transcoded_from = wide
        stream = transcode_to_utf8(stream, wide)
    for number, line in iter_lines(stream, settings.MAX_RECORD_BYTES):
        where = f"{src.name}:{number}"
        if line is None:
            yield InputProblem(
                where, f"line too long (more than {megabytes(settings.MAX_RECORD_BYTES)}, the limit for one record)"
            )
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        try:
            text, encoding = _decode_line(line)
        except DecodeError as error:
            yield InputProblem(where, str(error))
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield InputProblem(where, f"malformed JSON ({error.msg.removesuffix(' at')} at column {error.colno})")
            continue
        except RecursionError:
            yield InputProblem(where, "malformed JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            yield InputProblem(where, f"expected a JSON object, found {_json_type(value)}")
            continue
        yield record_to_article(
            value,
            location=f"{src.name}:line {number}",
            problem_location=where,
            default_id=lambda text, n=number: src.default_id(text, n),
            encoding=transcoded_from or encoding,
        )


def _decode_line(line: bytes) -> tuple[str, str]:
    try:
        return line.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        decoded = decode_bytes(line)  # a line in a legacy encoding: guessed like a whole file
        return decoded.text, decoded.encoding


def read_json_document(src: Source) -> Iterator[Item]:
    """Read a JSON document: an object, an array of objects, a wrapper object, or concatenated objects.

    A single object's default id is the file stem; the items of an array get ``<stem>-<item number>``.
    """
    data = src.read_document()
    if isinstance(data, InputProblem):
        yield data
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        yield InputProblem(src.name, str(error))
        return
    yield from _json_values(decoded.text, src, decoded.encoding)


def _json_values(text: str, src: Source, encoding: str) -> Iterator[Item]:
    decoder = json.JSONDecoder()
    length = len(text)
    position = _skip_space(text, 0)
    if position >= length:
        yield InputProblem(src.name, "no JSON value (the file holds only whitespace)")
        return
    values: list[tuple[int, Any]] = []  # (start offset, value) of each top-level value
    in_array = text[position] == "["
    if in_array:
        position = _skip_space(text, position + 1)
    while position < length:
        if in_array and text[position] == "]":
            break
        try:
            value, end = decoder.raw_decode(text, position)
        except RecursionError:
            yield from _articles(values, text, src, encoding, single=False)
            line, _ = _line_column(text, position)
            yield InputProblem(f"{src.name}:{line}", "malformed JSON (nested too deeply)")
            return
        except json.JSONDecodeError as error:
            yield from _articles(values, text, src, encoding, single=False)
            yield InputProblem(f"{src.name}:{error.lineno}", f"malformed JSON ({error.msg} at column {error.colno})")
            return
        values.append((position, value))
        position = _skip_space(text, end)
        if in_array and position < length and text[position] == ",":
            position = _skip_space(text, position + 1)
        elif in_array and (position >= length or text[position] != "]"):
            yield from _articles(values, text, src, encoding, single=False)
            line, column = _line_column(text, position)
            yield InputProblem(f"{src.name}:{line}", f"malformed JSON (expected ',' or ']' at column {column})")
            return
    single = not in_array and len(values) == 1
    yield from _articles(values, text, src, encoding, single=single)


def _articles(values: list[tuple[int, Any]], text: str, src: Source, encoding: str, single: bool) -> Iterator[Item]:
    line, last = 1, 0
    for number, (start, value) in enumerate(values, start=1):
        line += text.count("\n", last, start)
        last = start
        where = f"{src.name}:{line}"
        if not isinstance(value, dict):
            yield InputProblem(where, f"item {number}: expected a JSON object, found {_json_type(value)}")
            continue
        wrapped = _wrapped_list(value) if single else None
        if wrapped is not None:
            key, items = wrapped
            for index, item in enumerate(items, start=1):
                item_where = f"{src.name}#{key}[{index}]"
                if not isinstance(item, dict):
                    yield InputProblem(item_where, f"expected a JSON object, found {_json_type(item)}")
                    continue
                yield record_to_article(
                    item, location=item_where, problem_location=item_where,
                    default_id=lambda text, n=index: src.default_id(text, n), encoding=encoding,
                )
            continue
        location = f"{src.name}:line {line}" if single else f"{src.name}:line {line} (item {number})"
        yield record_to_article(
            value,
            location=location,
            problem_location=where if single else f"{where} (item {number})",
            default_id=lambda text, n=None if single else number: src.default_id(text, n),
            encoding=encoding,
        )


def _wrapped_list(value: dict[str, Any]) -> tuple[str, list[Any]] | None:
    """The article list of a wrapper object (``{"status": "ok", "articles": [...]}``), if it is one."""
    if any(normalise_key(key) in _TEXT_KEYS for key in value):
        return None
    for key in value:
        if normalise_key(key) in WRAPPER_KEYS and isinstance(value[key], list):
            return key, value[key]
    return None


def _skip_space(text: str, position: int) -> int:
    length = len(text)
    while position < length and text[position] in " \t\r\n":
        position += 1
    return position


def _line_column(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__
