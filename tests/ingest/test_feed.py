"""RSS and Atom feeds: one article per entry, text from content or summary, feed title as source."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import InputReader
from storyline.model import InputProblem, RawArticle

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example</link><description>News</description>
<item>
  <title>Prisoners freed</title><link>https://wire.example/a</link><guid>urn:wire:1</guid>
  <pubDate>Fri, 13 Dec 2024 10:00:00 +0100</pubDate><author>desk@wire.example (Jane Doe)</author>
  <category>politics</category>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>The government released <b>103</b> prisoners.</p><p>More may follow.</p>]]></content:encoded>
</item>
<item>
  <title>Summary only</title><link>https://wire.example/b</link>
  <description>&lt;p&gt;Only a &lt;i&gt;summary&lt;/i&gt; here.&lt;/p&gt;</description>
</item>
<item><title>Nothing</title><link>https://wire.example/c</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom News</title><id>urn:atom</id><updated>2024-12-14T09:00:00Z</updated>
  <entry>
    <title>Second release</title><id>tag:atom.example,2024:2</id>
    <link href="https://atom.example/2"/>
    <updated>2024-12-14T09:00:00Z</updated><published>2024-12-14T08:30:00+01:00</published>
    <author><name>John Roe</name></author>
    <content type="html">&lt;p&gt;177 more were released.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Text only</title><id>tag:atom.example,2024:3</id><updated>2024-12-15T00:00:00Z</updated>
    <summary>A plain summary.</summary>
  </entry>
</feed>
"""


def read(*paths: str | Path) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


def test_rss_entries(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, problems = read(path)
    first, second = articles
    assert first.id == "urn:wire:1"
    assert first.text == "The government released 103 prisoners.\nMore may follow."
    assert (first.title, first.url, first.source) == ("Prisoners freed", "https://wire.example/a", "Example Wire")
    assert first.published == "2024-12-13T09:00:00+00:00"
    assert "Jane Doe" in first.byline
    assert first.extra["tags"] == ["politics"]
    assert "<b>103</b>" in first.html
    assert first.location == f"{path}#entry 1"
    assert second.id == "https://wire.example/b" and second.text == "Only a summary here."
    assert [str(p) for p in problems] == [f"{path}#entry 3: entry has no content or summary"]


def test_atom_entries(tmp_path):
    path = tmp_path / "news.atom"
    path.write_text(ATOM, encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    first, second = articles
    assert (first.id, first.text, first.url, first.source, first.byline) == (
        "tag:atom.example,2024:2", "177 more were released.", "https://atom.example/2", "Atom News", "John Roe")
    assert first.published == "2024-12-14T07:30:00+00:00"
    assert first.extra["updated"] == "2024-12-14T09:00:00+00:00"
    assert second.text == "A plain summary." and second.published == "2024-12-15T00:00:00+00:00"


def test_xml_that_is_not_a_feed_is_a_problem(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://x</loc></url></urlset>', encoding="utf-8")
    articles, problems = read(path)
    assert articles == []
    assert len(problems) == 1 and problems[0].location == str(path) and "not an RSS or Atom feed" in problems[0].message


def test_truncated_feed_keeps_entries_before_the_break(tmp_path):
    path = tmp_path / "cut.xml"
    path.write_text(RSS[: RSS.index("<item><title>Nothing")] + "<item><title>Bro", encoding="utf-8")
    articles, problems = read(path)
    assert [a.title for a in articles] == ["Prisoners freed", "Summary only"]
    assert str(problems[-1]).startswith(f"{path}:15: malformed feed XML (no element found at column 16)")


def test_feed_named_xml_in_legacy_encoding(tmp_path):
    path = tmp_path / "old.xml"
    feed = RSS.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace("Short summary.", "Caf\u00e9.")
    feed = feed.replace("released <b>103</b> prisoners", "released 103 prisoners in Caf\u00e9 Square")
    path.write_bytes(feed.encode("latin-1"))
    articles, _ = read(path)
    assert "Caf\u00e9 Square" in articles[0].text
