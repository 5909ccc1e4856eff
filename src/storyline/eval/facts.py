"""Evaluate fact reconciliation on copies that changed a number (the ``reuse`` dataset).

Every derived pair of the pairs file (``duplicate``, ``syndicated``, ``edited``, ``partial``: the target
was made from the source) is treated as a story of two articles: both are extracted and reconciled, and
the conflicts reported *between* the two (a ``conflict`` fact with mentions in both) are collected.

- **Recall**: the share of gold changed numbers (``changed_numbers`` of the ``edited`` pairs) that come
  out as a conflict whose mentions include a target mention overlapping the gold ``target_span`` and a
  source mention overlapping the gold ``source_span``.
- **Precision**: the share of reported conflicts between a source and its copy that are a gold changed
  number (in that sense). Every other conflict, on any derived pair, is a false alarm.

Articles are built with ``text`` exactly as in the JSONL (gold offsets refer to it) and ``published``
from the JSONL. Pair labels and gold spans are read only here, to score.

Systems, in the same run:

- ``storyline``: :func:`storyline.facts.extract` + :func:`storyline.facts.reconcile`, which aligns the
  two articles' sentences itself;
- ``storyline+reuse_passages``: the same, given the passages of ``storyline.reuse.align`` as a relation
  (only when that module imports and works);
- ``aligned_number_baseline``: align sentences (the same after masking numbers, or word-set Jaccard of
  at least ``settings.ALIGN_MIN_JACCARD``), and call every number that differs between two aligned
  sentences a conflict (numbers paired in order; with unequal counts, the numbers not found on the other
  side, paired in order).

Usage::

    python -m storyline.eval.facts ARTICLES.jsonl PAIRS.jsonl
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from storyline.eval.data import article_from_row, read_jsonl
from storyline.facts import extract, reconcile
from storyline.facts.align import _aligned, _masked, _Sentence
from storyline.facts.text import sentence_spans, tokens
from storyline.model import Article, Fact, Relation

DERIVED = ("duplicate", "syndicated", "edited", "partial")
Span = tuple[int, int]
# A reported conflict, reduced to what scoring needs: its source-side and target-side spans.
Conflict = tuple[list[Span], list[Span]]


def evaluate_facts(articles_path: str, pairs_path: str, with_reuse_passages: bool = True) -> dict:
    """Conflict recall and precision of storyline and the aligned-number baseline on ``pairs_path``.

    Returns ``{"task": "facts", "dataset", "pairs", "gold_changed_numbers", "systems": {name:
    {"conflict_recall", "conflict_precision", "conflicts_reported", "seconds"}}}``.
    """
    articles = load_articles(articles_path)
    pairs = [p for p in load_pairs(pairs_path) if p["relation"] in DERIVED
             and p["source"] in articles and p["target"] in articles]
    gold = [(i, tuple(c["source_span"]), tuple(c["target_span"]))
            for i, p in enumerate(pairs) for c in p.get("changed_numbers") or []]
    systems: dict[str, Callable[[Article, Article], list[Conflict]]] = {
        "storyline": _storyline,
        "aligned_number_baseline": _baseline,
    }
    align = _reuse_align() if with_reuse_passages else None
    if align is not None:
        systems = {"storyline": _storyline, "storyline+reuse_passages": _with_passages(align),
                   "aligned_number_baseline": _baseline}
    results: dict[str, dict] = {}
    for name, system in systems.items():
        started = time.perf_counter()
        reported = [system(articles[p["source"]], articles[p["target"]]) for p in pairs]
        seconds = time.perf_counter() - started
        results[name] = _score(reported, gold) | {"seconds": round(seconds, 1)}
    return {
        "task": "facts",
        "dataset": Path(articles_path).name.split(".articles")[0],
        "pairs": dict(Counter(p["relation"] for p in pairs)),
        "gold_changed_numbers": len(gold),
        "systems": results,
    }


def _score(reported: list[list[Conflict]], gold: list[tuple[int, Span, Span]]) -> dict:
    by_pair: dict[int, list[tuple[Span, Span]]] = {}
    for i, s, t in gold:
        by_pair.setdefault(i, []).append((s, t))

    def hits(conflict: Conflict, g: tuple[Span, Span]) -> bool:
        src, tgt = conflict
        return any(_overlaps(a, g[0]) for a in src) and any(_overlaps(b, g[1]) for b in tgt)

    found = sum(1 for i, s, t in gold if any(hits(c, (s, t)) for c in reported[i]))
    total = sum(len(r) for r in reported)
    correct = sum(1 for i, r in enumerate(reported) for c in r if any(hits(c, g) for g in by_pair.get(i, [])))
    return {
        "conflict_recall": round(found / len(gold), 4) if gold else None,
        "conflict_precision": round(correct / total, 4) if total else None,
        "conflicts_reported": total,
    }


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _conflicts_between(facts: list[Fact], source: str, target: str) -> list[Conflict]:
    out: list[Conflict] = []
    for f in facts:
        if f.status != "conflict":
            continue
        src = [(m.start, m.end) for m in f.mentions if m.article == source]
        tgt = [(m.start, m.end) for m in f.mentions if m.article == target]
        if src and tgt:
            out.append((src, tgt))
    return out


def _storyline(source: Article, target: Article) -> list[Conflict]:
    pair = [source, target]
    facts = reconcile(pair, extract(pair, use_ner=False))
    return _conflicts_between(facts, source.id, target.id)


def _with_passages(align: Callable[[Article, Article], list]) -> Callable[[Article, Article], list[Conflict]]:
    def system(source: Article, target: Article) -> list[Conflict]:
        pair = [source, target]
        # the relation's label is not the gold one: only its passages are used
        relation = Relation(source.id, target.id, "rewrite", 1.0, passages=align(source, target))
        facts = reconcile(pair, extract(pair, use_ner=False), [relation])
        return _conflicts_between(facts, source.id, target.id)

    return system


def _reuse_align() -> Callable[[Article, Article], list] | None:
    """``storyline.reuse.align`` when it exists and runs on a trivial pair, else None."""
    try:
        from storyline.reuse.align import align
    except Exception:
        return None
    try:
        probe = Article("a", "Officials said the dam failed after three days of heavy rain.", "")
        align(probe, Article("b", probe.text, ""))
    except Exception:
        return None
    return align


def _baseline(source: Article, target: Article) -> list[Conflict]:
    units = []
    for article in (source, target):
        for s0, s1 in sentence_spans(article.text):
            toks = tokens(article.text, s0, s1)
            if any(t.is_number for t in toks):
                units.append(_Sentence(article.id, s0, s1, _masked(toks), toks))
    out: list[Conflict] = []
    for i, j in _aligned(units):  # the same sentence alignment as storyline's own
        a, b = (units[i], units[j]) if units[i].article == source.id else (units[j], units[i])
        na = [t for t in a.toks if t.is_number]
        nb = [t for t in b.toks if t.is_number]
        if len(na) != len(nb):
            texts_a, texts_b = Counter(t.text for t in na), Counter(t.text for t in nb)
            na = [t for t in na if texts_b[t.text] == 0]
            nb = [t for t in nb if texts_a[t.text] == 0]
        for x, y in zip(na, nb, strict=False):
            if x.text != y.text:
                out.append(([(x.start, x.end)], [(y.start, y.end)]))
    return out


def load_articles(path: str) -> dict[str, Article]:
    """Articles of a JSONL file by id, ``text`` unchanged, ``published`` as given (labels are not read)."""
    return {row["id"]: article_from_row(row) for row in read_jsonl(path)}


def load_pairs(path: str) -> list[dict]:
    return list(read_jsonl(path))


def extraction_speed(articles_path: str, batch: int = 10, use_ner: bool = True) -> float:
    """Articles per CPU second of :func:`storyline.facts.extract` over a file, in batches of ``batch``
    articles (a story's size), spaCy loaded beforehand."""
    articles = list(load_articles(articles_path).values())
    if use_ner:
        from storyline.facts.entities import load_nlp

        load_nlp()
    started = time.process_time()  # CPU time: the machine is shared, wall time would measure the others
    for k in range(0, len(articles), batch):
        extract(articles[k:k + batch], use_ner=use_ner)
    return len(articles) / (time.process_time() - started)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    speed = "--speed" in args
    args = [a for a in args if a != "--speed"]
    if len(args) != 2:
        print("usage: python -m storyline.eval.facts [--speed] ARTICLES.jsonl PAIRS.jsonl", file=sys.stderr)
        return 2
    if not Path(args[0]).exists() or not Path(args[1]).exists():
        print(f"dataset not found: {args[0]} / {args[1]}", file=sys.stderr)
        return 1
    result = evaluate_facts(args[0], args[1])
    if speed:
        result["extraction_articles_per_second"] = {
            "with_ner": round(extraction_speed(args[0], use_ner=True), 1),
            "without_ner": round(extraction_speed(args[0], use_ner=False), 1),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
