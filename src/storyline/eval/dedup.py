"""Near-duplicate family evaluation: storyline's FamilyIndex beside a text-dedup MinHash LSH baseline.

Data: an ``*.articles.jsonl`` whose rows carry ``labels.family`` (the reuse set: duplicate, syndicated and
edited copies share their source's family) and a ``*.pairs.jsonl`` of labelled pairs (see
``../shared/datasets/README.md``). Reported per system:

- ``family_ari``: adjusted Rand index of the predicted families against ``labels.family`` over all articles
  (an article without a gold family is a family of its own);
- ``pair_precision`` / ``pair_recall``: over the gold pairs, a pair is predicted "same family" when both
  ids are in one predicted family; gold positive = relation duplicate, syndicated or edited;
- ``articles_per_second``: articles / seconds of the dedup stage alone (the system called on the
  already-parsed articles), the best of ``TIMING_REPEATS`` calls, both systems in the same run.

The baseline replicates text-dedup's MinHash (``text_dedup/minhash.py`` with its config): lowercase, split
on ``\\W``, 5-word n-grams joined by a space (documents with fewer than 5 tokens are left alone), 256
permutations, bands and rows from text-dedup's ``optimal_param`` for Jaccard 0.7 with equal false
positive/negative weights, every LSH bucket joined by union-find, no false-positive check (its default).
Its signatures come from rensa, like storyline's, so the speed comparison is between methods rather than
hash libraries; ``hashing="text-dedup"`` computes them exactly as text-dedup does (32-bit SHA-1 of each
n-gram, ``(a*h + b) mod (2**61 - 1)`` permutations from ``RandomState(42)``) to check the replica.

Run: ``python -m storyline.eval.dedup ARTICLES PAIRS`` prints the result as JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import struct
import sys
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import rensa
from scipy.integrate import quad

from storyline.dedup import near_duplicate_families
from storyline.eval.data import article_from_row, read_jsonl
from storyline.eval.metrics import adjusted_rand, pair_precision_recall
from storyline.model import Article

POSITIVE_RELATIONS = frozenset({"duplicate", "syndicated", "edited"})
# Each system is timed this many times on the same articles and the fastest call counts: the machines
# are shared, and the fastest call is the one least disturbed by other work. Predictions come from the
# first call.
TIMING_REPEATS = 3

# text-dedup's MinHash configuration as the issue fixes it (threshold 0.7, 5-word n-grams, 256
# permutations), with text-dedup's own defaults for the rest.
BASELINE_THRESHOLD = 0.7
BASELINE_NUM_PERM = 256
BASELINE_NGRAM = 5
BASELINE_MIN_LENGTH = 5  # text-dedup drops documents with fewer tokens before hashing
BASELINE_SEED = 42
_MERSENNE_61 = np.uint64((1 << 61) - 1)
_MAX_HASH_32 = np.uint64((1 << 32) - 1)
_NON_ALPHA = re.compile(r"\W", re.UNICODE)

System = Callable[[list[Article]], dict[str, str]]


# -- data ------------------------------------------------------------------------------------------------


def _hash_text(text: str) -> str:
    try:  # the clean stage's normalisation, when it is installed
        from storyline.clean.text import normalise_for_hash
    except ImportError:  # pragma: no cover - depends on the checkout
        normalised = " ".join(text.lower().split())
    else:
        normalised = normalise_for_hash(text)
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def load_articles(path: str | Path) -> tuple[list[Article], dict[str, str]]:
    """Articles of a JSONL file (text as given, ``text_hash`` from the normalised text) and their gold
    families (``labels.family``, else the article's own id)."""
    articles: list[Article] = []
    gold: dict[str, str] = {}
    for row in read_jsonl(path):
        articles.append(article_from_row(row, text_hash=_hash_text(row.get("text") or "")))
        gold[row["id"]] = (row.get("labels") or {}).get("family") or row["id"]
    return articles, gold


def load_pairs(path: str | Path) -> list[tuple[str, str, bool]]:
    """``(source, target, positive)`` for each pair; positive when the relation makes them one family."""
    return [(row["source"], row["target"], row["relation"] in POSITIVE_RELATIONS) for row in read_jsonl(path)]


# -- the text-dedup baseline -----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def optimal_param(
    threshold: float, num_perm: int, false_positive_weight: float = 0.5, false_negative_weight: float = 0.5
) -> tuple[int, int]:
    """(bands, rows) minimising the weighted false positive and false negative areas of the LSH curve
    around ``threshold``: text-dedup's (and datasketch's) ``optimal_param``."""

    def false_positive_area(b: int, r: int) -> float:
        return quad(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)[0]

    def false_negative_area(b: int, r: int) -> float:
        return quad(lambda s: 1 - (1 - (1 - s ** float(r)) ** float(b)), threshold, 1.0)[0]

    best, best_error = (0, 0), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = (
                false_positive_area(b, r) * false_positive_weight
                + false_negative_area(b, r) * false_negative_weight
            )
            if error < best_error:
                best, best_error = (b, r), error
    return best


def _textdedup_ngrams(text: str) -> set[bytes]:
    tokens = _NON_ALPHA.split(text.lower())
    if len(tokens) < BASELINE_MIN_LENGTH:
        return set()
    # Unreachable while min_length >= n; kept as text-dedup has it.
    if len(tokens) < BASELINE_NGRAM:  # pragma: no cover
        return {" ".join(tokens).encode("utf-8")}
    n = BASELINE_NGRAM
    return {" ".join(tokens[i : i + n]).lower().encode("utf-8") for i in range(len(tokens) - n + 1)}


def _textdedup_signatures_exact(grams: Sequence[set[bytes]]) -> np.ndarray:
    """Signatures computed as text-dedup computes them (slow; for checking the replica)."""
    rng = np.random.RandomState(BASELINE_SEED)
    a = rng.randint(1, _MERSENNE_61, size=(BASELINE_NUM_PERM,), dtype=np.uint64)
    b = rng.randint(0, _MERSENNE_61, size=(BASELINE_NUM_PERM,), dtype=np.uint64)
    out = np.full((len(grams), BASELINE_NUM_PERM), _MAX_HASH_32, dtype=np.uint64)
    for i, tokens in enumerate(grams):
        if not tokens:
            continue
        hashes = np.array(
            [struct.unpack("<I", hashlib.sha1(t, usedforsecurity=False).digest()[:4])[0] for t in tokens],
            dtype=np.uint64,
        ).reshape(-1, 1)
        with np.errstate(over="ignore"):
            values = (hashes * a + b) % _MERSENNE_61 & _MAX_HASH_32
        out[i] = values.min(axis=0)
    return out


def textdedup_minhash_families(articles: Sequence[Article], hashing: str = "rensa") -> dict[str, str]:
    """Article id -> family id from a replica of text-dedup's MinHash LSH (see the module docstring).

    ``hashing="rensa"`` computes the 256-permutation signatures with rensa; ``"text-dedup"`` exactly as
    text-dedup does.
    """
    bands, rows = optimal_param(BASELINE_THRESHOLD, BASELINE_NUM_PERM)
    grams = [_textdedup_ngrams(a.text) for a in articles]
    kept = [i for i, g in enumerate(grams) if g]  # text-dedup filters short documents out first
    if hashing == "rensa":
        matrix = rensa.RMinHash.digest_matrix_from_token_byte_sets(
            [grams[i] for i in kept], BASELINE_NUM_PERM, BASELINE_SEED
        )
        signatures = np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(kept), BASELINE_NUM_PERM)
    elif hashing == "text-dedup":
        signatures = _textdedup_signatures_exact([grams[i] for i in kept])
    else:
        raise ValueError(f"unknown hashing {hashing!r}")

    parent = list(range(len(articles)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for band in range(bands):
        table: dict[bytes, list[int]] = {}
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        for i, value in zip(kept, block, strict=True):
            table.setdefault(value.tobytes(), []).append(i)
        for members in table.values():
            if len(members) > 1:  # as text-dedup: union every member of the bucket with its smallest
                smallest = min(members)
                for member in members:
                    x, y = find(member), find(smallest)
                    if x != y:
                        parent[max(x, y)] = min(x, y)
    return {a.id: articles[find(i)].id for i, a in enumerate(articles)}


def storyline_families(articles: list[Article]) -> dict[str, str]:
    """storyline's dedup stage: every article through one FamilyIndex, in file order."""
    return near_duplicate_families(articles)


# -- the runner ------------------------------------------------------------------------------------------


def _score(
    system: System, articles: list[Article], gold: dict[str, str], pairs: list[tuple[str, str, bool]]
) -> dict[str, float]:
    predicted: dict[str, str] = {}
    best = float("inf")
    for attempt in range(TIMING_REPEATS):
        batch = list(articles)  # a fresh list each call, so no system can keep state in it
        started = time.perf_counter()
        families = system(batch)
        elapsed = time.perf_counter() - started
        best = min(best, elapsed)
        if attempt == 0:
            predicted = families
    precision, recall = pair_precision_recall(predicted, pairs)
    return {
        "family_ari": adjusted_rand(gold, predicted),
        "pair_precision": precision,
        "pair_recall": recall,
        "articles_per_second": len(articles) / best if best > 0 else float("inf"),
    }


def evaluate_dedup(articles_path: str, pairs_path: str, system: System | None = None) -> dict:
    """Score storyline's families (``system``, default the FamilyIndex) and the text-dedup baseline on
    one dataset, in the same run. ``system`` takes the parsed articles in file order and returns
    article id -> family id; it is called ``TIMING_REPEATS`` times, so it must not keep state between
    calls."""
    articles, gold = load_articles(articles_path)
    pairs = load_pairs(pairs_path)
    optimal_param(BASELINE_THRESHOLD, BASELINE_NUM_PERM)  # text-dedup derives it at configuration time
    return {
        "task": "dedup",
        "dataset": articles_path,
        "systems": {
            "storyline": _score(system or storyline_families, articles, gold, pairs),
            "minhash_baseline": _score(textdedup_minhash_families, articles, gold, pairs),
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m storyline.eval.dedup", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("articles", help="*.articles.jsonl with labels.family")
    parser.add_argument("pairs", help="*.pairs.jsonl with relations")
    args = parser.parse_args(argv)
    json.dump(evaluate_dedup(args.articles, args.pairs), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
