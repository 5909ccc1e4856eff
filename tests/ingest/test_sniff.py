"""Format detection by name and by content, as used for stdin and unknown extensions."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from storyline.ingest import InputReader
from storyline.ingest.sniff import file_stem, format_from_name, sniff_format
from storyline.ingest.source import content_id
from storyline.model import InputProblem, RawArticle

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
       b"<item><title>T</title><link>https://w/1</link><description>Feed body.</description></item>"
       b"</channel></rss>")
ATOM = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:1</id><title>T</title>'
        b"<updated>2024-12-14T09:00:00Z</updated><summary>Atom body.</summary></entry></feed>")


def from_stdin(data: bytes) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader(["-"], stdin=io.BytesIO(data)))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.txt", ("text", ".txt", False)), ("a.HTM", ("html", ".html", False)), ("a.ndjson", ("json", ".jsonl", False)),
     ("a.jsonl.gz", ("json", ".jsonl", True)), ("a.tsv", ("csv", ".tsv", False)), ("a.atom", ("feed", ".xml", False)),
     ("a.warc.gz", ("warc", ".warc", True)), ("README", (None, "", False)), ("a.dat", (None, ".dat", False))],
)
def test_format_from_name(name, expected):
    assert format_from_name(name) == expected


@pytest.mark.parametrize(
    ("head", "fmt"),
    [(b"WARC/1.1\r\n", "warc"), (RSS, "feed"), (ATOM, "feed"), (b"<!DOCTYPE html><html></html>", "html"),
     (b"\n  <div>fragment</div>", "html"), (b'{"text": "x"}\n', "json"), (b'[{"text": "x"}]', "json"),
     (b"title,text\nT,body\n", "csv"), (b"id\tbody\n1\tx\n", "csv"), (b"Just some words, and a comma.\n", "text"),
     (b"\xef\xbb\xbf{\"text\": \"x\"}", "json"), ('{"text": "x"}\n'.encode("utf-16"), "json")],
)
def test_sniff_format(head, fmt):
    assert sniff_format(head) == fmt


def test_stdin_jsonl():
    articles, problems = from_stdin(b'{"text": "one"}\n{"text": "two"}\nnot json\n')
    # stdin has no name to number its rows by: an article without an id is named by its whole record
    assert [a.id for a in articles] == [record_id({"text": "one"}), record_id({"text": "two"})]
    assert [str(p) for p in problems] == ["<stdin>:3: malformed JSON (Expecting value at column 1)"]


def test_stdin_json_array():
    articles, _ = from_stdin(json.dumps([{"text": "a"}, {"text": "b"}, {"id": "c", "text": "c"}]).encode())
    assert [a.id for a in articles] == [record_id({"text": "a"}), record_id({"text": "b"}), "c"]


def test_stdin_csv():
    articles, problems = from_stdin(b"headline,content\nT,Body text\n")
    assert problems == [] and [(a.id, a.title, a.text) for a in articles] == [
        (record_id({"headline": "T", "content": "Body text"}), "T", "Body text")]


def test_stdin_html():
    page = b"<html><head><title>Page</title></head><body><p>Stdin page body text.</p></body></html>"
    articles, problems = from_stdin(page)
    assert problems == [] and articles[0].id == content_id("stdin", articles[0].text)
    assert "Stdin page body text." in articles[0].text
    assert articles[0].html == page.decode()


@pytest.mark.parametrize(("feed", "text"), [(RSS, "Feed body."), (ATOM, "Atom body.")])
def test_stdin_feeds(feed, text):
    articles, problems = from_stdin(feed)
    assert problems == [] and [a.text for a in articles] == [text]
    assert articles[0].location == "<stdin>#entry 1"


def test_stdin_plain_text_in_cp1252():
    articles, problems = from_stdin("The caf\u00e9\u2019s owner said \u201cno\u201d.".encode("cp1252"))
    assert problems == []
    assert [(a.id, a.text, a.encoding) for a in articles] == [
        (content_id("stdin", "The caf\u00e9\u2019s owner said \u201cno\u201d."),
         "The caf\u00e9\u2019s owner said \u201cno\u201d.", "cp1252")]


def record_id(record: dict) -> str:
    return content_id("stdin", json.dumps(record, sort_keys=True, ensure_ascii=False))


def test_two_outlets_rows_with_one_text_stay_two_articles():
    rows = [{"text": "Wire copy.", "url": "https://a.example/1"}, {"text": "Wire copy.", "url": "https://b.example/9"}]
    articles, _ = from_stdin("\n".join(json.dumps(r) for r in rows).encode())
    assert len({a.id for a in articles}) == 2


def test_two_articles_piped_in_are_two_and_one_piped_twice_is_one():
    (first,), _ = from_stdin(b"Venezuela released 103 prisoners on Thursday.")
    (second,), _ = from_stdin(b"Venezuela released 177 more prisoners on Monday.")
    (again,), _ = from_stdin(b"Venezuela released 103 prisoners on Thursday.\r\n")
    assert first.id != second.id and first.id == again.id  # line endings aside


def test_stdin_gzip_is_read_through():
    articles, problems = from_stdin(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    assert problems == [] and [a.text for a in articles] == ["one", "two"]


def test_stdin_binary_is_a_problem():
    articles, problems = from_stdin(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert articles == [] and [str(p) for p in problems] == ["<stdin>: binary file (PNG image), not text"]


def test_file_stem_strips_only_formats_storyline_reads():
    assert file_stem("data/a.b.jsonl") == "a.b"
    assert file_stem("x/crawl.warc.gz") == "crawl"
    assert file_stem("story.TXT") == "story"
    assert file_stem("APW19981016.0240") == "APW19981016.0240"
    assert file_stem("README") == "README"
    assert file_stem(".hidden") == ".hidden"


def test_feed_entries_piped_in_without_id_or_link_are_named_by_their_text():
    def feed(body: str) -> bytes:
        return (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>T</title>'
                + f"<description>{body}</description>".encode() + b"</item></channel></rss>")

    (first,), _ = from_stdin(feed("One body."))
    (second,), _ = from_stdin(feed("Another body."))
    assert first.id != second.id and first.id.startswith("stdin-")
