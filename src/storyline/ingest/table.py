"""CSV and TSV inputs: a header row naming the columns, then one article per row, streamed.

The header decides which column is the text, the title, the date and so on (see
:mod:`storyline.ingest.fields`); other columns go to ``extra``. Lines are decoded one by one (UTF-8, or a
guessed legacy encoding for a line that is not UTF-8) and fed to the csv module, so quoted fields may span
lines, memory stays bounded by the record limit, and a bad row costs only itself.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator

from storyline.ingest import settings
from storyline.ingest.decode import DecodeError, decode_bytes, wide_encoding
from storyline.ingest.fields import assign_columns, record_to_article
from storyline.ingest.source import Source, iter_lines, megabytes, transcode_to_utf8
from storyline.model import InputProblem, RawArticle

Item = RawArticle | InputProblem

# Delimiters tried on the header line of a .csv (or sniffed) input, most common first.
DELIMITERS = (",", "\t", ";", "|")


def sniff_delimiter(header_line: str, extension: str) -> str:
    """The delimiter of a table: a tab for .tsv/.tab, else the candidate the header line uses most."""
    if extension in (".tsv", ".tab"):
        return "\t"
    counts = [(header_line.count(candidate), -rank, candidate) for rank, candidate in enumerate(DELIMITERS)]
    best = max(counts)
    return best[2] if best[0] > 0 else ","


def looks_like_table(head: str) -> bool:
    """True when the first line of ``head`` is a delimited header that names a text column."""
    first = head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    delimiter = sniff_delimiter(first, "")
    if delimiter not in first:
        return False
    header = next(csv.reader([first], delimiter=delimiter), [])
    return "text" in assign_columns(header)


def read_table(src: Source) -> Iterator[Item]:
    """Stream a CSV/TSV input. Rows with the wrong number of fields, no text, or a field over the record
    limit are problems naming their line; the rows around them are still read."""
    csv.field_size_limit(settings.MAX_RECORD_BYTES)
    stream, transcoded_from = src.stream, None
    wide = wide_encoding(src.head)
    if wide:
        transcoded_from = wide
        stream = transcode_to_utf8(stream, wide)

    pending: list[InputProblem] = []  # problems found while producing lines, reported between rows
    encodings: set[str] = set()
    state = {"line": 0}
    record: list[tuple[int, str]] = []  # the lines the csv module took for the row being read

    def lines() -> Iterator[str]:
        for number, raw in iter_lines(stream, settings.MAX_RECORD_BYTES):
            state["line"] = number
            if raw is None:
                pending.append(InputProblem(
                    f"{src.name}:{number}",
                    f"line too long (more than {megabytes(settings.MAX_RECORD_BYTES)}, the limit for one record)",
                ))
                continue
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
                encodings.add("utf-8")
            except UnicodeDecodeError:
                try:
                    decoded = decode_bytes(raw)
                except DecodeError as error:
                    pending.append(InputProblem(f"{src.name}:{number}", str(error)))
                    continue
                text = decoded.text
                encodings.add(decoded.encoding)
            record.append((number, text))
            yield text

    def replay(taken: list[tuple[int, str]]) -> Iterator[str]:
        for number, text in taken:
            state["line"] = number
            record.append((number, text))
            yield text

    line_source = lines()
    first_line = next(line_source, None)
    yield from _drain(pending)
    if first_line is None:
        return
    delimiter = sniff_delimiter(first_line, src.extension)
    header = next(csv.reader([first_line], delimiter=delimiter), [])
    columns = assign_columns(header)
    if "text" not in columns:
        yield InputProblem(
            f"{src.name}:1",
            f"no text column in the header (columns: {', '.join(header) or 'none'}; expected one named text, body "
            "or content)",
        )
        return
    reader = csv.reader(line_source, delimiter=delimiter)
    while True:
        start = state["line"] + 1
        encodings.clear()
        record.clear()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield from _drain(pending)
            message = str(error)
            if "field larger than field limit" in message:
                message = (f"field too long (more than {megabytes(settings.MAX_RECORD_BYTES)}, the limit for one "
                           "record; an unclosed quote can cause this)")
            yield InputProblem(f"{src.name}:{start}", f"malformed CSV row ({message})")
            continue
        if len(record) > 1 and sum(text.count('"') for _, text in record) % 2:
            # A quote that never closes takes the following lines (to the end of the input) into one field,
            # and the csv module does not complain; a well-formed row spanning lines has its quotes paired.
            # The row is dropped and the lines after its first are read again as rows of their own.
            yield from _drain(pending)
            first, *rest = record
            yield InputProblem(f"{src.name}:{first[0]}", "unclosed quote: the field it opens took in the "
                               f"{len(rest)} lines after it; this row is skipped and those lines are read again")
            state["line"] = first[0]
            reader = csv.reader(replay(list(rest)), delimiter=delimiter)
            continue
        yield from _drain(pending)
        start = max(start, state["line"] - _row_lines(row) + 1)
        where = f"{src.name}:{start}"
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield InputProblem(where, f"expected {len(header)} fields as in the header, found {len(row)}")
            continue
        yield record_to_article(
            dict(zip(header, row, strict=True)),
            location=f"{src.name}:line {start}",
            problem_location=where,
            default_id=lambda text, n=start: src.default_id(text, n),
            columns=columns,
            encoding=transcoded_from or _encoding_label(encodings),
        )
    yield from _drain(pending)


def _row_lines(row: list[str]) -> int:
    # A row spans one line plus one per newline inside its quoted fields.
    return 1 + sum(cell.count("\n") for cell in row)


def _encoding_label(encodings: set[str]) -> str:
    legacy = sorted(encodings - {"utf-8"})
    return legacy[0] if legacy else "utf-8"


def _drain(pending: list[InputProblem]) -> Iterator[InputProblem]:
    while pending:
        yield pending.pop(0)
