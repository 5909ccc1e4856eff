"""Mean-of-max linkage agglomeration against a direct, quadratic-per-step implementation of its definition."""

from __future__ import annotations

import numpy as np

from storyline.cluster.linkage import cut, mean_of_max_clusters, mean_of_max_merges


def _direct(scores: np.ndarray, sizes: np.ndarray, threshold: float, fixed: np.ndarray | None = None) -> np.ndarray:
    k = len(sizes)
    clusters = {i: [i] for i in range(k)}
    is_fixed = {i: bool(fixed[i]) if fixed is not None else False for i in range(k)}

    def side(x: list[int], y: list[int]) -> float:
        return sum(sizes[i] * max(scores[i, j] for j in y) for i in x) / sum(sizes[i] for i in x)

    while True:
        best, pair = -np.inf, None
        for a in clusters:
            for b in clusters:
                if a >= b or (is_fixed[a] and is_fixed[b]):
                    continue
                value = 0.5 * (side(clusters[a], clusters[b]) + side(clusters[b], clusters[a]))
                if value > best:
                    best, pair = value, (a, b)
        if pair is None or best < threshold:
            break
        a, b = pair
        clusters[a] += clusters.pop(b)
        is_fixed[a] = is_fixed[a] or is_fixed.pop(b)
    label = np.empty(k, dtype=int)
    for a, members in clusters.items():
        label[members] = a
    return label


def test_agrees_with_the_definition_on_random_scores() -> None:
    rng = np.random.default_rng(0)
    for trial in range(150):
        k = int(rng.integers(2, 11))
        scores = rng.normal(size=(k, k))
        if trial % 2:
            scores = (scores + scores.T) / 2
        sizes = rng.integers(1, 6, size=k).astype(float)
        fixed = rng.random(k) < 0.3 if trial % 3 == 0 else None
        threshold = float(rng.normal() * 0.5)
        np.testing.assert_array_equal(mean_of_max_clusters(scores, sizes, threshold, fixed),
                                      _direct(scores, sizes, threshold, fixed))


def test_one_run_cut_at_a_higher_threshold_equals_a_run_at_it() -> None:
    rng = np.random.default_rng(1)
    for _ in range(60):
        k = int(rng.integers(2, 14))
        scores, sizes = rng.normal(size=(k, k)), rng.integers(1, 5, size=k).astype(float)
        merges = mean_of_max_merges(scores, sizes, -3.0)
        for threshold in (-1.0, -0.2, 0.0, 0.5, 1.2):
            np.testing.assert_array_equal(cut(merges, k, threshold), mean_of_max_clusters(scores, sizes, threshold))


def test_a_chain_of_look_alike_pairs_does_not_join_two_stories() -> None:
    # Two stories of three events each, close inside; one event of each resembles one of the other (a shared
    # place, say). Single linkage would join them through that pair; mean-of-max needs most events matched.
    s = np.full((6, 6), -3.0)
    s[:3, :3] = 2.0
    s[3:, 3:] = 2.0
    s[2, 3] = s[3, 2] = 1.5
    labels = mean_of_max_clusters(s, np.ones(6), 0.0)
    assert labels.tolist() == [0, 0, 0, 3, 3, 3]


def test_a_story_whose_later_events_each_continue_an_earlier_one_stays_one() -> None:
    # Three events, then three follow-ups, each continuing one of them (the same prisoners freed, the same
    # court ruling appealed): across the two phases most pairs share little, so average linkage over all
    # pairs is below the threshold, while every event has a close relative on the other side.
    s = np.full((6, 6), -4.0)
    s[:3, :3] = 3.0
    s[3:, 3:] = 3.0
    for i in range(3):
        s[i, i + 3] = s[i + 3, i] = 3.0
    assert s[:3, 3:].mean() < 0.0
    assert set(mean_of_max_clusters(s, np.ones(6), 0.0).tolist()) == {0}


def test_fixed_atoms_never_join_each_other() -> None:
    s = np.full((3, 3), 5.0)
    labels = mean_of_max_clusters(s, np.ones(3), 0.0, fixed=np.array([True, True, False]))
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])


def test_ties_go_as_the_definition_takes_them() -> None:
    # Integer scores tie often; the lower index wins, as in a fresh scan.
    rng = np.random.default_rng(5)
    for _ in range(400):
        k = int(rng.integers(2, 9))
        scores = rng.integers(-2, 3, size=(k, k)).astype(float)
        sizes = rng.integers(1, 3, size=k).astype(float)
        np.testing.assert_array_equal(mean_of_max_clusters(scores, sizes, 0.0), _direct(scores, sizes, 0.0))


def test_edge_cases() -> None:
    # No threshold at all: everything that may merge does, and the loop ends.
    assert len(mean_of_max_merges(np.zeros((3, 3)), np.ones(3), -np.inf)) == 2
    assert mean_of_max_merges(np.zeros((3, 3)), np.ones(3), -np.inf, np.ones(3, dtype=bool)) == []
    assert mean_of_max_clusters(np.zeros((1, 1)), np.ones(1), 0.0).tolist() == [0]
    try:
        mean_of_max_clusters(np.zeros((2, 2)), np.array([0.0, 1.0]), 0.0)
    except ValueError:
        pass
    else:
        raise AssertionError("a size of 0 must be refused")


def test_the_tree_cut_forms_the_clusters_scipys_fcluster_forms() -> None:
    """Regroups cut scipy's average-linkage tree themselves (fcluster validated the tree on every call): the
    partition must be fcluster's, with ties and with merge heights out of order."""
    from scipy.cluster.hierarchy import fcluster, linkage

    from storyline.cluster.online import _cut_tree

    rng = np.random.default_rng(0)
    for trial in range(600):
        n = int(rng.integers(2, 30))
        m = n * (n - 1) // 2
        d = rng.random(m) if trial % 2 else rng.integers(0, 4, m).astype(float)
        tree = linkage(d, method="average")
        if trial % 3 == 0:
            tree[:, 2] = tree[rng.permutation(n - 1), 2]  # heights out of order: a higher merge inside
        for limit in (0.0, 0.5, 1.0, 2.0, float(rng.random())):
            ours = _cut_tree(tree, limit)
            theirs = fcluster(tree, t=limit, criterion="distance")
            pairs = set(zip(ours.tolist(), theirs.tolist(), strict=True))
            assert len(pairs) == len(set(ours.tolist())) == len(set(theirs.tolist()))
