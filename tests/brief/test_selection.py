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
