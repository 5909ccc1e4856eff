"""Choosing the sentences: concept coverage under a word budget, solved exactly as an integer program.

The model is Gillick & Favre's (2009): binary ``s_j`` says sentence *j* is chosen, ``c_i`` says concept *i*
is covered. Maximise ``sum_i w_i c_i - sum_j p_j s_j`` subject to ``sum_j len_j s_j <= budget`` and
``c_i <= sum_{j contains i} s_j``. A concept counts once however many chosen sentences repeat it, so
redundancy is removed by the objective itself, and the budget is used where it buys the most new
information. ``p_j`` is a per-sentence penalty (disputed facts). HiGHS, through
:func:`scipy.optimize.milp`, solves the story-sized programs (hundreds of sentences) in well under a
second; if it fails or runs out of time, a greedy ratio rule (Lin & Bilmes 2010) takes over. Programs of
more than ``ILP_MAX_SENTENCES`` candidates are solved over the sentences their linear relaxation uses plus
the densest ones, which reaches the same optimum in a fraction of the time (see ``settings``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.brief import settings


def select_sentences(
    concepts: Sequence[Sequence[int]],
    weights: Sequence[float],
    lengths: Sequence[int],
    budget: int,
    penalties: Sequence[float] | None = None,
    conflicts: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """Indices of the sentences that cover the most concept weight within ``budget`` words.

    ``concepts[j]`` lists the concept indices of sentence *j*, ``weights[i]`` is concept *i*'s value,
    ``lengths[j]`` the sentence's length in words, ``penalties[j]`` (optional) is subtracted when *j* is
    chosen, and no two sentences of a pair in ``conflicts`` are chosen together (rewordings of one
    statement, which share too few bigrams for the concepts alone to keep them apart).
    """
    n_sentences, n_concepts = len(concepts), len(weights)
    fits = [j for j in range(n_sentences) if lengths[j] <= budget]
    if not fits:
        return []
    pen = np.zeros(n_sentences) if penalties is None else np.asarray(penalties, dtype=float)
    values = np.asarray(weights, dtype=float)
    if n_concepts == 0:
        return _greedy(concepts, values, lengths, budget, pen, conflicts)
    try:
        if n_sentences <= settings.ILP_MAX_SENTENCES:
            return _ilp(concepts, values, lengths, budget, pen, conflicts)
        return _restricted(concepts, values, lengths, budget, pen, conflicts)
    except _SolverFailed:
        return _greedy(concepts, values, lengths, budget, pen, conflicts)


class _SolverFailed(Exception):
    pass


def _program(concepts, weights, lengths, budget, penalties, conflicts):
    """The integer program's cost vector and constraints (see the module docstring)."""
    # Imported here: scipy.optimize takes about a second to import, which only summarising should pay.
    from scipy.optimize import LinearConstraint
    from scipy.sparse import coo_matrix, hstack, identity

    n_s, n_c = len(concepts), len(weights)
    # Variables: [s_0 .. s_{n_s-1}, c_0 .. c_{n_c-1}]; the solvers minimise, so negate the objective.
    cost = np.concatenate([penalties, -weights])
    rows, cols = [], []
    for j, sentence_concepts in enumerate(concepts):
        for i in sentence_concepts:
            rows.append(i)
            cols.append(j)
    # c_i - sum_{j contains i} s_j <= 0
    occurrence = coo_matrix((-np.ones(len(rows)), (rows, cols)), shape=(n_c, n_s))
    link = hstack([occurrence, identity(n_c)]).tocsr()
    length_row = np.concatenate([np.asarray(lengths, float), np.zeros(n_c)])[None, :]
    constraints = [
        LinearConstraint(link, -np.inf, 0.0),
        LinearConstraint(length_row, -np.inf, float(budget)),
    ]
    if conflicts:
        # s_a + s_b <= 1 for each conflicting pair
        pair_rows = np.repeat(np.arange(len(conflicts)), 2)
        pair_cols = np.asarray(conflicts, dtype=int).ravel()
        pairs = coo_matrix((np.ones(len(pair_cols)), (pair_rows, pair_cols)), shape=(len(conflicts), n_s + n_c))
        constraints.append(LinearConstraint(pairs.tocsr(), -np.inf, 1.0))
    return cost, constraints


def _ilp(concepts, weights, lengths, budget, penalties, conflicts) -> list[int]:
    from scipy.optimize import Bounds, milp

    n_s, n_c = len(concepts), len(weights)
    cost, constraints = _program(concepts, weights, lengths, budget, penalties, conflicts)
    # Sentences are integral; concepts may be continuous: at the optimum each c_i is min(1, coverage).
    integrality = np.concatenate([np.ones(n_s), np.zeros(n_c)])
    result = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(0, 1),
        options={"time_limit": settings.ILP_TIME_LIMIT_SECONDS},
    )
    if result.x is None:
        raise _SolverFailed(result.message)
    return [j for j in range(n_s) if result.x[j] > 0.5]


def _restricted(concepts, weights, lengths, budget, penalties, conflicts) -> list[int]:
    """The integer program over the sentences that can matter: those its linear relaxation uses, and the
    ``RESTRICTED_DENSEST`` densest in concept weight per word. For large programs, where branch and bound
    over every candidate spends seconds closing the last percent; the relaxation takes milliseconds and
    leaves out sentences the optimum almost never needs."""
    from scipy.optimize import Bounds, milp

    n_s, n_c = len(concepts), len(weights)
    cost, constraints = _program(concepts, weights, lengths, budget, penalties, conflicts)
    result = milp(cost, constraints=constraints, integrality=np.zeros(n_s + n_c), bounds=Bounds(0, 1),
                  options={"time_limit": settings.ILP_TIME_LIMIT_SECONDS})
    if result.x is None:
        raise _SolverFailed(result.message)
    keep = {j for j in range(n_s) if result.x[j] >= settings.RELAXED_MIN_VALUE}
    density = sorted(range(n_s), key=lambda j: (
        -(sum(weights[i] for i in set(concepts[j])) - penalties[j]) / max(lengths[j], 1), j))
    kept = sorted(keep | set(density[: settings.RESTRICTED_DENSEST]))
    where = {j: k for k, j in enumerate(kept)}
    chosen = _ilp([concepts[j] for j in kept], weights, [lengths[j] for j in kept], budget, penalties[kept],
                  [(where[a], where[b]) for a, b in conflicts if a in where and b in where])
    return [kept[k] for k in chosen]


def _exclusions(conflicts) -> dict[int, set[int]]:
    excluded: dict[int, set[int]] = {}
    for a, b in conflicts:
        excluded.setdefault(a, set()).add(b)
        excluded.setdefault(b, set()).add(a)
    return excluded


def _greedy(concepts, weights, lengths, budget, penalties, conflicts) -> list[int]:
    """Add, while the budget allows, the sentence with the best new weight per word (Lin & Bilmes 2010)."""
    excluded = _exclusions(conflicts)
    covered: set[int] = set()
    chosen: list[int] = []
    used = 0
    remaining = set(range(len(concepts)))
    while remaining:
        best, best_score = None, 0.0
        for j in remaining:
            if used + lengths[j] > budget:
                continue
            gain = sum(weights[i] for i in set(concepts[j]) - covered) - penalties[j]
            score = gain / max(lengths[j], 1) ** settings.GREEDY_LENGTH_EXPONENT
            if score > best_score:
                best, best_score = j, score
        if best is None:
            break
        chosen.append(best)
        covered.update(concepts[best])
        used += lengths[best]
        remaining.discard(best)
        remaining -= excluded.get(best, set())
    return chosen
