"""Term ids and background-smoothed idf."""

from __future__ import annotations

import numpy as np

from storyline.cluster.vocabulary import Vocabulary


def test_ids_are_stable_and_idf_ranks_rare_above_common() -> None:
    v = Vocabulary()
    ids = v.ids_of(["w:the", "e:lohan", "w:the", "t:0:5"])
    assert ids[0] == ids[2] and len(v) == 3
    v.add_documents(np.unique(ids), 1)
    the, lohan, bin_ = v.ids_of(["w:the", "e:lohan", "t:0:5"])
    idf = v.idf(np.array([the, lohan]))
    assert idf[1] > idf[0] > 0 or idf[0] == 0  # a name nobody knows outweighs "the" from the first article
    assert v.factor(np.array([bin_]))[0] == 1.0  # time terms are not weighed by rarity


def test_state_round_trip() -> None:
    v = Vocabulary()
    ids = v.ids_of(["w:quake", "e:chile"])
    v.add_documents(ids, 1)
    w = Vocabulary.import_state(v.export_state())
    assert w.terms == v.terms and w.docs == 1
    assert np.allclose(w.idf(ids), v.idf(ids))


def test_names_at_a_time_have_hashed_ids_of_their_own_kind_and_weigh_one() -> None:
    from storyline.cluster.features import ALL_KINDS, name_time_slots

    v = Vocabulary()
    sharon, the = v.ids_of(["e:sharon", "w:the"])
    v.add_documents(np.array([sharon, the]), 1)
    slots = name_time_slots(100.0)
    products = Vocabulary.product_ids(np.array([sharon, the]), np.array(slots))
    assert products.shape == (2, len(slots)) and len(v) == 2  # computed ids: the vocabulary does not grow
    assert products.min() >= 2**29 and products.max() < v.span <= 2**31
    assert len(set(products.ravel().tolist())) == products.size  # distinct names and slots, distinct ids
    # The same name and slot always hash alike; a row of slots per name gives the same ids.
    again = Vocabulary.product_ids(np.array([sharon, the]), np.array([slots, slots]))
    assert np.array_equal(products, again)
    kinds = [ALL_KINDS[k] for k in v.kinds(products[0]).tolist()]
    assert kinds == [("x", "y")[s % 2] for s in slots]
    assert np.all(v.factor(products.ravel()) == 1.0) and np.all(v.idf(products.ravel()) == 0.0)
    assert [ALL_KINDS[k] for k in v.kinds(np.r_[the, products[0, :1]]).tolist()] == ["w", "x"]
