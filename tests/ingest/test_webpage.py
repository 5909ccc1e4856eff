"""HTML extraction helpers."""

from __future__ import annotations

from storyline.ingest.webpage import extract_page, fragment_text


def test_fragment_text_keeps_blocks_as_lines_and_drops_scripts():
    html = "<p>Hello <b>world</b></p><script>var x = 1;</script><ul><li>one</li><li>two</li></ul>A<br>B"
    assert fragment_text(html) == "Hello world\none\ntwo\nA\nB"


def test_extract_page_falls_back_to_visible_text():
    page = extract_page("<html><body><div>Tiny</div></body></html>")
    assert page is not None and page.text == "Tiny"


def test_extract_page_keeps_day_when_no_full_timestamp():
    html = ('<html><head><meta name="date" content="2024-12-13"><title>T</title></head><body><article>'
            "<p>The government released 103 prisoners on Thursday after weeks of protests.</p>"
            "</article></body></html>")
    assert extract_page(html).published == "2024-12-13"
