"""Metric helpers shared by the eval runners: plain functions over id -> cluster mappings.

A clustering is a mapping from item id (an article id) to cluster label (any string). An item missing from
a predicted mapping counts as a cluster of its own, so a system that leaves an article out is scored as
having grouped it with nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sklearn.metrics import adjusted_rand_score


def _label(clusters: Mapping[str, str], item: str) -> str:
    # A missing item is its own cluster; the prefix keeps it apart from any real label.
    return clusters.get(item, "\x00" + item)


def pair_precision_recall(
    predicted: Mapping[str, str], pairs: Iterable[tuple[str, str, bool]]
) -> tuple[float, float]:
    """Precision and recall of "same cluster" decisions over labelled pairs.

    ``pairs`` holds ``(id1, id2, positive)``: ``positive`` is the gold answer (the two belong together). A
    pair is predicted positive when both ids carry the same label in ``predicted``. Precision is the share
    of predicted-positive pairs that are gold positive, recall the share of gold-positive pairs predicted
    positive; either is 0.0 when its denominator is empty.

    >>> pair_precision_recall({"a": "1", "b": "1", "c": "2"}, [("a", "b", True), ("a", "c", True), ("b", "c", False)])
    (1.0, 0.5)
    """
    true_positive = predicted_positive = gold_positive = 0
    for first, second, positive in pairs:
        same = _label(predicted, first) == _label(predicted, second)
        predicted_positive += same
        gold_positive += positive
        true_positive += same and positive
    precision = true_positive / predicted_positive if predicted_positive else 0.0
    recall = true_positive / gold_positive if gold_positive else 0.0
    return precision, recall


def adjusted_rand(gold: Mapping[str, str], predicted: Mapping[str, str]) -> float:
    """scikit-learn's adjusted Rand index of ``predicted`` against ``gold``, over the items of ``gold``.

    >>> adjusted_rand({"a": "x", "b": "x", "c": "y"}, {"a": "1", "b": "1", "c": "2"})
    1.0
    """
    items = list(gold)
    return float(adjusted_rand_score([gold[i] for i in items], [_label(predicted, i) for i in items]))
