"""Mean-of-max linkage: how storylines are cut out of events.

Two groups of events ``X`` and ``Y`` are as close as their events' best matches across, on average::

    L(X, Y) = 1/2 (sum_x n_x max_y s(x, y) / N_X  +  sum_y n_y max_x s(x, y) / N_Y)

with ``s`` the score of two events (average linkage over their articles' pairs) and ``n`` their sizes in
articles. Average linkage over all article pairs asks every event of a storyline to resemble every other:
a storyline followed for months (Timeline17's) drifts in words and names from its first events to its last,
and the mean over its pairs falls below any threshold that keeps apart stories that merely share a season
and a country (duc2004.dev's TDT topics of late 1998). Single linkage (the best pair) chains unrelated stories
through one look-alike pair. Here each event needs a close relative on the other side, and most of them must
have one: a storyline grows by continuation, and two stories meet only where most of their events do.
Measured in batch over the events of a one-batch run (``settings.STORYLINE_WEIGHTS``' note gives the figures).
"""

from __future__ import annotations

import numpy as np


def mean_of_max_clusters(scores: np.ndarray, sizes: np.ndarray, threshold: float,
                         fixed: np.ndarray | None = None) -> np.ndarray:
    """Agglomerate ``k`` atoms (events) by mean-of-max linkage, best pair first, while it is >= ``threshold``.
    Returns a cluster label per atom: the lowest atom index of its cluster (see :func:`mean_of_max_merges`)."""
    return cut(mean_of_max_merges(scores, sizes, threshold, fixed), len(sizes), threshold)


def cut(merges: list[tuple[int, int, float]], k: int, threshold: float) -> np.ndarray:
    """The labels of ``k`` atoms after the merges made while the best linkage was >= ``threshold``: the merge
    order is fixed, so one run down to the lowest threshold serves every higher one (for tuning)."""
    label = np.arange(k)
    for a, b, height in merges:
        if height < threshold:
            break
        label[label == b] = a
    return label


def mean_of_max_merges(scores: np.ndarray, sizes: np.ndarray, threshold: float,
                       fixed: np.ndarray | None = None) -> list[tuple[int, int, float]]:
    """The merges ``(kept cluster, absorbed cluster, linkage)`` of mean-of-max agglomeration, in order, while
    the best linkage is >= ``threshold``.

    ``scores[i, j]`` is how well atom ``i`` is matched by atom ``j`` (need not be symmetric: an atom standing
    for the old part of a storyline is matched by a new event through its sums, see the clusterer); the
    diagonal is ignored and ``-inf`` means unknown. ``sizes`` weigh the atoms. Two atoms marked ``fixed``
    (existing storylines) never end up in one cluster. Clusters are named by their lowest atom.

    Each merge updates one column of the per-atom maxima and one row and column of the linkage, and the best
    pair is found from each row's cached best: rows are scanned again only where their best was one of the
    two merged clusters and fell, so a merge costs about ``k`` operations for ``k`` atoms, not ``k^2``, unless
    many rows had their best in those clusters.
    """
    k = len(sizes)
    merges: list[tuple[int, int, float]] = []
    if k < 2:
        return merges
    sizes = np.asarray(sizes, dtype=np.float64)
    if not (sizes > 0).all():
        raise ValueError("every atom needs a size > 0")
    label = np.arange(k)
    best_of = np.array(scores, dtype=np.float64)  # [atom, cluster]: the atom's best score in that cluster
    np.fill_diagonal(best_of, -np.inf)
    # Unknown pairs count as very poor rather than -inf, so that sums stay finite.
    floor = -1e6
    best_of[~np.isfinite(best_of)] = floor
    total = sizes[:, None] * best_of  # [cluster, cluster]: sum over the first's atoms of size x best score
    mass = sizes.copy()
    fixed_cluster = np.zeros(k, dtype=bool) if fixed is None else np.asarray(fixed, dtype=bool).copy()
    alive = np.ones(k, dtype=bool)

    def linkage_row(a: int) -> np.ndarray:
        row = 0.5 * (total[a] / mass[a] + total[:, a] / mass)
        row[~alive] = -np.inf
        row[a] = -np.inf
        if fixed_cluster[a]:
            row[fixed_cluster] = -np.inf
        return row

    link = 0.5 * (total / mass[:, None] + total.T / mass[None, :])
    np.fill_diagonal(link, -np.inf)
    if fixed_cluster.any():
        link[np.ix_(fixed_cluster, fixed_cluster)] = -np.inf
    row_arg = np.argmax(link, axis=1)
    row_best = link[np.arange(k), row_arg]
    while True:
        a = int(np.argmax(row_best))
        if not row_best[a] >= threshold or row_best[a] == -np.inf:
            break
        b = int(row_arg[a])
        if b < a:
            a, b = b, a
        merges.append((a, b, float(max(row_best[a], row_best[b]))))
        # b joins a.
        label[label == b] = a
        alive[b] = False
        best_of[:, a] = np.maximum(best_of[:, a], best_of[:, b])
        total[a] += total[b]
        mass[a] += mass[b]
        fixed_cluster[a] |= fixed_cluster[b]
        total[:, a] = np.bincount(label, weights=sizes * best_of[:, a], minlength=k)
        total[b] = 0.0
        total[:, b] = 0.0
        row = linkage_row(a)
        link[a] = row
        link[:, a] = row
        link[b] = -np.inf
        link[:, b] = -np.inf
        row_best[b] = -np.inf
        row_arg[a] = int(np.argmax(row))
        row_best[a] = row[row_arg[a]]
        # Rows whose best was b, or was a and fell, look again; the rest only compare with their new entry
        # for a.
        stale = alive & ((row_arg == b) | ((row_arg == a) & (link[:, a] < row_best)))
        stale[a] = False
        if stale.any():
            rows = np.flatnonzero(stale)
            args = np.argmax(link[rows], axis=1)
            row_arg[rows] = args
            row_best[rows] = link[rows, args]
        kept = alive & (row_arg == a)
        row_best[kept] = link[kept, a]
        # Ties go to the lower index, as a fresh scan of the row would.
        better = alive & ((link[:, a] > row_best) | ((link[:, a] == row_best) & (a < row_arg)))
        better[a] = False
        row_arg[better] = a
        row_best[better] = link[better, a]
    return merges
