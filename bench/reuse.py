"""Benchmark: align every pair inside a story of 50 articles (goal: under one second).

The story is 50 articles on one topic of ../shared/datasets/reuse.dev.articles.jsonl, taken family by
family (an original with its duplicates, syndicated and edited copies and the articles quoting it), so
that many pairs really share text. Timed from a cold cache: tokenizing and indexing each article is
included. Also times relate() on the pairs the n-gram index proposes, and on the further pairs
retelling_pairs() proposes for rewrites. Skips when the data is absent.

    python bench/reuse.py [ARTICLES.jsonl]
"""

from __future__ import annotations

import itertools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from storyline.model import Article
from storyline.reuse import align, candidate_pairs, relate
from storyline.reuse.align import align_texts
from storyline.reuse.candidates import retelling_pairs
from storyline.reuse.text import profile

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "reuse.dev.articles.jsonl"
STORY_SIZE = 50


def story(path: Path, size: int = STORY_SIZE) -> list[Article]:
    """``size`` same-topic articles, whole near-duplicate families first."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    by_topic: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        topic = (row.get("labels") or {}).get("topic")
        if topic:
            by_topic[topic].append(row)
    topic_rows = max(by_topic.values(), key=len)
    families: dict[str, list[dict]] = defaultdict(list)
    for row in topic_rows:
        families[(row.get("labels") or {}).get("family") or row["id"]].append(row)
    chosen: list[dict] = []
    for members in sorted(families.values(), key=len, reverse=True):
        chosen.extend(members[: size - len(chosen)])
        if len(chosen) >= size:
            break
    return [Article(r["id"], r["text"], r["text"], published=r.get("published"), source=r.get("source"))
            for r in chosen]


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    articles = story(path)
    pairs = list(itertools.combinations(articles, 2))
    profile.cache_clear()
    start = time.perf_counter()
    found = [align(a, b) for a, b in pairs]
    took = time.perf_counter() - start
    sharing = sum(1 for p in found if p)
    print(f"align: {len(pairs)} pairs of {len(articles)} articles ({sharing} sharing passages) in {took:.3f} s "
          f"({'under' if took < 1 else 'OVER'} the 1 s goal)")

    start = time.perf_counter()
    proposed = candidate_pairs(articles)
    took_idx = time.perf_counter() - start
    by_id = {a.id: a for a in articles}
    start = time.perf_counter()
    related = [relate(by_id[x], by_id[y], context=articles) for x, y in proposed]
    took_rel = time.perf_counter() - start
    print(f"candidate_pairs: {len(proposed)} pairs proposed in {took_idx:.3f} s; relate() on them: "
          f"{took_rel:.3f} s ({sum(r is not None for r in related)} related)")

    start = time.perf_counter()
    retelling = [p for p in retelling_pairs(articles) if p not in set(proposed)]
    took_idx = time.perf_counter() - start
    start = time.perf_counter()
    related = [relate(by_id[x], by_id[y], context=articles) for x, y in retelling]
    took_rel = time.perf_counter() - start
    rewrites = sum(1 for r in related if r is not None and r.relation == "rewrite")
    print(f"retelling_pairs: {len(retelling)} more pairs in {took_idx:.3f} s; relate() on them: {took_rel:.3f} s "
          f"({rewrites} rewrites)")
    assert align_texts("", "") == []
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
