"""Latency and throughput of the web UI and API on a library of 100,000 articles.

    .venv/bin/python bench/web.py [--db /tmp/storyline-web-bench.db] [--articles 100000]
                                  [--requests 200] [--concurrency 4] [--seconds 20]

1. **The library** (built once, then reused from ``--db``): the articles of bench/cluster.py's corpus (every
   real article of ``../shared/datasets`` plus recombinations of their paragraphs, 100,000 in all), stored
   through the Library API rather than the pipeline, which would need hours to analyse ~30,000 stories on
   this machine. Stories are cut from it directly: some real topics (of 1 to 30 articles) analysed for real
   with ``storyline.analysis.analyse_story``, and ~30,000 synthetic events of 1-40 articles (geometric
   sizes, mean ~3.5) in storylines of 1-4 events, each given the stored analysis of a real story of its
   size or smaller with the article ids replaced by its own, so that every page reads and renders an
   analysis of realistic size and shape. Synthetic articles get outlets from a pool of 300 names.
2. **The server**: ``storyline.web.server.serve`` in its own process on loopback (one uvicorn worker).
3. **The load**: per endpoint, ``--requests`` requests (after a warm-up) from ``--concurrency`` client
   threads over keep-alive connections, stopped after ``--seconds``; prints p50 and p95 latency as the
   client saw it, and requests/second.

Skips cleanly when the shared datasets are absent. Building the library takes several minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
STATE_KEY = "bench.web"
TEMPLATE_SIZES = (1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 30)


def _cluster_bench():
    spec = importlib.util.spec_from_file_location("bench_cluster", BENCH / "cluster.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- building the library -----------------------------------------------------------------------------


def build_library(path: Path, n_articles: int, seed: int = 11) -> dict:
    """Build the benchmark library at ``path`` (see the module docstring); returns what was built."""
    from storyline.analysis import analyse_story
    from storyline.store import Library, search

    cluster = _cluster_bench()
    real = cluster.real_articles()
    if not real:
        return {}
    rng = random.Random(seed)
    started = time.perf_counter()

    # Real stories analysed for real: the first articles (by date) of topics big enough for each size.
    by_topic: dict[str, list] = defaultdict(list)
    for article, topic in real:
        if len(article.text) > 200:
            by_topic[topic].append(article)
    topics = sorted(by_topic, key=lambda t: (len(by_topic[t]), t))  # the smallest topic that fits each size
    templates: dict[int, tuple[list[str], dict]] = {}
    used: set[str] = set()
    for size in TEMPLATE_SIZES:
        topic = next(t for t in topics if len(by_topic[t]) >= size and not used & {a.id for a in by_topic[t]})
        members = sorted(by_topic[topic], key=lambda a: (a.published or "", a.id))[:size]
        t0 = time.perf_counter()
        analysis = analyse_story(members)
        templates[size] = ([a.id for a in members], analysis)
        used.update(a.id for a in by_topic[topic])
        print(f"  analysed a real story of {size} articles in {time.perf_counter() - t0:.1f} s", flush=True)

    # A few ids recur across the dataset files: generate a little more, keep each id once.
    generated = list({a.id: a for a in cluster.synthetic(real, n_articles + 2000)}.values())
    template_ids = {i for ids, _ in templates.values() for i in ids}
    pool = [a for a in generated if a.id not in template_ids][: n_articles - len(template_ids)]
    corpus = [a for a in generated if a.id in template_ids] + pool
    outlets = [f"Outlet {k:03d}" for k in range(300)]
    weights = [1 / (k + 1) for k in range(300)]  # a few big outlets, a long tail (Zipf)
    by_id = {a.id: a for a in corpus}

    # Events: the real ones, then chunks of the rest with geometric sizes (capped at 40).
    events: list[list[str]] = [ids for ids, _ in templates.values()]
    k = 0
    while k < len(pool):
        size = 1
        while rng.random() < 0.72 and size < 40:
            size += 1
        events.append([a.id for a in pool[k : k + size]])
        k += size
    storylines: list[list[int]] = []
    e = 0
    while e < len(events):
        n = rng.randint(1, 4)
        storylines.append(list(range(e, min(e + n, len(events)))))
        e += n

    library = Library(str(path))
    for start in range(0, len(corpus), 5000):  # one transaction per 5,000 articles keeps the WAL small
        with library.transaction():
            for n, article in enumerate(corpus[start : start + 5000], start):
                _store(library, article, n, rng, outlets, weights)
    print(f"  stored {len(corpus):,} articles ({time.perf_counter() - started:.0f} s)", flush=True)

    storyline_of = {}
    for members in storylines:
        for i in members:
            storyline_of[i] = "storyline:" + events[members[0]][0]
    with library.transaction():
        library.set_story_assignments(
            (aid, ids[0], storyline_of[i], None, None) for i, ids in enumerate(events) for aid in ids
        )
        story_ids = [ids[0] for ids in events] + sorted(set(storyline_of.values()))
        summaries = library.story_summaries(story_ids)
        for i, ids in enumerate(events):
            title = by_id[ids[0]].title or ids[0]
            library.upsert_story(ids[0], "event", storyline_of[i], title, {}, summaries[ids[0]])
        for members in storylines:
            sid = storyline_of[members[0]]
            library.upsert_story(sid, "storyline", None, by_id[events[members[0]][0]].title or sid,
                                 {"events": [events[i][0] for i in members]}, summaries[sid])
        sizes = sorted(templates)
        for ids in events:
            size = max(s for s in sizes if s <= len(ids))
            template_ids_, analysis = templates[size]
            if ids == template_ids_:
                library.set_analysis(ids[0], analysis)
            else:
                library.set_analysis(ids[0], _remap(analysis, dict(zip(template_ids_, ids, strict=False))))
    print(f"  stored {len(events):,} events in {len(storylines):,} storylines "
          f"({time.perf_counter() - started:.0f} s)", flush=True)
    t0 = time.perf_counter()
    search.index_new_articles(library)
    print(f"  search index built in {time.perf_counter() - t0:.0f} s", flush=True)
    built = {
        "articles": len(corpus), "events": len(events), "storylines": len(storylines),
        "real_stories": [ids[0] for ids, _ in templates.values()],
        "seconds": round(time.perf_counter() - started),
    }
    with library.transaction():
        library.save_state(STATE_KEY, json.dumps(built).encode())
    library.close()
    return built


def _store(library, article, n: int, rng: random.Random, outlets: list[str], weights: list[float]) -> None:
    from storyline.store import FamilyLink

    if not article.source:
        article.source = rng.choices(outlets, weights)[0]
    if not article.title:
        article.title = " ".join(article.text.split()[:10])
    article.content_hash = hashlib.sha1(f"{article.id}\0{article.text}".encode()).hexdigest()
    article.text_hash = hashlib.sha1(article.text.encode()).hexdigest()
    article.location = f"bench:{n}"
    library.add_article(article, FamilyLink(article.id, None, "new", 0.0, 0.0, b""))


def _remap(analysis: dict, ids: dict[str, str]) -> dict:
    """A template analysis with its article ids replaced (ids of the template's extra members are kept)."""

    def one(i):
        return ids.get(i, i)

    out = json.loads(json.dumps(analysis))
    origin = out.get("origin") or {}
    if origin.get("article"):
        origin["article"] = one(origin["article"])
    for r in out.get("relations", []):
        r["source"], r["target"] = one(r["source"]), one(r["target"])
    for f in out.get("facts", []):
        f["odd_ones_out"] = [one(i) for i in f.get("odd_ones_out", [])]
        for m in f.get("mentions", []):
            m["article"] = one(m["article"])
    for part in ("brief", "timeline"):
        for s in out.get(part, []):
            s["citations"] = [one(i) for i in s.get("citations", [])]
            if s.get("article"):
                s["article"] = one(s["article"])
    return out


# -- load ---------------------------------------------------------------------------------------------


def _targets(db: Path, rng: random.Random, n: int) -> dict[str, list[str]]:
    """Request paths per endpoint, sampled from the library."""
    from storyline.store import Library, search

    library = Library(str(db))
    built = json.loads(library.load_state(STATE_KEY) or b"{}")
    events = [r[0] for r in library._db.execute("SELECT id FROM stories WHERE level='event'")]
    big = [r[0] for r in library._db.execute("SELECT id FROM stories WHERE level='event' AND size >= 10")]
    articles = [r[0] for r in library._db.execute("SELECT id FROM articles WHERE seq % 97 = 0")]
    titles = [r[0] for r in library._db.execute("SELECT title FROM articles WHERE seq % 997 = 0 AND title IS NOT NULL")]
    words = sorted({w.lower() for t in titles for w in t.split() if w.isalpha() and len(w) > 4})
    sources = [s for s, _ in search.source_names(library, 300)]
    pairs = []
    for story_id in built.get("real_stories", []):
        story = library.get_story(story_id)
        for r in (story.get("analysis") or {}).get("relations", []):
            pairs.append((r["source"], r["target"]))
    library.close()

    def pick(items, k=n):
        return [rng.choice(items) for _ in range(k)] if items else []

    qp = lambda s: quote(s, safe="")  # noqa: E731
    return {
        "page /  (stories)": [f"/?page={rng.randint(1, 20)}" for _ in range(n)],
        "page /?q= (search)": [f"/?q={qp(w)}" for w in pick(words)],
        "page /?source=": [f"/?source={qp(s)}" for s in pick(sources)],
        "page /stories/{id}": [f"/stories/{qp(s)}" for s in pick(events)],
        "page /stories/{id} (>=10 articles)": [f"/stories/{qp(s)}" for s in pick(big)],
        "page /articles/{id}": [f"/articles/{qp(a)}" for a in pick(articles)],
        "page /compare": [f"/compare?a={qp(a)}&b={qp(b)}" for a, b in pick(pairs)],
        "api /api/stories": [f"/api/stories?offset={rng.randint(0, 2000)}" for _ in range(n)],
        "api /api/stories/{id}": [f"/api/stories/{qp(s)}" for s in pick(events)],
        "api /api/stories/{id}/facts": [f"/api/stories/{qp(s)}/facts" for s in pick(events)],
        "api /api/articles/{id}": [f"/api/articles/{qp(a)}" for a in pick(articles)],
        "api /api/compare": [f"/api/compare?a={qp(a)}&b={qp(b)}" for a, b in pick(pairs)],
    }


def _load(base: str, paths: list[str], concurrency: int, seconds: float) -> dict:
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    queue = list(reversed(paths))
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as client:
            for path in paths[:2]:  # warm-up: connection, templates, page cache
                client.get(path)
            while time.monotonic() < deadline:
                with lock:
                    if not queue:
                        return
                    path = queue.pop()
                t = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - t
                with lock:
                    latencies.append(elapsed)
                    errors += response.status_code != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    if not latencies:
        return {"requests": 0}
    return {
        "requests": len(latencies),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
        "max_ms": round(1000 * latencies[-1], 1),
        "requests_per_second": round(len(latencies) / wall, 1),
        "errors": errors,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default="/tmp/storyline-web-bench.db")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=20.0, help="at most, per endpoint")
    parser.add_argument("--only", default=None, help="only endpoints whose name contains this")
    args = parser.parse_args()

    from storyline.store import Library

    db = Path(args.db)
    built = {}
    if db.exists():
        with Library(str(db)) as library:
            built = json.loads(library.load_state(STATE_KEY) or b"{}")
    if built.get("articles") != args.articles:
        if db.exists():
            print(f"{db} is not a {args.articles:,}-article bench library: rebuilding it", flush=True)
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
        print(f"building {db} ...", flush=True)
        built = build_library(db, args.articles)
        if not built:
            print("no datasets under ../shared/datasets; skipped")
            return 0
    print(f"library: {built['articles']:,} articles, {built['events']:,} events, {built['storylines']:,} storylines",
          flush=True)

    port = _free_port()
    code = f"from storyline.web.server import serve; serve('127.0.0.1', {port}, None, {str(db)!r}, log_level='warning')"
    server = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        deadline = time.monotonic() + 120
        while True:
            try:
                httpx.get(base + "/api/sources?limit=1", timeout=2)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print("the server did not start")
                    return 1
                time.sleep(0.2)
        targets = _targets(db, random.Random(5), args.requests)
        results = {}
        print(f"{'endpoint':38} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8} {'errors':>6}")
        for name, paths in targets.items():
            if args.only and args.only not in name or not paths:
                continue
            r = _load(base, paths, args.concurrency, args.seconds)
            results[name] = r
            print(f"{name:38} {r['requests']:>5} {r.get('p50_ms', 0):>8} {r.get('p95_ms', 0):>8} "
                  f"{r.get('max_ms', 0):>8} {r.get('requests_per_second', 0):>8} {r.get('errors', 0):>6}", flush=True)
        print(json.dumps({"concurrency": args.concurrency, "library": built, "results": results}))
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
