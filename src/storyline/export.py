"""Export the library's articles as JSONL, CSV or Parquet (one row per article, JSON contract fields)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from storyline.render import article_json
from storyline.store import Library

FORMATS = ("jsonl", "csv", "parquet")

# Flat columns for CSV and Parquet; list fields are joined with " | " in CSV and kept as lists in Parquet.
COLUMNS = (
    "id", "title", "published", "source", "url", "byline", "dateline", "attributed_to", "family", "story",
    "removed_boilerplate", "text",
)


def rows(library: Library) -> Iterator[dict]:
    for article in library.iter_articles():
        row = article_json(article)
        yield {key: row[key] for key in COLUMNS}


def write(library: Library, fmt: str, out: TextIO) -> None:
    """Write every article to a text stream (JSONL or CSV)."""
    if fmt == "jsonl":
        for row in rows(library):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows(library):
            writer.writerow({k: " | ".join(v) if isinstance(v, list) else v for k, v in row.items()})
    else:
        raise ValueError(f"{fmt} needs a file: use write_file")


def write_file(library: Library, fmt: str, folder: Path) -> Path:
    """Write ``folder/articles.FMT`` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"articles.{fmt}"
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        batch: list[dict] = []
        writer = None
        schema = pa.schema(
            [(c, pa.list_(pa.string()) if c in ("attributed_to", "removed_boilerplate") else pa.string())
             for c in COLUMNS]
        )
        try:
            for row in rows(library):
                batch.append(row)
                if len(batch) >= 5000:
                    writer = writer or pq.ParquetWriter(path, schema)
                    writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                    batch.clear()
            writer = writer or pq.ParquetWriter(path, schema)
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
        finally:
            if writer is not None:
                writer.close()
    else:
        with path.open("w", encoding="utf-8", newline="") as out:
            write(library, fmt, out)
    return path
