"""The command line as a user meets it: the example corpus, idempotent ingest, bad input, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "storyline" / "examples"
runner = CliRunner()


def _run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    code, _, err = _run("ingest", str(EXAMPLES), "--db", db, "--quiet")
    assert code == 0, err
    assert "new 5" in err
    return db


def _article(db: str, article_id: str) -> dict:
    code, out, err = _run("article", article_id, "--db", db, "--json")
    assert code == 0, err
    return json.loads(out)


def test_doubled_site_header_is_removed_and_recorded(seeds_db: str) -> None:
    a = _article(seeds_db, "002_9a53cd72fe307f51")
    assert a["text"].startswith("Venezuela’s government has moved")
    assert "Useful information" in a["removed_boilerplate"]
    assert any(line.startswith("Prime News delivers") for line in a["removed_boilerplate"])


def test_metadata_is_found_in_the_text(seeds_db: str) -> None:
    a = _article(seeds_db, "004_9441474bc40515fc")
    assert a["title"] == "Venezuela President releases 103 people imprisoned since disputed July election"
    assert a["published"].startswith("2024-12-13")
    assert a["dateline"] == "Caracas"
    assert a["attributed_to"] == ["Al Jazeera"]
    assert "Al Jazeera" in _article(seeds_db, "003_5688dcc81a9a0619")["attributed_to"]


def test_ingesting_again_adds_nothing(seeds_db: str) -> None:
    code, _, err = _run("ingest", str(EXAMPLES), "--db", seeds_db, "--quiet")
    assert code == 0
    assert "new 0" in err and "already known 5" in err


def test_json_listing_prints_only_json(seeds_db: str) -> None:
    code, out, _ = _run("families", "--db", seeds_db, "--json")
    assert code == 0
    assert isinstance(json.loads(out), list)


def test_export_writes_every_article(seeds_db: str, tmp_path: Path) -> None:
    code, out, _ = _run("export", "--format", "jsonl", "--db", seeds_db)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 5 and {"id", "text", "family", "removed_boilerplate"} <= rows[0].keys()
    code, _, _ = _run("export", "--format", "parquet", "--out", str(tmp_path), "--db", seeds_db)
    assert code == 0 and (tmp_path / "articles.parquet").stat().st_size > 0


def test_bad_inputs_are_named_and_the_good_ones_stored(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text("A good article about the harbour strike.\nWorkers walked out on Monday.")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "lines.jsonl").write_text(
        '{"id": "j1", "text": "First good line about the flood."}\n'
        '{"id": "j2", "text": broken\n'
        '{"id": "j3", "text": "Third line, good again, about the bridge."}\n'
    )
    (inputs / "rows.csv").write_text('id,text\nc1,"A fine row about the election."\nc2,"two","too many"\n')
    huge = inputs / "huge.txt"
    with huge.open("wb") as f:
        f.truncate(500 * 2**20)  # sparse: 500 MB on paper, nothing on disk
    db = str(tmp_path / "bad.db")
    code, _, err = _run("ingest", str(inputs), str(tmp_path / "missing.txt"), "--db", db, "--quiet")
    assert code == 1  # something failed, and the exit status says so
    for name in ("empty.txt", "binary.txt", "lines.jsonl:", "rows.csv:", "huge.txt", "missing.txt"):
        assert name in err, f"no message naming {name}"
    code, out, _ = _run("export", "--format", "jsonl", "--db", db)
    stored = {json.loads(line)["id"] for line in out.splitlines()}
    assert stored == {"good", "j1", "j3", "c1"}


def test_an_empty_file_is_reported_but_fails_nothing(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_bytes(b"")
    (tmp_path / "good.txt").write_text("A good article about the harbour strike.\nWorkers walked out on Monday.")
    code, out, err = _run("ingest", str(tmp_path / "feed.jsonl"), str(tmp_path / "good.txt"),
                          "--db", str(tmp_path / "e.db"))
    assert code == 0, err
    assert "feed.jsonl: empty file" in out + err and "failed 0" in out + err
    assert "clustered 1 article (1 event changed): the library holds 1 event in 1 storyline" in out + err


def test_an_unreadable_publication_date_is_a_warning_and_the_article_kept(tmp_path: Path) -> None:
    (tmp_path / "p.jsonl").write_text(
        '{"id": "p1", "text": "Rebels seized the town of Goma on Sunday.", "published": "not a date"}\n'
        '{"id": "p2", "text": "The airport in Goma reopened on Monday.", "published": "Dec 16, 2024"}\n'
    )
    db = str(tmp_path / "p.db")
    code, out, err = _run("ingest", str(tmp_path / "p.jsonl"), "--db", db, "--no-analysis")
    assert code == 0, err
    assert "unreadable publication date 'not a date'" in out + err
    assert "p.jsonl:1:" in " ".join((out + err).split()).replace(" ", "")  # the line, as read errors name it
    assert _article(db, "p1")["published"] is None
    assert _article(db, "p2")["published"] == "2024-12-16"


def test_a_brief_of_no_words_is_refused() -> None:
    code, _, err = _run("brief", "any-story", "--words", "0", "--db", "none.db")
    assert code == 2 and "--words" in err


def test_stdin_is_read(tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    data = b'{"id": "s1", "text": "Read from standard input about the storm."}\n'
    code, _, err = _run("ingest", "-", "--db", db, "--quiet", input=data)
    assert code == 0, err
    assert _article(db, "s1")["text"].startswith("Read from standard input")


def test_missing_library_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = _run("families", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "No library" in err


def test_demo_runs_end_to_end() -> None:
    code, out, _ = _run("demo")
    assert code == 0
    assert "Al Jazeera" in out


def test_the_same_article_twice_in_one_input_is_one_article_seen_twice(tmp_path: Path) -> None:
    row = '{"id": "r1", "text": "The same report about the dam, twice in one file."}\n'
    (tmp_path / "twice.jsonl").write_text(row + row)
    db = str(tmp_path / "twice.db")
    code, _, err = _run("ingest", str(tmp_path / "twice.jsonl"), "--db", db, "--quiet")
    assert code == 0, err
    assert "new 1, already known 1" in err
    assert len(_article(db, "r1")["sightings"]) == 2


def test_help_shows_flags_without_a_value_and_arguments_as_the_texts_name_them() -> None:
    # typer 0.29 printed every flag as if it took one ("--json <bool>"), and 0.27+ an argument as "{story_id}";
    # a value placeholder stays for options that take one.
    code, out, _ = _run("stories", "--help")
    assert code == 0
    flags = {line.split()[1]: line for line in out.splitlines() if line.strip("│ ").startswith("--")}
    assert "<bool>" not in out and "BOOLEAN" not in out
    assert "--json" in flags and "--limit" in flags
    assert "int" in flags["--limit"].lower()
    code, out, _ = _run("show", "--help")
    assert code == 0 and "show [OPTIONS] STORY" in out


def test_eval_names_a_missing_empty_or_broken_file_without_a_traceback(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "text": "x", "labels": {"event": 1}}\n{"id": "b", "text": \n', encoding="utf-8")
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', encoding="utf-8")
    late = tmp_path / "late.jsonl"  # a bad byte far down: the error names its own line, not where a chunk began
    late.write_bytes(b"".join(b'{"id": "a%d", "text": "t", "labels": {"event": 1}}\n' % i for i in range(500))
                     + b'{"id": "b", "text": "caf\xe9"}\n')
    fieldless = tmp_path / "fieldless.jsonl"
    fieldless.write_text('{"id": "p1"}\n', encoding="utf-8")
    for args, said in (
        (["clusters", str(late)], f"{late}:501: not UTF-8"),
        (["reuse", str(unlabelled), str(fieldless)], "a row lacks the field"),
        (["clusters", str(tmp_path / "missing.jsonl")], "does not exist"),
        (["clusters", str(broken)], f"{broken}:2: not valid JSON"),
        (["clusters", str(unlabelled)], "0 of 2 articles have a labels.event"),
        (["reuse", str(empty), str(empty)], f"{empty}: no rows"),
        (["timelines", str(broken), str(broken)], f"{broken}:2: not valid JSON"),
    ):
        result = runner.invoke(app, ["eval", *args])
        assert result.exit_code == 2, (args, result.output)
        assert said in " ".join(result.output.split()), (args, result.output)
        assert not result.exception or isinstance(result.exception, SystemExit)


def test_empty_answers_say_why_and_a_pair_must_be_two(seeds_db: str) -> None:
    code, out, _ = _run("brief", "004_9441474bc40515fc", "--db", seeds_db, "--words", "3")
    assert code == 0 and "no sentence of it fits in 3 words" in " ".join(out.split())
    code, out, _ = _run("brief", "004_9441474bc40515fc", "--db", seeds_db, "--words", "3", "--json")
    assert code == 0 and json.loads(out) == []
    code, _, err = _run("compare", "004_9441474bc40515fc", "004_9441474bc40515fc", "--db", seeds_db)
    assert code == 2 and "two different articles" in err
    code, _, _ = _run("stories", "--db", seeds_db, "--limit", "0")
    assert code == 2
