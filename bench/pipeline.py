"""The whole pipeline over a large corpus: ingest (read, clean, families, store), stories, per-story analysis
(provenance, facts, brief, timeline), with the time and peak memory of each stage.

The corpus is bench/cluster.py's: every real article of ``../shared/datasets`` plus articles recombined
from paragraphs of real articles of the same topic under new dates, written to a JSONL file and ingested
through ``storyline.pipeline`` exactly as ``storyline ingest`` does.

    .venv/bin/python bench/pipeline.py [--articles 100000] [--keep DIR]

Skips cleanly when the shared datasets are absent. Prints one JSON object at the end.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster import real_articles, synthetic  # noqa: E402  (bench/cluster.py: the shared corpus builder)
from storyline import pipeline  # noqa: E402
from storyline.store import Library  # noqa: E402


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB of this process (or, with RUSAGE_CHILDREN, of its largest worker)."""
    return resource.getrusage(who).ru_maxrss / 1024


def write_corpus(path: Path, total: int) -> int:
    real = real_articles()
    articles = synthetic(real, total)
    with path.open("w", encoding="utf-8") as out:
        for a in articles:
            row = {"id": a.id, "title": a.title, "text": a.text, "published": a.published, "source": a.source}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(articles)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="keep the corpus and the library in this folder")
    args = parser.parse_args()
    if not real_articles():
        print(json.dumps({"bench": "pipeline", "skipped": "no shared datasets"}))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="storyline-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus, db = folder / "corpus.jsonl", folder / "bench.db"
    for stale in folder.glob("bench.db*"):
        stale.unlink()
    n = write_corpus(corpus, args.articles)
    figures: dict[str, object] = {"bench": "pipeline", "articles": n}
    library = Library(db)
    started = time.perf_counter()

    t = time.perf_counter()
    summary = pipeline.ingest(library, [str(corpus)])
    figures["ingest_seconds"] = round(time.perf_counter() - t, 1)
    figures["ingest_new"] = summary.new
    figures["families_with_copies"] = len(library.families(min_size=2))

    t = time.perf_counter()
    clustered = pipeline.cluster(library)
    figures["cluster_seconds"] = round(time.perf_counter() - t, 1)
    figures["events"] = clustered.events
    figures["storylines"] = clustered.storylines

    t = time.perf_counter()
    figures["stories_analysed"] = pipeline.analyse(library)
    figures["analysis_seconds"] = round(time.perf_counter() - t, 1)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds the analysis workers used: steadier than wall time when the machine is shared
    figures["analysis_worker_cpu_seconds"] = round(workers.ru_utime + workers.ru_stime, 1)

    total = time.perf_counter() - started
    figures["total_seconds"] = round(total, 1)
    figures["articles_per_second"] = round(n / total, 1)
    figures["analysis_workers"] = pipeline.ANALYSIS_WORKERS
    figures["peak_memory_mb"] = round(peak_mb())
    figures["peak_memory_per_worker_mb"] = round(peak_mb(resource.RUSAGE_CHILDREN))
    library.close()
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
