"""JSON Lines and JSON inputs: fields, ids, locations, and bad lines that cost only themselves."""

from __future__ import annotations

import io
import json
from pathlib import Path

from storyline.ingest import InputReader, settings
from storyline.ingest.records import json_kind
from storyline.model import InputProblem, RawArticle


def read(*paths: str | Path, stdin: bytes | None = None) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths], stdin=io.BytesIO(stdin) if stdin is not None else None))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


def test_jsonl_fields_extra_and_missing_ids(tmp_path):
    path = tmp_path / "wire.jsonl"
    rows = [
        {"id": "a1", "title": "T", "text": "Body one", "published": "2024-12-13", "source": "AP",
         "url": "https://x/1", "language": "en", "author": "Jane Doe", "labels": {"event": "e1"}},
        {"text": "Body two", "byline": "By John", "score": 3},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    first, second = articles
    assert (first.id, first.title, first.text, first.published, first.source, first.url, first.language,
            first.byline) == ("a1", "T", "Body one", "2024-12-13", "AP", "https://x/1", "en", "Jane Doe")
    assert first.extra == {"labels": {"event": "e1"}}
    assert first.location == f"{path}:line 1"
    assert second.id == "wire-2" and second.byline == "By John" and second.extra == {"score": 3}
    assert second.location == f"{path}:line 2"


def test_text_is_kept_exactly_as_given(tmp_path):
    text = "  Line one\r\n\tLine two  \u00a0\n\nCaf\u00e9 \u201cquoted\u201d \U0001f600 "
    (tmp_path / "t.jsonl").write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    articles, _ = read(tmp_path / "t.jsonl")
    assert articles[0].text == text


def test_malformed_line_is_one_problem_with_line_and_column_and_others_are_read(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "one", "text": "first"}\n'
        '{"id": "two" "text": "broken"}\n'
        "\n"
        '["not", "an", "object"]\n'
        '{"id": "three", "text": "third"}\n',
        encoding="utf-8",
    )
    articles, problems = read(path)
    assert [a.id for a in articles] == ["one", "three"]
    assert [str(p) for p in problems] == [
        f"{path}:2: malformed JSON (Expecting ',' delimiter at column 14)",
        f"{path}:4: expected a JSON object, found an array",
    ]


def test_missing_or_empty_text_is_a_problem_for_that_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "ok"}\n{"title": "no text"}\n{"text": "   "}\n{"text": 42}\n{"body": "ok too"}\n')
    articles, problems = read(path)
    assert [a.id for a in articles] == ["a-1", "a-5"]
    assert [p.location for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert all("no article text" in p.message for p in problems)
    assert "not text" in problems[2].message


def test_line_over_the_record_limit_is_skipped_without_loading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"text": "before"}\n' + json.dumps({"text": "x" * 5000}) + '\n{"text": "after"}\n', encoding="utf-8"
    )
    articles, problems = read(path)
    assert [a.text for a in articles] == ["before", "after"]
    assert [p.location for p in problems] == [f"{path}:2"]
    assert "line too long" in problems[0].message and "limit" in problems[0].message


def test_utf8_bom_on_first_line_is_ignored(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"text": "caf\xc3\xa9"}\n{"text": "two"}\n')
    articles, problems = read(path)
    assert problems == [] and [a.text for a in articles] == ["café", "two"]


def test_utf16_jsonl_with_bom(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes('{"text": "café"}\n{"text": "Zürich"}\n'.encode("utf-16"))
    articles, problems = read(path)
    assert problems == []
    assert [a.text for a in articles] == ["café", "Zürich"]
    assert articles[0].encoding.startswith("utf-16")


def test_a_line_in_a_legacy_encoding_is_decoded_and_marked(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "plain"}\n' + '{"text": "Caf\u00e9 cr\u00e8me"}\n'.encode("cp1252"))
    articles, problems = read(path)
    assert problems == []
    assert [(a.text, a.encoding) for a in articles] == [("plain", "utf-8"), ("Café crème", "cp1252")]


def test_json_single_object_takes_the_file_stem_as_id(tmp_path):
    (tmp_path / "story.json").write_text(json.dumps({"title": "T", "text": "Body"}, indent=2), encoding="utf-8")
    articles, problems = read(tmp_path / "story.json")
    assert problems == []
    assert [(a.id, a.title, a.location) for a in articles] == [("story", "T", f"{tmp_path / 'story.json'}:line 1")]


def test_json_array_items_are_numbered_and_located(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": "a"}, {"id": "given", "text": "b"}, {"text": "c"}], indent=2))
    articles, problems = read(path)
    assert problems == []
    assert [a.id for a in articles] == ["batch-1", "given", "batch-3"]
    assert articles[1].location == f"{path}:line 5 (item 2)"


def test_json_wrapper_object_with_article_list(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "totalResults": 2, "articles": [
        {"title": "A", "content": "first", "publishedAt": "2024-01-01", "source": {"id": None, "name": "Wire"}},
        {"title": "B", "description": "no content here"},
    ]}))
    articles, problems = read(path)
    assert [(a.id, a.text, a.source, a.published) for a in articles] == [("api-1", "first", "Wire", "2024-01-01")]
    assert articles[0].extra == {}
    assert [p.location for p in problems] == [f"{path}#articles[2]"]


def test_json_syntax_error_keeps_items_before_it_and_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n{"text": "one"},\n{"text": "two"},\n{"text": "three" oops}\n]\n')
    articles, problems = read(path)
    assert [a.text for a in articles] == ["one", "two"]
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:4: malformed JSON (")


def test_json_file_holding_json_lines_is_read_line_by_line(tmp_path):
    path = tmp_path / "really-lines.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n')
    articles, problems = read(path)
    assert problems == [] and [a.id for a in articles] == ["really-lines-1", "really-lines-2"]


def test_pretty_printed_json_named_jsonl_is_read_as_a_document(tmp_path):
    path = tmp_path / "pretty.jsonl"
    path.write_text(json.dumps([{"text": "one"}, {"text": "two"}], indent=2))
    articles, problems = read(path)
    assert problems == [] and [a.text for a in articles] == ["one", "two"]


def test_numeric_published_is_read_as_unix_time(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"text": "a", "date": 1734084000}\n{"text": "b", "date": 1734084000000}\n')
    articles, _ = read(path)
    assert [a.published for a in articles] == ["2024-12-13T10:00:00+00:00"] * 2


def test_json_kind():
    assert json_kind(b'{"a": 1}\n{"a": 2}\n', ".json") == "lines"
    assert json_kind(b'{"a": 1}\n', ".json") == "document"
    assert json_kind(b'[{"a": 1}]', ".jsonl") == "document"
    assert json_kind(b'{\n  "a": 1\n}\n', ".jsonl") == "document"
    assert json_kind(b'{"a": 1}', ".jsonl") == "lines"


def test_a_control_character_is_reported_once_with_its_column(tmp_path):
    # json's message for it ends in " at": the column follows it only once.
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "one", "text": "tab\there"}\n', encoding="utf-8")
    _, problems = read(path)
    assert [str(p) for p in problems] == [f"{path}:1: malformed JSON (Invalid control character at column 27)"]
