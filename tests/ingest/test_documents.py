"""Plain-text and HTML files: one article each, id from the file name, encodings detected."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import InputReader
from storyline.model import InputProblem, RawArticle

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Venezuela frees prisoners | Example Times</title>
<meta property="og:site_name" content="Example Times">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-12-13T10:00:00Z">
<link rel="canonical" href="https://example.com/world/prisoners">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Venezuela frees prisoners</h1>
<p>The government released 103 people detained after the disputed July election, officials said on Thursday.</p>
<p>Rights groups said many more remain in custody and called for the release of all political prisoners.</p>
</article>
<footer>Copyright 2024 Example Times. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>
"""


def read(*paths: str | Path) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


def test_text_file_is_one_article_with_the_text_unchanged(tmp_path):
    text = "Headline\r\n\r\nFirst paragraph.\nSecond paragraph.\n"
    (tmp_path / "story-1.txt").write_bytes(text.encode())
    articles, problems = read(tmp_path / "story-1.txt")
    assert problems == []
    assert [(a.id, a.text, a.location, a.encoding) for a in articles] == [
        ("story-1", text, str(tmp_path / "story-1.txt"), "utf-8")]


def test_utf8_bom_is_removed(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfCaf\xc3\xa9 news")
    articles, _ = read(tmp_path / "bom.txt")
    assert (articles[0].text, articles[0].encoding) == ("Café news", "utf-8")


def test_cp1252_and_latin1_text_files(tmp_path):
    (tmp_path / "a.txt").write_bytes("He said \u201cyes\u201d \u2014 the caf\u00e9 costs \u20ac5.".encode("cp1252"))
    (tmp_path / "b.txt").write_bytes("Le caf\u00e9 cr\u00e8me \u00e0 Gen\u00e8ve, na\u00efvement.".encode("latin-1"))
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.text for a in articles] == [
        "He said \u201cyes\u201d \u2014 the caf\u00e9 costs \u20ac5.",
        "Le caf\u00e9 cr\u00e8me \u00e0 Gen\u00e8ve, na\u00efvement."]
    assert [a.encoding for a in articles] == ["cp1252", "cp1252"]


def test_undecodable_text_is_a_problem_and_neighbours_are_read(tmp_path):
    (tmp_path / "a.txt").write_text("before", encoding="utf-8")
    # Bytes that are neither UTF-8 nor plausible in any legacy encoding (no NULs, so not "binary").
    (tmp_path / "b.txt").write_bytes(bytes(range(0x80, 0x100)) * 8)
    (tmp_path / "c.txt").write_text("after", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["a", "c"]
    assert [p.location for p in problems] == [str(tmp_path / "b.txt")]
    assert "cannot detect text encoding" in problems[0].message


def test_utf8_with_a_stray_byte_is_read_and_reported(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes("R\u00e9sum\u00e9 caf\u00e9 na\u00efve. ".encode() * 4 + b"\x96 end")
    articles, problems = read(path)
    assert len(articles) == 1 and articles[0].encoding == "utf-8" and "\ufffd" in articles[0].text
    assert [str(p) for p in problems] == [f"{path}: 1 invalid UTF-8 byte replaced with U+FFFD"]


def test_html_main_text_and_metadata(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    articles, problems = read(tmp_path / "page.html")
    assert problems == []
    (article,) = articles
    assert article.id == "page"
    assert "released 103 people" in article.text and "political prisoners" in article.text
    assert "Subscribe" not in article.text and "Sport" not in article.text
    assert article.title.startswith("Venezuela frees prisoners")
    assert article.published == "2024-12-13T10:00:00+00:00"
    assert article.byline == "Jane Doe"
    assert article.source == "Example Times"
    assert article.url == "https://example.com/world/prisoners"
    assert article.language == "en"
    assert article.html == PAGE
    assert article.location == str(tmp_path / "page.html")


def test_html_declared_charset_is_honoured(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("officials said", "Caf\u00e9 owners said")
    (tmp_path / "legacy.htm").write_bytes(page.encode("cp1252"))
    articles, problems = read(tmp_path / "legacy.htm")
    assert problems == []
    assert "Caf\u00e9 owners said" in articles[0].text and articles[0].encoding == "cp1252"


def test_short_html_still_gives_its_text(tmp_path):
    (tmp_path / "tiny.html").write_text("<html><body><p>Short note.</p></body></html>", encoding="utf-8")
    articles, problems = read(tmp_path / "tiny.html")
    assert problems == [] and articles[0].text == "Short note."


def test_html_without_text_is_a_problem(tmp_path):
    (tmp_path / "blank.html").write_text("<html><head><script>var a = 1;</script></head><body></body></html>")
    articles, problems = read(tmp_path / "blank.html")
    assert articles == []
    assert [str(p) for p in problems] == [f"{tmp_path / 'blank.html'}: no text found in the HTML page"]
