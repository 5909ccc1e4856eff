"""Source helpers: file stems, bounded line reading, head re-reading."""

from __future__ import annotations

import io

from storyline.ingest.source import iter_lines, megabytes, read_head


def test_iter_lines_skips_over_long_lines_without_holding_them():
    stream = io.BufferedReader(io.BytesIO(b"short\n" + b"x" * 100_000 + b"\nlast"))
    assert list(iter_lines(stream, limit=50)) == [(1, b"short\n"), (2, None), (3, b"last")]


def test_read_head_puts_the_bytes_back():
    head, stream = read_head(io.BytesIO(b"abcdef"), size=3)
    assert head == b"abc" and stream.read() == b"abcdef"


def test_megabytes():
    assert megabytes(500 * 2**20) == "500.0 MB"
    assert megabytes(12) == "12 bytes"
