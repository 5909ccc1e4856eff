"""InputReader: paths, folders, stdin, progress, and every kind of bad input as one clear problem."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import time
from pathlib import Path

import pytest

import storyline
import storyline.ingest.reader as reader_module
from storyline.ingest import InputReader, settings
from storyline.ingest.source import content_id
from storyline.model import InputProblem, RawArticle

EXAMPLES = Path(storyline.__file__).parent / "examples"
ARTICLE = "Officials released 103 prisoners on Thursday after weeks of protests in the capital.\n"


def read(*paths: str | Path, stdin: bytes | None = None) -> tuple[list[RawArticle], list[InputProblem]]:
    items = list(InputReader([str(p) for p in paths], stdin=io.BytesIO(stdin) if stdin is not None else None))
    articles = [item for item in items if isinstance(item, RawArticle)]
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def test_example_corpus_reads_as_five_articles_with_file_stem_ids():
    articles, problems = read(EXAMPLES)
    assert problems == []
    assert [a.id for a in articles] == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    assert len(articles) == 5
    for article in articles:
        assert article.location.endswith(article.id + ".txt")
        assert article.text == (EXAMPLES / f"{article.id}.txt").read_text(encoding="utf-8").removeprefix("\ufeff")
        assert article.encoding == "utf-8"


def test_folders_are_walked_recursively_in_sorted_order_skipping_hidden_and_db_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.txt", "a/z.txt", "a/b.txt", "c.txt", ".hidden.txt", ".git/x.txt", "storyline.db",
                "storyline.db-wal", "storyline.db-shm"]:
        (tmp_path / rel).write_text(ARTICLE, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.location for a in articles] == [str(tmp_path / rel) for rel in ["a/b.txt", "a/z.txt", "b/2.txt", "c.txt"]]
    assert [a.id for a in articles] == ["b", "z", "2", "c"]


def test_ids_and_order_are_the_same_on_every_run(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "y.txt").write_text(ARTICLE, encoding="utf-8")
    first = [a.id for a in read(tmp_path)[0]]
    assert first == [a.id for a in read(tmp_path)[0]] == ["x-1", "x-2", "y"]


def test_missing_path_is_a_problem_and_the_next_path_is_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    articles, problems = read(tmp_path / "nope.txt", good)
    assert [a.id for a in articles] == ["good"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    _, problems = read(tmp_path / "empty")
    assert len(problems) == 1 and "no input files" in problems[0].message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_problem(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    secret.chmod(0)
    _, problems = read(secret)
    assert [str(p) for p in problems] == [f"{secret}: permission denied"]


def test_permission_error_on_open_is_a_problem_naming_the_file(tmp_path, monkeypatch):
    # Tests run as root here, where chmod cannot make a file unreadable; fail the open itself instead.
    secret, good = tmp_path / "a_secret.txt", tmp_path / "b_good.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    good.write_text(ARTICLE, encoding="utf-8")
    real_open = open

    def guarded_open(path, *args, **kwargs):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(reader_module, "open", guarded_open, raising=False)
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["b_good"]
    assert [str(p) for p in problems] == [f"{secret}: permission denied"]


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG image"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200), "zip archive"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        (b"SQLite format 3\x00" + bytes(100), "SQLite database"),
        (b"some text\x00\x01\x02 then binary" * 20, "NUL bytes"),
    ],
)
def test_binary_file_renamed_txt_is_a_problem_and_neighbours_are_read(tmp_path, payload, kind):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(payload)
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["a", "c"]
    assert len(problems) == 1
    assert problems[0].location == str(tmp_path / "b.txt")
    assert "binary file" in problems[0].message and kind in problems[0].message


@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.csv", "empty.html", "empty.xml", "empty.warc"])
def test_empty_file_is_a_warning_not_a_failure(tmp_path, name):
    # An empty feed dump holds no articles, and loses none: it is reported, but the run does not fail for it.
    (tmp_path / name).write_bytes(b"")
    articles, problems = read(tmp_path / name)
    assert articles == []
    assert [str(p) for p in problems] == [f"{tmp_path / name}: empty file"]
    assert problems[0].warning


def test_whitespace_only_text_file_is_a_warning(tmp_path):
    (tmp_path / "blank.txt").write_text("  \n\n \t\n", encoding="utf-8")
    _, problems = read(tmp_path / "blank.txt")
    assert len(problems) == 1 and "empty file" in problems[0].message and problems[0].warning


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.json", "huge.xml"])
def test_huge_single_document_file_is_refused_at_once_with_size_and_limit(tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.write(b"x" * 100)  # text at the start, so the refusal is for the size, not for NULs
        handle.truncate(500 * 2**20)  # sparse: instant, takes no disk
    started = time.perf_counter()
    articles, problems = read(path)
    assert time.perf_counter() - started < 2
    assert articles == []
    assert [str(p) for p in problems] == [f"{path}: file too large (500.0 MB, the limit is 50.0 MB)"]


@pytest.mark.parametrize("name", ["huge.jsonl", "huge.csv", "huge.bin", "huge.warc"])
def test_huge_sparse_file_of_streamed_format_is_refused_quickly(tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.truncate(500 * 2**20)
    started = time.perf_counter()
    articles, problems = read(path)
    assert time.perf_counter() - started < 2
    assert articles == [] and len(problems) == 1
    assert problems[0].location == str(path) and "binary file" in problems[0].message


def test_big_jsonl_is_streamed_not_loaded(tmp_path):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": "A story. " * 100}) + "\n"
    with open(path, "w", encoding="utf-8") as handle:
        for _ in range(20_000):
            handle.write(line)
    reader = InputReader([str(path)])
    assert reader.total_bytes == path.stat().st_size
    items = iter(reader)
    first = next(items)
    assert isinstance(first, RawArticle) and first.id == "big-1"
    # Only a buffer's worth was read to yield the first record.
    assert reader.bytes_read < reader.total_bytes / 20
    rest = sum(1 for _ in items)
    assert rest == 19_999
    assert reader.bytes_read == reader.total_bytes


def test_progress_is_monotonic_and_reaches_the_total(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.jsonl").write_text("".join(json.dumps({"text": f"t{n} {i}"}) + "\n" for i in range(50)))
    reader = InputReader([str(tmp_path)])
    seen = []
    for _ in reader:
        seen.append(reader.bytes_read)
    assert seen == sorted(seen)
    assert reader.bytes_read == reader.total_bytes == sum(p.stat().st_size for p in tmp_path.iterdir())


def test_stdin_dash_reads_given_stream_and_has_no_known_size():
    reader = InputReader(["-"], stdin=io.BytesIO(b'{"id": "s1", "text": "one"}\n{"text": "two"}\n'))
    assert reader.total_bytes == 0
    articles = list(reader)
    assert [a.id for a in articles] == ["s1", content_id("stdin", '{"text": "two"}')]
    assert articles[1].location == "<stdin>:line 2"
    assert reader.bytes_read > 0


def test_stdin_given_twice_is_read_once():
    articles, problems = read("-", "-", stdin=ARTICLE.encode())
    assert [a.id for a in articles] == [content_id("stdin", ARTICLE)]
    assert len(problems) == 1 and "more than once" in problems[0].message


def test_empty_stdin_is_a_problem():
    articles, problems = read("-", stdin=b"")
    assert articles == [] and [str(p) for p in problems] == ["<stdin>: empty input"]


def test_gzip_compressed_inputs_are_read_through(tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write('{"text": "one"}\n{"text": "two"}\n')
    with gzip.open(tmp_path / "b.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write(ARTICLE)
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.id for a in articles] == ["a-1", "a-2", "b"]


def test_truncated_gzip_is_a_problem_after_the_records_before_it(tmp_path):
    rng = random.Random(7)
    lines = (json.dumps({"text": " ".join(str(rng.random()) for _ in range(50))}) + "\n" for _ in range(2000))
    data = gzip.compress("".join(lines).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    articles, problems = read(tmp_path / "cut.jsonl.gz")
    assert len(articles) > 0
    assert len(problems) == 1 and problems[0].location == str(tmp_path / "cut.jsonl.gz")
    assert "cannot read" in problems[0].message


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "notes.dat").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "export.dump").write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    (tmp_path / "page.asp").write_text("<html><body><p>" + ARTICLE + "</p></body></html>", encoding="utf-8")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.id for a in articles] == ["export.dump-1", "export.dump-2", "notes.dat", "page.asp"]
    assert articles[-1].html is not None


def test_file_that_yields_nothing_is_reported(tmp_path):
    (tmp_path / "blank.jsonl").write_text("\n\n\n", encoding="utf-8")
    _, problems = read(tmp_path / "blank.jsonl")
    assert [str(p) for p in problems] == [f"{tmp_path / 'blank.jsonl'}: no articles found"]


def test_record_limit_setting_is_named():
    assert settings.MAX_RECORD_BYTES == 5 * 2**20
    assert settings.MAX_DOCUMENT_BYTES == 50 * 2**20


def test_floods_of_problems_are_capped_and_good_records_still_come(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "MAX_PROBLEMS_PER_INPUT", 3)
    path = tmp_path / "noisy.jsonl"
    path.write_text("bad\n" * 10 + '{"text": "good"}\n' + "bad\n" * 5, encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["good"]
    assert [p.location for p in problems[:3]] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert str(problems[3]) == f"{path}: 12 more problems in this input not shown one by one"


def test_nul_byte_past_the_sniffed_start_of_a_text_file(tmp_path):
    path = tmp_path / "late.txt"
    path.write_bytes(b"x" * (settings.SNIFF_BYTES + 10) + b"\x00tail")
    _, problems = read(path)
    assert [str(p) for p in problems] == [f"{path}: binary file (NUL byte at offset {settings.SNIFF_BYTES + 10}), not text"]


def test_deeply_nested_json_line_is_one_problem(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "before"}\n{"a": ' + "[" * 100_000 + '\n{"text": "after"}\n', encoding="utf-8")
    articles, problems = read(path)
    assert [a.text for a in articles] == ["before", "after"]
    assert [str(p) for p in problems] == [f"{path}:2: malformed JSON (nested too deeply)"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_read_as_a_stream(tmp_path):
    import threading

    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as handle:
            handle.write(b'{"text": "through a pipe"}\n')

    writer = threading.Thread(target=write)
    writer.start()
    articles, problems = read(fifo)
    writer.join(timeout=5)
    assert problems == [] and [a.text for a in articles] == ["through a pipe"]


def test_xhtml_named_xml_is_read_as_a_page(tmp_path):
    path = tmp_path / "page.xml"
    path.write_text('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>' + ARTICLE
                    + "</p></body></html>", encoding="utf-8")
    articles, problems = read(path)
    assert problems == [] and articles[0].text.strip() == ARTICLE.strip()


def test_folder_walk_skips_page_assets_and_media_and_says_so(tmp_path):
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page.html").write_text("<html><body><p>" + ARTICLE + "</p></body></html>", encoding="utf-8")
    (tmp_path / "page_files" / "site.css").write_text("body { color: red }", encoding="utf-8")
    (tmp_path / "page_files" / "app.js").write_text("var a = 1;", encoding="utf-8")
    (tmp_path / "page_files" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "APW19981016.0240").write_text(ARTICLE, encoding="utf-8")
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["APW19981016.0240", "page"]
    assert [str(p) for p in problems] == [
        f"{tmp_path}: skipped 3 files of formats storyline does not read (.css 1, .js 1, .png 1)"]


def test_explicitly_named_file_is_read_whatever_its_extension(tmp_path):
    (tmp_path / "notes.js").write_text(ARTICLE, encoding="utf-8")
    articles, _ = read(tmp_path / "notes.js")
    assert [a.id for a in articles] == ["notes.js"]
