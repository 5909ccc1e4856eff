"""Evaluation of provenance on gold reuse pairs: relation, direction and reused spans.

``python -m storyline.eval.reuse ARTICLES.jsonl PAIRS.jsonl [--confusion]`` prints, as JSON, for storyline
and for a baseline in the same run (``--confusion`` adds each system's relation confusion table):

- ``relation_macro_f1``: macro-F1 over the relations present in the gold pairs (``unrelated`` included:
  a system says it by finding no relation);
- ``direction_accuracy``: over gold pairs with a source -> target derivation (duplicate, syndicated,
  edited, partial), each shown to the system in a random (seeded) order, the share where the predicted
  source is the gold source;
- ``span_precision`` / ``span_recall`` / ``span_f1``: characters of the target predicted as reused vs
  gold reused characters, pooled over all pairs.

The baseline is what a careful script would do: sentences of the target found, after normalisation,
among the source's sentences are the reused spans; the relation comes from thresholds on the MinHash
Jaccard of word 5-shingles (and of words, to tell independent from unrelated); the direction from the
publication dates, else the order given.

storyline sees each pair as the pipeline would inside a story: besides the two articles, the articles
sharing most text with either (``CONTEXT_NEIGHBOURS``, found by an n-gram index over the articles file,
texts only) are passed as ``context``, which the direction uses only when nothing else tells it (an
article assembled from two others is the copy). Without that context, dev direction accuracy is 0.949.

Gold labels are read here only. Articles are built with ``text`` = the JSONL ``text`` unchanged, so that
gold offsets and predicted offsets refer to the same string.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.eval.data import article_from_row, read_jsonl
from storyline.model import Article, Relation
from storyline.reuse import relate
from storyline.reuse import settings as reuse_settings
from storyline.reuse.candidates import NgramIndex

DERIVED = ("duplicate", "syndicated", "edited", "partial")
ORDER_SEED = 13  # the random order each pair is shown in (fixed: runs are comparable)

# Baseline thresholds on MinHash Jaccard (128 permutations). Word 5-shingles: a re-publication keeps
# nearly all of them (duplicate), a syndicated copy most, an edited copy (each typo breaks 5 shingles)
# fewer, a quoted excerpt a few; below that, the Jaccard of the word sets tells reports of one event from
# unrelated ones. To give the baseline its best shot, the values are the best of a grid search on the dev
# pairs (macro-F1 0.670 over duplicate 0.7-0.9, syndicated 0.4-0.7, edited 0.2-0.5, partial 0.02-0.1,
# same event 0.05-0.15); syndicated and edited copies overlap in Jaccard, so no threshold separates them.
BASELINE_PERMUTATIONS = 128
BASELINE_SHINGLE = 5
BASELINE_DUPLICATE = 0.9
BASELINE_SYNDICATED = 0.7
BASELINE_EDITED = 0.3
BASELINE_PARTIAL = 0.02
BASELINE_SAME_EVENT_WORDS = 0.1


@dataclass(slots=True)
class _Prediction:
    relation: str  # one of the relations, or "unrelated"
    source: str | None  # predicted source id (None: no direction)
    target_spans: list[tuple[int, int]]  # reused character spans in the *gold* target


def load_articles(path: str | Path) -> dict[str, Article]:
    """The articles of a JSONL file, ``text`` kept exactly as given."""
    return {row["id"]: article_from_row(row) for row in read_jsonl(path)}


def evaluate_reuse(articles_path: str, pairs_path: str, confusion: bool = False) -> dict[str, Any]:
    """Score storyline and the baseline on a reuse dataset; see the module docstring.

    ``confusion=True`` adds ``"confusion": {system: {gold relation: {predicted relation: pairs}}}`` beside
    ``systems`` (where the relation errors are: e.g. independent reports taken for rewrites).
    """
    articles = load_articles(articles_path)
    pairs = list(read_jsonl(pairs_path))
    index = NgramIndex()
    index.add(articles.values())
    rng = random.Random(ORDER_SEED)
    shown = [rng.random() < 0.5 for _ in pairs]  # True: shown target first

    def storyline_system(a: Article, b: Article) -> Relation | None:
        near = {i for x in (a, b) for i in index.neighbours(x.id, reuse_settings.CONTEXT_NEIGHBOURS)}
        return relate(a, b, context=[articles[i] for i in sorted(near - {a.id, b.id})])

    systems: dict[str, Callable[[Article, Article], Relation | None]] = {
        "storyline": storyline_system,
        "sentence_baseline": baseline_relate,
    }
    result: dict[str, Any] = {"task": "reuse", "dataset": Path(articles_path).name.removesuffix(".articles.jsonl"),
                              "systems": {}}
    for name, system in systems.items():
        predictions = []
        for pair, flip in zip(pairs, shown, strict=True):
            src, tgt = articles[pair["source"]], articles[pair["target"]]
            a, b = (tgt, src) if flip else (src, tgt)
            predictions.append(_prediction(system(a, b), pair))
        result["systems"][name] = score_predictions(pairs, predictions, articles)
        if confusion:
            table: dict[str, dict[str, int]] = {}
            for pair, pred in zip(pairs, predictions, strict=True):
                row = table.setdefault(pair["relation"], {})
                row[pred.relation] = row.get(pred.relation, 0) + 1
            result.setdefault("confusion", {})[name] = table
    return result


def _prediction(rel: Relation | None, pair: dict[str, Any]) -> _Prediction:
    if rel is None:
        return _Prediction("unrelated", None, [])
    if rel.target == pair["target"]:
        spans = [(p.target_start, p.target_end) for p in rel.passages]
    else:  # the system reads the pair the other way round: the gold target is its source side
        spans = [(p.source_start, p.source_end) for p in rel.passages]
    return _Prediction(rel.relation, rel.source, spans)


def score_predictions(pairs: list[dict[str, Any]], predictions: list[_Prediction],
                      articles: dict[str, Article]) -> dict[str, float]:
    """The five figures for one system."""
    from sklearn.metrics import f1_score

    gold = [p["relation"] for p in pairs]
    labels = sorted(set(gold))
    macro = f1_score(gold, [p.relation for p in predictions], labels=labels, average="macro", zero_division=0)

    derived = [(pair, pred) for pair, pred in zip(pairs, predictions, strict=True) if pair["relation"] in DERIVED]
    correct = sum(1 for pair, pred in derived if pred.source == pair["source"])

    tp = fp = fn = 0
    for pair, pred in zip(pairs, predictions, strict=True):
        n = len(articles[pair["target"]].text)
        g = _mask(n, [(s[2], s[3]) for s in pair.get("spans", [])])
        p = _mask(n, pred.target_spans)
        both = sum(x & y for x, y in zip(g, p, strict=True))
        tp += both
        fp += sum(p) - both
        fn += sum(g) - both
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "relation_macro_f1": round(float(macro), 4),
        "direction_accuracy": round(correct / len(derived), 4) if derived else 0.0,
        "span_precision": round(precision, 4),
        "span_recall": round(recall, 4),
        "span_f1": round(f1, 4),
    }


# --- the baseline -------------------------------------------------------------------------------------------

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+['\"”’)]*|$)", re.MULTILINE)
_NON_WORD = re.compile(r"[\W_]+")


def baseline_relate(a: Article, b: Article) -> Relation | None:
    """The baseline: sentence matching for spans, MinHash Jaccard thresholds for the relation, dates (else
    the given order) for the direction."""
    from storyline.model import Passage

    source, target = a, b
    if a.published and b.published and b.published < a.published:
        source, target = b, a
    jac = _minhash_jaccard(_shingles(source.text), _shingles(target.text))
    if jac >= BASELINE_DUPLICATE:
        relation = "duplicate"
    elif jac >= BASELINE_SYNDICATED:
        relation = "syndicated"
    elif jac >= BASELINE_EDITED:
        relation = "edited"
    elif jac >= BASELINE_PARTIAL:
        relation = "partial"
    elif _minhash_jaccard(set(_words(source.text)), set(_words(target.text))) >= BASELINE_SAME_EVENT_WORDS:
        relation = "independent"
    else:
        return None
    seen = {_norm_sentence(source.text[m.start():m.end()]) for m in _SENTENCE.finditer(source.text)}
    passages = []
    for m in _SENTENCE.finditer(target.text):
        key = _norm_sentence(m.group())
        if key and key in seen:
            passages.append(Passage(0, 0, m.start(), m.end()))  # the source side is not needed here
    return Relation(source.id, target.id, relation, jac, passages)


def _words(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(text.casefold()) if w]


def _shingles(text: str) -> set[str]:
    words = _words(text)
    n = BASELINE_SHINGLE
    return {" ".join(words[k : k + n]) for k in range(max(1, len(words) - n + 1))}


def _minhash_jaccard(x: set[str], y: set[str]) -> float:
    from rensa import RMinHash

    if not x or not y:
        return 0.0
    mx, my = RMinHash(BASELINE_PERMUTATIONS, 42), RMinHash(BASELINE_PERMUTATIONS, 42)
    mx.update(list(x))
    my.update(list(y))
    return float(mx.jaccard(my))


def _norm_sentence(s: str) -> str:
    return " ".join(_words(s))


# --- helpers ------------------------------------------------------------------------------------------------




def _mask(n: int, spans: list[tuple[int, int]]) -> bytearray:
    m = bytearray(n)
    for a, b in spans:
        a, b = max(0, a), min(n, b)
        if b > a:
            m[a:b] = b"\x01" * (b - a)
    return m


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    confusion = "--confusion" in args
    args = [a for a in args if a != "--confusion"]
    if len(args) != 2:
        print("usage: python -m storyline.eval.reuse ARTICLES.jsonl PAIRS.jsonl [--confusion]", file=sys.stderr)
        return 2
    print(json.dumps(evaluate_reuse(args[0], args[1], confusion=confusion), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
