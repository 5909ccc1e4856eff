"""Limits and detection settings of the input readers.

These are resource limits and format-sniffing sizes, not quality thresholds: they were chosen from the sizes
of real news inputs (the benchmark files in ../shared/datasets: the longest article there, in
timeline17.dev.articles.jsonl, is 232,725 characters on a JSONL line of 235,866 bytes) with a wide margin, so
that no real article is refused while a mistaken input (a disk image, a database dump) is refused at once.
"""

from __future__ import annotations

MIB = 2**20

# Largest file read whole as one document (.txt, .html, .json, a feed). A news page with inline scripts and
# styles is rarely above 5 MB; 50 MB leaves room for big feeds and JSON arrays while keeping a mistaken
# multi-gigabyte input from being loaded into memory. Checked with stat before reading.
MAX_DOCUMENT_BYTES = 50 * MIB

# Largest single record of a streamed format: one JSONL line, one CSV row, one feed entry's or one JSON
# object's text, one WARC response's HTML (those go through the HTML path, so they share
# MAX_DOCUMENT_BYTES below). 5 MB is more than 20x the longest article in the benchmark data (232,725
# characters) and bounds the memory one bad line can take.
MAX_RECORD_BYTES = 5 * MIB

# Largest HTML payload of one WARC record: a page, so the same limit as a single HTML file.
MAX_WARC_RECORD_BYTES = MAX_DOCUMENT_BYTES

# How much of the start of an input is looked at to sniff its format and detect binary content. 64 KiB
# holds the XML prolog and root element of any feed, the first JSONL line of typical news records and the
# header row of a CSV; it is one read, so sniffing costs nothing on a 500 MB file.
SNIFF_BYTES = 64 * 1024

# Legacy-encoding detection (used only when the bytes are not valid UTF-8 and carry no BOM): the
# candidates' decodings are scored by their share of implausible characters (controls, symbols wedged
# between letters, words mixing scripts, Latin words made mostly of accented letters: the marks of
# mojibake). A decoding whose share is above this is not trusted and the input is refused with "cannot
# detect text encoding". Chosen on hand-made sentences in English, French, German, Polish, Russian, Greek,
# Japanese and Chinese in their legacy encodings (tests/ingest/test_decode.py): right decodings score
# 0.0-0.02, random bytes and wrong decodings of Cyrillic or CJK score 0.15 and more.
MAX_ODD_CHARACTER_SHARE = 0.1

# How many characters of a decoding are scored for plausibility: the per-character scoring is pure
# Python, and the first 20,000 characters are plenty to tell mojibake from text.
ENCODING_SCORE_CHARS = 20_000

# A file that is mostly valid UTF-8 with a few broken bytes (a truncated copy, one stray Latin-1 byte) is
# read as UTF-8 with the broken bytes replaced, when its valid multi-byte UTF-8 sequences outnumber the
# invalid bytes by at least this factor; otherwise it is treated as a legacy encoding.
UTF8_VALID_TO_INVALID_RATIO = 4

# Problems reported one by one per input; past this a file (a binary dump named .jsonl, a CSV with the wrong
# delimiter) would flood the report with one line per record. The rest are counted and summed up in one
# problem at the end of the input, while its good records are still read.
MAX_PROBLEMS_PER_INPUT = 100
