"""Evaluate briefs as multi-document summaries on DUC 2004 task 2, beside the published systems.

For each cluster, storyline writes a brief of the cluster's articles and every summary, storyline's and
each published peer's (``peers`` in the summaries file), is scored the same way in the same run:
Google's ``rouge-score`` with Porter stemming, ROUGE-1 and ROUGE-2 *recall*, every summary and reference
cut at the first 100 whitespace words, averaged over the references of a cluster and then over clusters.
Figures are percentages. Only the comparison inside one run counts: this scorer's absolute figures differ
a little from the ROUGE-1.5.5 numbers in the papers.

The brief weighs terms with importance models fitted on DUC dev itself (see
:mod:`storyline.brief.importance`), so on dev the shipped ``storyline`` figure is partly in-sample. The run
therefore also reports ``storyline (cross-validated)``: each cluster summarised with models refitted on the
clusters of the other folds only (clusters dealt round-robin into ``CV_FOLDS`` folds), which is the
figure to quote for dev.

Usage::

    python -m storyline.eval.summaries ARTICLES.jsonl SUMMARIES.jsonl          # scores, as JSON
    python -m storyline.eval.summaries --fit ARTICLES.jsonl SUMMARIES.jsonl    # refit the models
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from rouge_score import rouge_scorer

from storyline.brief import brief
from storyline.brief.concepts import stem, words
from storyline.brief.extractive import story_sentences
from storyline.brief.importance import ImportanceModel, bigram_features, fit_model, word_features
from storyline.brief.weights import min_document_frequency
from storyline.eval.data import article_from_row, read_jsonl
from storyline.model import Article

STORYLINE = "storyline"
STORYLINE_CV = "storyline (cross-validated)"
CV_FOLDS = 5
# L2 regularisation (scikit-learn's C) of the importance models: 0.1 and 1 scored alike on DUC dev
# (5-fold), 0.01 lost 0.2 ROUGE-1; the stronger of the two equal ones generalises more safely.
REGULARISATION = 0.1


def evaluate_summaries(
    articles_path: str,
    summaries_path: str,
    summarize: Callable[[Sequence[Article], int], str] | None = None,
    cross_validate: bool = True,
) -> dict:
    """Score storyline's briefs and every peer summary in ``summaries_path`` against its references.

    ``summaries_path`` rows are ``{"cluster", "articles": [ids], "word_limit", "references": [texts],
    "peers": {name: text}}``; ``articles_path`` rows are articles in the JSONL ingest shape. ``summarize``
    replaces storyline's brief (articles, word limit -> text), for experiments. With ``cross_validate``
    (and at least ``CV_FOLDS`` clusters) storyline is also scored with importance models fitted on the
    other folds. Returns ``{"task": "summaries", "dataset", "clusters", "systems": {name: {"rouge1_recall",
    "rouge2_recall"}}}`` with storyline first and the peers by falling ROUGE-2.
    """
    summarize = summarize or _storyline_summary
    articles = {a.id: a for a in load_articles(articles_path)}
    clusters = load_clusters(summaries_path)
    folded = _fold_models(articles, clusters) if cross_validate and len(clusters) >= CV_FOLDS else None
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    totals: dict[str, list[float]] = {}
    for index, cluster in enumerate(clusters):
        limit = int(cluster.get("word_limit") or 100)
        references = [cut(r, limit) for r in cluster["references"]]
        members = [articles[i] for i in cluster["articles"] if i in articles]
        candidates = {STORYLINE: summarize(members, limit)}
        if folded is not None:
            bigram_model, word_model = folded[index % CV_FOLDS]
            candidates[STORYLINE_CV] = _storyline_summary(members, limit, bigram_model, word_model)
        candidates.update(cluster.get("peers", {}))
        for name, text in candidates.items():
            r1, r2 = rouge_recall(scorer, cut(text, limit), references)
            sums = totals.setdefault(name, [0.0, 0.0, 0])
            sums[0] += r1
            sums[1] += r2
            sums[2] += 1
    systems = {
        name: {"rouge1_recall": round(100 * r1 / n, 2), "rouge2_recall": round(100 * r2 / n, 2)}
        for name, (r1, r2, n) in totals.items()
    }
    ours = (STORYLINE, STORYLINE_CV)
    ordered = dict(sorted(systems.items(), key=lambda kv: (kv[0] not in ours, -kv[1]["rouge2_recall"])))
    return {"task": "summaries", "dataset": Path(summaries_path).name, "clusters": len(clusters),
            "systems": ordered}


def cut(text: str, limit: int) -> str:
    """The first ``limit`` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:limit])


def rouge_recall(scorer: rouge_scorer.RougeScorer, summary: str, references: Sequence[str]) -> tuple[float, float]:
    """ROUGE-1 and ROUGE-2 recall of ``summary``, averaged over ``references`` (fractions, not percent)."""
    scores = [scorer.score(reference, summary) for reference in references]
    return (
        sum(s["rouge1"].recall for s in scores) / len(scores),
        sum(s["rouge2"].recall for s in scores) / len(scores),
    )


def load_articles(path: str) -> list[Article]:
    """Articles from a JSONL file in the ingest shape (``id``, ``text``, ``published``, ``source``, ...).

    The benchmark texts are already clean, so they are used as they are; gold ``labels`` are not read.
    """
    return [article_from_row(row) for row in read_jsonl(path)]


def load_clusters(path: str) -> list[dict]:
    """The rows of a summaries file (one cluster each), in file order."""
    return list(read_jsonl(path))


def fit_models(
    articles: dict[str, Article], clusters: Sequence[dict]
) -> tuple[ImportanceModel, ImportanceModel]:
    """Fit the bigram and word importance models on ``clusters``: every term of a cluster used by enough
    of its articles (the brief's own floor) is an example, labelled 1 when a reference summary (cut to
    the word limit, stemmed as ROUGE stems) contains it."""
    bigram_rows, bigram_labels, word_rows, word_labels = [], [], [], []
    for cluster in clusters:
        members = [articles[i] for i in cluster["articles"] if i in articles]
        if not members:
            continue
        limit = int(cluster.get("word_limit") or 100)
        reference_stems = [[stem(w) for w in words(cut(r, limit))] for r in cluster["references"]]
        in_bigrams = {pair for ref in reference_stems for pair in zip(ref, ref[1:], strict=False)}
        in_words = {w for ref in reference_stems for w in ref}
        story = story_sentences(members)
        min_df = min_document_frequency(sum(1 for s in story if s))
        n_articles = max(1, sum(1 for s in story if s))
        keys, features = bigram_features(story)
        for key, row in zip(keys, features, strict=True):
            if round(row[0] * n_articles) >= min_df:
                bigram_rows.append(row)
                bigram_labels.append(int(key in in_bigrams))
        keys, features = word_features(story)
        for key, row in zip(keys, features, strict=True):
            if round(row[0] * n_articles) >= min_df:
                word_rows.append(row)
                word_labels.append(int(key in in_words))
    return (
        fit_model(np.asarray(bigram_rows), np.asarray(bigram_labels), REGULARISATION),
        fit_model(np.asarray(word_rows), np.asarray(word_labels), REGULARISATION),
    )


def _fold_models(
    articles: dict[str, Article], clusters: Sequence[dict]
) -> list[tuple[ImportanceModel, ImportanceModel]]:
    """For each fold, models fitted on the clusters of all other folds (cluster *i* is in fold i % k)."""
    return [
        fit_models(articles, [c for i, c in enumerate(clusters) if i % CV_FOLDS != fold])
        for fold in range(CV_FOLDS)
    ]


def _storyline_summary(
    articles: Sequence[Article],
    limit: int,
    bigram_model: ImportanceModel | None = None,
    word_model: ImportanceModel | None = None,
) -> str:
    chosen = brief(articles, words=limit, bigram_model=bigram_model, word_model=word_model)
    return "\n".join(sentence.text for sentence in chosen)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    fit = "--fit" in args
    args = [a for a in args if a != "--fit"]
    if len(args) != 2:
        print("usage: python -m storyline.eval.summaries [--fit] ARTICLES.jsonl SUMMARIES.jsonl", file=sys.stderr)
        return 2
    missing = [path for path in args if not Path(path).is_file()]
    if missing:
        # Benchmarks skip cleanly where the data set is not present (it is not part of the repository).
        print(json.dumps({"task": "summaries", "skipped": f"not found: {', '.join(missing)}"}))
        return 0
    if fit:
        # Prints the models in the form settings.py stores them.
        articles = {a.id: a for a in load_articles(args[0])}
        bigram_model, word_model = fit_models(articles, load_clusters(args[1]))
        print(f"BIGRAM_MODEL = {bigram_model.as_settings()}")
        print(f"WORD_MODEL = {word_model.as_settings()}")
        return 0
    print(json.dumps(evaluate_summaries(args[0], args[1]), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
