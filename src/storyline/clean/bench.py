"""Measure the cleaning stage on the dev datasets: ``python -m storyline.clean.bench [DATASETS_DIR]``.

Reads ``../shared/datasets`` (or ``$STORYLINE_DATASETS``, or the directory given) and prints:

* **boilerplate** on reuse.dev, cleaned in file order with one :class:`InMemorySiteLines`: for each
  ``duplicate`` pair (a copy of a real article re-published inside another site's template), the lines
  of the copy that its source does not contain are template lines and the others are content. Reported: share
  of template lines removed (recall), share of content lines removed (loss), and the most frequently
  removed lines over the whole file, to read.
* **headline** on ecbplus.dev: the articles whose given title is their first line, cleaned with the title
  withheld: how often the guess equals the title; and how many untitled articles get a guess.
* **date** on timeline17.dev, cleaned with the date withheld: how often a date is found, and how often it
  equals the given publication date (exactly, and within a day: the given date is the crawl's, in UTC).
* **credits** on reuse.dev ``syndicated`` copies, cleaned with the title withheld: how often the wire
  named at the end of the given title is found in ``attributed_to`` from the text alone.
* **speed**: articles per second over 100,000 cleanings of all dev articles in turn, with site memory.

Gold labels are read here only to score; cleaning never sees them. Exits quietly when data is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

from storyline.clean.boilerplate import InMemorySiteLines
from storyline.clean.core import clean_article
from storyline.clean.metadata import is_date_like
from storyline.clean.text import normalise_for_hash, split_lines
from storyline.model import RawArticle

_DEFAULT = Path(__file__).resolve().parents[3].parent / "shared" / "datasets"


def _rows(directory: Path, name: str) -> list[dict]:
    path = directory / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _raw(row: dict, **withheld: None) -> RawArticle:
    fields = {k: row.get(k) for k in ("title", "published", "source", "url", "language")}
    fields.update(withheld)
    return RawArticle(id=row["id"], text=row["text"], location=row["id"], **fields)


def _line_set(text: str) -> set[str]:
    return {normalise_for_hash(line.text) for line in split_lines(text) if line.text}


def boilerplate(directory: Path) -> None:
    rows = _rows(directory, "reuse.dev.articles.jsonl")
    pairs = _rows(directory, "reuse.dev.pairs.jsonl")
    if not rows:
        return
    memory = InMemorySiteLines()
    by_id = {row["id"]: row for row in rows}
    cleaned = {row["id"]: clean_article(_raw(row), memory) for row in rows}
    template_total = template_removed = content_total = content_removed = 0
    for pair in pairs:
        if pair["relation"] != "duplicate":
            continue
        # A line of the copy is content when its source has it (copies may split paragraphs anew, so
        # compare against the whole source text), template otherwise.
        source_text = normalise_for_hash(by_id[pair["source"]]["text"])
        removed = {normalise_for_hash(line) for line in cleaned[pair["target"]].removed_boilerplate}
        for line in _line_set(by_id[pair["target"]]["text"]):
            if line in source_text:
                content_total += 1
                content_removed += line in removed
            else:
                template_total += 1
                template_removed += line in removed
    print("boilerplate (reuse.dev duplicates):")
    print(
        f"  template lines removed {template_removed}/{template_total} = {template_removed / max(1, template_total):.3f}"
    )
    print(
        f"  content lines removed  {content_removed}/{content_total} = {content_removed / max(1, content_total):.4f}"
    )
    counts = Counter(line for art in cleaned.values() for line in art.removed_boilerplate)
    touched = sum(1 for art in cleaned.values() if art.removed_boilerplate)
    print(f"  articles with something removed: {touched}/{len(rows)}; distinct removed lines: {len(counts)}")
    for line, n in counts.most_common(40):
        print(f"    {n:4d}  {line[:110]}")


def headline(directory: Path) -> None:
    rows = _rows(directory, "ecbplus.dev.articles.jsonl")
    if not rows:
        return
    titled = [row for row in rows if row.get("title") and row["text"].startswith(row["title"])]
    # ECB+ gives a page's first line as its title, and some pages start with their date: there the
    # right answer is the headline below the date, so those are counted apart.
    right = wrong = missed = dated = dated_guessed = 0
    for row in titled:
        guess = clean_article(_raw(row, title=None)).title
        if is_date_like(row["title"]):
            dated += 1
            dated_guessed += guess is not None
        elif guess is None:
            missed += 1
        elif guess == row["title"].strip():
            right += 1
        else:
            wrong += 1
    untitled = [row for row in rows if not row.get("title")]
    guesses = [(row["id"], clean_article(_raw(row)).title) for row in untitled]
    found = [(i, g) for i, g in guesses if g]
    print("headline (ecbplus.dev, title withheld):")
    print(f"  titled articles {len(titled) - dated}: right {right}, wrong {wrong}, none {missed}")
    print(
        f"  articles whose given title is a date line {dated}: the line below taken as headline in {dated_guessed}"
    )
    print(f"  untitled articles {len(untitled)}: a headline guessed for {len(found)}")
    for article_id, guess in found[:12]:
        print(f"    {article_id}: {guess[:100]}")


def dates(directory: Path) -> None:
    rows = _rows(directory, "timeline17.dev.articles.jsonl")
    if not rows:
        return
    found = exact = near = 0
    for row in rows:
        guess = clean_article(_raw(row, published=None)).published
        if guess is None or not row.get("published"):
            continue
        found += 1
        given = dt.date.fromisoformat(row["published"][:10])
        delta = abs((dt.date.fromisoformat(guess) - given).days)
        exact += delta == 0
        near += delta <= 1
    print("date (timeline17.dev, date withheld):")
    print(f"  found {found}/{len(rows)}; equal to given {exact}, within a day {near} (of found)")


def credits(directory: Path) -> None:
    rows = _rows(directory, "reuse.dev.articles.jsonl")
    syndicated = [
        row for row in rows if "~syndicated-" in row["id"] and row.get("title") and " - " in row["title"]
    ]
    if not syndicated:
        return
    hit = 0
    extra: Counter[str] = Counter()
    for row in syndicated:
        wire = row["title"].rsplit(" - ", 1)[1].strip()
        names = clean_article(_raw(row, title=None)).attributed_to
        hit += wire in names
        extra.update(name for name in names if name != wire)
    print("credits (reuse.dev syndicated copies, title withheld):")
    print(
        f"  wire found in attributed_to: {hit}/{len(syndicated)}; other names credited: {extra.most_common(10)}"
    )


def speed(directory: Path, total: int = 100_000) -> None:
    rows = [row for name in sorted(directory.glob("*.articles.jsonl")) for row in _rows(directory, name.name)]
    if not rows:
        return
    memory = InMemorySiteLines()
    raws = [_raw(row) for row in rows]
    chars = 0
    start, cpu = time.perf_counter(), time.process_time()
    for n in range(total):
        raw = raws[n % len(raws)]
        chars += len(raw.text)
        clean_article(raw, memory)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"speed: {total} articles ({chars / total:.0f} chars each) in {seconds:.1f} s wall, {cpu:.1f} s CPU"
        f" = {total / cpu:.0f} articles per CPU second"
    )


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    positional = [arg for arg in args if not arg.startswith("--")]
    directory = Path(positional[0]) if positional else Path(os.environ.get("STORYLINE_DATASETS", _DEFAULT))
    if not directory.is_dir():
        print(f"no datasets at {directory}; nothing to measure")
        return
    boilerplate(directory)
    headline(directory)
    dates(directory)
    credits(directory)
    if "--no-speed" not in args:
        speed(directory)


if __name__ == "__main__":
    main()
