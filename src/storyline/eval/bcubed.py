"""B-cubed precision, recall and F1 of a clustering (Bagga & Baldwin 1998), and ARI beside it.

Per item: precision is the share of its predicted cluster that shares its gold label, recall the share of
its gold cluster inside its predicted cluster; both are averaged over items and F1 is taken of the averages
(the definition in ``../shared/datasets/README.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence


def bcubed_precision_recall_f1(
    predicted: Mapping[str, Hashable] | Sequence[Hashable], gold: Mapping[str, Hashable] | Sequence[Hashable]
) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of ``predicted`` cluster labels against ``gold`` labels.

    Both are mappings item -> label over the same items, or sequences aligned item by item.

    >>> bcubed_precision_recall_f1(["a", "a", "b"], [1, 1, 1])  # split one gold cluster: recall drops
    (1.0, 0.5555555555555555, 0.7142857142857143)
    """
    if isinstance(predicted, Mapping):
        keys = list(gold) if isinstance(gold, Mapping) else list(predicted)
        pred = [predicted[k] for k in keys]
        gold_seq = [gold[k] for k in keys] if isinstance(gold, Mapping) else list(gold)
    else:
        pred, gold_seq = list(predicted), list(gold.values()) if isinstance(gold, Mapping) else list(gold)
    if len(pred) != len(gold_seq):
        raise ValueError("predicted and gold must label the same items")
    if not pred:
        return 0.0, 0.0, 0.0
    pair = Counter(zip(pred, gold_seq, strict=True))
    size_pred = Counter(pred)
    size_gold = Counter(gold_seq)
    n = len(pred)
    # Every item of a (predicted, gold) cell has the same precision and recall: sum per cell.
    precision = sum(c * c / size_pred[p] for (p, _), c in pair.items()) / n
    recall = sum(c * c / size_gold[g] for (_, g), c in pair.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """scikit-learn's adjusted Rand index of two aligned labelings."""
    from sklearn.metrics import adjusted_rand_score

    def codes(labels: Sequence[Hashable]) -> list[int]:
        index: dict[Hashable, int] = {}
        return [index.setdefault(x, len(index)) for x in labels]

    return float(adjusted_rand_score(codes(gold), codes(predicted)))
