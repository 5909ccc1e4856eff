"""CSV and TSV inputs: header synonyms, extra columns, and bad rows that cost only themselves."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest import InputReader, settings
from storyline.model import InputProblem, RawArticle


def read(*paths: str | Path) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths]))
    return ([i for i in items if isinstance(i, RawArticle)], [i for i in items if isinstance(i, InputProblem)])


def test_csv_header_synonyms_and_extra_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "Headline,Body,Date,Publisher,Link,Category\n"
        'Prisoners freed,"Officials released 103 prisoners, they said.",2024-12-13,Wire,https://x/1,politics\n'
        "Second,Another body,2024-12-14,Other,https://x/2,world\n",
        encoding="utf-8",
    )
    articles, problems = read(path)
    assert problems == []
    first = articles[0]
    assert (first.id, first.title, first.text, first.published, first.source, first.url) == (
        "news-2", "Prisoners freed", "Officials released 103 prisoners, they said.", "2024-12-13", "Wire", "https://x/1")
    assert first.extra == {"Category": "politics"}
    assert first.location == f"{path}:line 2"
    assert articles[1].id == "news-3"


def test_id_column_and_quoted_multiline_text(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,text\nx1,"line one\nline two"\nx2,single\n', encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    assert [(a.id, a.text, a.location) for a in articles] == [
        ("x1", "line one\nline two", f"{path}:line 2"),
        ("x2", "single", f"{path}:line 4"),
    ]


def test_tsv_and_semicolon_delimiters(tmp_path):
    (tmp_path / "a.tsv").write_text("title\tcontent\nT\tBody, with comma\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("title;text\nT;Body, with comma\n", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [(a.title, a.text) for a in articles] == [("T", "Body, with comma")] * 2


def test_row_with_wrong_field_count_or_no_text_is_a_problem_naming_the_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("title,text\nA,good one\nB,too,many\n\nC,\nD,good two\n", encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["good one", "good two"]
    assert [str(p) for p in problems] == [
        f"{path}:3: expected 2 fields as in the header, found 3",
        f"{path}:5: no article text (field 'text' is empty)",
    ]


def test_header_without_text_column_is_a_problem(tmp_path):
    path = tmp_path / "nums.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    articles, problems = read(path)
    assert articles == []
    assert len(problems) == 1 and problems[0].location == f"{path}:1" and "no text column" in problems[0].message


def test_field_over_the_record_limit_is_a_problem_and_later_rows_are_read(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text(f"title,text\nA,before\nB,\"{'x' * 500}\n{'y' * 800}\"\nC,after\n", encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["before", "after"]
    assert len(problems) == 1 and problems[0].location == f"{path}:3"
    assert "too long" in problems[0].message


def test_single_line_over_the_limit_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_RECORD_BYTES", 1000)
    path = tmp_path / "long.csv"
    path.write_text(f"title,text\nA,before\nB,{'x' * 5000}\nC,after\n", encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["before", "after"]
    assert [p.location for p in problems] == [f"{path}:3"] and "line too long" in problems[0].message


def test_cp1252_csv(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("title,text\nCaf\u00e9,\u201cQuoted\u201d na\u00efve text\n".encode("cp1252"))
    articles, problems = read(path)
    assert problems == []
    assert (articles[0].title, articles[0].text, articles[0].encoding) == ("Café", "“Quoted” naïve text", "cp1252")


def test_csv_with_bom(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftext,title\nbody,T\n")
    articles, problems = read(path)
    assert problems == [] and (articles[0].text, articles[0].title) == ("body", "T")


def test_utf16_csv_without_bom(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes("title,text\nCaf\u00e9,Body one\nB,Body two\n".encode("utf-16-le"))
    articles, problems = read(path)
    assert problems == []
    assert [(a.title, a.text, a.encoding) for a in articles] == [
        ("Caf\u00e9", "Body one", "utf-16-le"), ("B", "Body two", "utf-16-le")]


def test_an_unclosed_quote_costs_its_row_only(tmp_path):
    # The csv module silently takes every line after an unclosed quote into its field: the rows after it
    # would be lost without a word.
    path = tmp_path / "q.csv"
    path.write_text('id,text\nc1,"A fine row about the election."\nc2,"unterminated row about the harbour\n'
                    'c3,Third row about the bridge.\nc4,"Fourth, quoted, about the flood."\n', encoding="utf-8")
    articles, problems = read(path)
    assert [a.id for a in articles] == ["c1", "c3", "c4"]
    assert articles[1].text == "Third row about the bridge." and articles[2].text == "Fourth, quoted, about the flood."
    assert [p.location for p in problems] == [f"{path}:3"] and "unclosed quote" in problems[0].message
    assert articles[2].location.endswith(":line 5")


def test_a_quoted_field_over_several_lines_is_one_row(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text('id,text\nm1,"First line\nsecond line with ""quoted"" words"\nm2,Next row.\n', encoding="utf-8")
    articles, problems = read(path)
    assert not problems and [a.id for a in articles] == ["m1", "m2"]
    assert articles[0].text == 'First line\nsecond line with "quoted" words'
