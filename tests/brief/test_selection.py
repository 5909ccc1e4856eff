from storyline.brief.selection import select_sentences


def test_covers_the_most_weight_within_the_budget():
    # sentence 0 covers concepts 0,1 (weight 5); 1 covers 0 (3); 2 covers 2 (4); budget fits two of length 5
    chosen = select_sentences([[0, 1], [0], [2]], [3.0, 2.0, 4.0], [5, 5, 5], budget=10)
    assert sorted(chosen) == [0, 2]


def test_a_concept_is_paid_once():
    # two copies of the same sentence add nothing the second time
    chosen = select_sentences([[0, 1], [0, 1], [2]], [3.0, 3.0, 1.0], [4, 4, 4], budget=8)
    assert sorted(chosen) in ([0, 2], [1, 2])


def test_penalty_and_conflicts():
    chosen = select_sentences([[0], [0]], [5.0], [3, 3], budget=3, penalties=[2.0, 0.0])
    assert chosen == [1]
    chosen = select_sentences([[0], [1]], [5.0, 4.0], [3, 3], budget=6, conflicts=[(0, 1)])
    assert chosen == [0]


def test_nothing_fits():
    assert select_sentences([[0]], [1.0], [12], budget=10) == []


def test_large_programs_solved_over_the_relaxations_support_reach_the_optimum():
    # 150 candidates (over ILP_MAX_SENTENCES): the restricted program must find what the full one finds
    import random

    import numpy as np

    from storyline.brief import selection

    rng = random.Random(7)
    n_concepts = 120
    weights = [rng.random() ** 2 for _ in range(n_concepts)]
    concepts = [rng.sample(range(n_concepts), rng.randint(3, 12)) for _ in range(150)]
    lengths = [rng.randint(10, 40) for _ in range(150)]
    assert len(concepts) > selection.settings.ILP_MAX_SENTENCES

    def value(chosen):
        return sum(weights[i] for i in {i for j in chosen for i in concepts[j]})

    chosen = select_sentences(concepts, weights, lengths, budget=100)
    full = selection._ilp(concepts, np.asarray(weights), lengths, 100, np.zeros(150), [])
    assert sum(lengths[j] for j in chosen) <= 100
    assert value(chosen) >= 0.99 * value(full)
