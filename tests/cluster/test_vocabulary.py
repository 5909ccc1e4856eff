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
