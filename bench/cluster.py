"""Speed and memory of online clustering on a library of 100,000+ articles.

Builds the corpus from ``../shared/datasets``: every real article, plus new articles made by recombining
paragraphs of real articles of the same topic under new dates (so most are not near-duplicates and cannot
ride on families). Ingests it in batches, then adds single articles to the full library, and prints:
articles/second (features, embeddings and clustering included), peak memory, time to add one article, and
the size and save/load time of the clusterer's state.

    .venv/bin/python bench/cluster.py [--articles 100000] [--batch 1000] [--inline]

``--inline`` prepares every batch in the clustering process (no second process), for comparison.

Skips cleanly when the shared datasets are absent. Takes a few minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import sys
import time
from pathlib import Path

from storyline.cluster import StoryClusterer
from storyline.cluster.prepare import prepared_ahead, prepared_batches
from storyline.model import Article

DATASETS = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
FILES = ("ecbplus.dev", "duc2004.dev", "timeline17.dev", "reuse.dev", "semeval8.dev")


def real_articles() -> list[tuple[Article, str]]:
    """Every article of the shared dev files, with a topic key to recombine within."""
    out = []
    for name in FILES:
        path = DATASETS / f"{name}.articles.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                labels = row.get("labels") or {}
                topic = labels.get("topic") or labels.get("event") or labels.get("family") or row["id"]
                text = row.get("text") or ""
                out.append(
                    (
                        Article(
                            id=row["id"],
                            text=text,
                            raw_text=text,
                            title=row.get("title"),
                            published=row.get("published"),
                            source=row.get("source"),
                        ),
                        f"{name}:{topic}",
                    )
                )
    return out


def synthetic(real: list[tuple[Article, str]], total: int, seed: int = 7) -> list[Article]:
    """Real articles plus recombinations of 3-6 paragraphs of same-topic articles, under new dates."""
    rng = random.Random(seed)
    by_topic: dict[str, list[list[str]]] = {}
    for a, topic in real:
        paragraphs = [p for p in a.text.split("\n") if len(p.split()) >= 5][:30]
        if paragraphs:
            by_topic.setdefault(topic, []).append(paragraphs)
    topics = [t for t, arts in by_topic.items() if sum(len(p) for p in arts) >= 3]
    out = [a for a, _ in real]
    start = dt.date(2000, 1, 1)
    n = 0
    while len(out) < total:
        topic = rng.choice(topics)
        pool = by_topic[topic]
        k = rng.randint(3, 6)
        paragraphs = [rng.choice(rng.choice(pool)) for _ in range(k)]
        day = start + dt.timedelta(days=rng.randrange(0, 9000))
        published = day.isoformat() if rng.random() < 0.8 else None
        text = "\n".join(paragraphs)
        out.append(Article(id=f"syn-{n}", text=text, raw_text=text, published=published))
        n += 1
    rng.shuffle(out)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=20)
    parser.add_argument("--inline", action="store_true", help="prepare every batch in this process")
    args = parser.parse_args()
    real = real_articles()
    if not real:
        print(f"no datasets under {DATASETS}; skipped")
        return 0
    corpus = synthetic(real, args.articles + args.singles)
    library, singles = corpus[: args.articles], corpus[args.articles :]
    print(f"corpus: {len(library):,} articles ({len(real):,} real), then {len(singles)} single additions", flush=True)

    clusterer = StoryClusterer()
    started = time.perf_counter()
    cpu_started = time.process_time()
    # As the pipeline does: the next batch's features are read in a second process meanwhile (unless
    # --inline), see storyline.cluster.prepare.
    batches = (library[k : k + args.batch] for k in range(0, len(library), args.batch))
    done = 0
    for batch, prepared in prepared_batches(batches, ahead=False if args.inline else None):
        clusterer.add_batch(batch, prepared=prepared)
        done += len(batch)
        if done % (10 * args.batch) == 0:
            elapsed = time.perf_counter() - started
            print(f"  {done:,} articles, {done / elapsed:,.0f} articles/s", flush=True)
    # As the pipeline does at the end of an ingest run: the changed storylines' events are settled.
    t = time.perf_counter()
    clusterer.settle()
    settle_s = time.perf_counter() - t
    elapsed = time.perf_counter() - started
    main_cpu = time.process_time() - cpu_started
    # One article ingested on its own: placed (add_batch), then its storyline settled, as an ingest of one
    # article does. Timed apart: placing is what the next article waits for.
    times, settle_times = [], []
    for a in singles:
        t = time.perf_counter()
        clusterer.add_batch([a])
        times.append(time.perf_counter() - t)
        t = time.perf_counter()
        clusterer.settle()
        settle_times.append(time.perf_counter() - t)
    totals = sorted(x + y for x, y in zip(times, settle_times, strict=True))
    times.sort()
    # The pipeline saves the clusterer's state once per ingest run (JSON + npz, see storyline.store.codec).
    from storyline.store import codec

    t = time.perf_counter()
    saved = codec.dumps(clusterer.export_state())
    save_s = time.perf_counter() - t
    t = time.perf_counter()
    StoryClusterer.import_state(codec.loads(saved))
    load_s = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "articles": len(library),
        "seconds": round(elapsed, 1),
        "articles_per_second": round(len(library) / elapsed, 1),
        "prepared_ahead": not args.inline and prepared_ahead(),
        "main_process_cpu_seconds": round(main_cpu, 1),
        "events": len(clusterer.events()),
        "storylines": len(clusterer.storylines()),
        "one_article_ms_median": round(1000 * times[len(times) // 2], 1),
        "one_article_ms_max": round(1000 * times[-1], 1),
        "one_article_with_settle_ms_median": round(1000 * totals[len(totals) // 2], 1),
        "one_article_with_settle_ms_max": round(1000 * totals[-1], 1),
        "final_settle_seconds": round(settle_s, 1),
        "peak_memory_mb": round(peak_mb, 1),
        # the second process that prepared batches ahead (ended with the loop, so it is counted here)
        "preparing_process_peak_memory_mb": round(children.ru_maxrss / 1024, 1),
        # both processes share the machine's cores: the preparing one's CPU time competes with clustering's
        "preparing_process_cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
        "state_mb": round(len(saved) / 2**20, 1),
        "state_save_seconds": round(save_s, 1),
        "state_load_seconds": round(load_s, 1),
        # the clusterer's bookkeeping checked once at the end (every article in one event, counts agree)
        "problems": clusterer.problems()[:5],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
