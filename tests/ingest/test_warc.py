"""WARC archives written with warcio: HTML responses become articles, everything else is skipped."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.ingest import InputReader
from storyline.model import InputProblem, RawArticle

DATED = (b"<html><head><title>A story</title>"
         b"<meta property='article:published_time' content='2024-12-13T10:00:00Z'></head>"
         b"<body><article><p>The government released 103 prisoners on Thursday, officials said.</p>"
         b"</article></body></html>")
UNDATED = (b"<html><head><title>B story</title></head><body>"
           b"<p>Caf\xe9 owners protested on Friday in the capital.</p></body></html>")


def make_warc(gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)

    def response(uri: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict={"WARC-Date": "2024-12-14T08:00:00Z"}))

    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    response("https://news.example/a", DATED)
    response("https://news.example/style.css", b"body { color: red }", content_type="text/css")
    response("https://news.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found")
    response("https://news.example/b", UNDATED, content_type="text/html; charset=iso-8859-1")
    return buffer.getvalue()


def read(*paths: str | Path) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


@pytest.mark.parametrize(("name", "gzip"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path, name, gzip):
    path = tmp_path / name
    path.write_bytes(make_warc(gzip))
    articles, problems = read(path)
    assert problems == []
    assert [a.id for a in articles] == ["https://news.example/a", "https://news.example/b"]
    dated, undated = articles
    assert dated.url == "https://news.example/a"
    assert dated.text == "The government released 103 prisoners on Thursday, officials said."
    assert dated.title == "A story"
    assert dated.published == "2024-12-13T10:00:00+00:00"
    assert dated.html == DATED.decode()
    assert dated.location == f"{path}#record 2"
    # The crawl date is kept as such, never passed off as the publication date.
    assert undated.published is None
    assert undated.extra["crawled"] == dated.extra["crawled"] == "2024-12-14T08:00:00Z"
    assert undated.text == "Caf\u00e9 owners protested on Friday in the capital." and undated.encoding == "cp1252"


def test_truncated_warc_keeps_records_before_the_damage(tmp_path):
    data = make_warc(gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 40])
    articles, problems = read(path)
    assert [a.id for a in articles] == ["https://news.example/a"]
    assert [str(p) for p in problems] == [
        f"{path}#record 5: record truncated (the archive ends inside it) (https://news.example/b)"]


def test_text_file_named_warc_is_a_problem(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n", encoding="utf-8")
    articles, problems = read(path)
    assert articles == []
    assert len(problems) == 1 and problems[0].location == str(path) and "WARC" in problems[0].message


def test_warc_on_stdin_is_sniffed():
    items = list(InputReader(["-"], stdin=io.BytesIO(make_warc(gzip=True))))
    assert [item.id for item in items if isinstance(item, RawArticle)] == [
        "https://news.example/a", "https://news.example/b"]
