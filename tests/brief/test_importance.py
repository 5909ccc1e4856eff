import numpy as np

from storyline.brief import settings
from storyline.brief.extractive import story_sentences
from storyline.brief.importance import (
    BIGRAM_FEATURES,
    WORD_FEATURES,
    ImportanceModel,
    bigram_features,
    fit_model,
    word_features,
)
from storyline.model import Article


def test_stored_models_match_the_features():
    for stored, names in ((settings.BIGRAM_MODEL, BIGRAM_FEATURES), (settings.WORD_MODEL, WORD_FEATURES)):
        model = ImportanceModel.from_settings(stored)
        assert len(model.coef) == len(model.mean) == len(model.scale) == len(names)


def test_a_term_of_every_lead_sentence_outranks_a_stray_one():
    texts = [
        "Floods hit Ashby on Monday. A baker sold bread.",
        "Floods hit Ashby overnight. The council met.",
        "Floods hit Ashby again. Trains ran late.",
    ]
    story = story_sentences([Article(id=str(i), text=t, raw_text=t) for i, t in enumerate(texts)])
    keys, features = bigram_features(story)
    assert features.shape == (len(keys), len(BIGRAM_FEATURES))
    p = dict(zip(keys, ImportanceModel.from_settings(settings.BIGRAM_MODEL).predict(features), strict=True))
    assert p[("flood", "hit")] > p[("baker", "sold")]
    words, features = word_features(story)
    assert features.shape == (len(words), len(WORD_FEATURES))


def test_fit_and_round_trip():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] > 0).astype(int)
    model = fit_model(x, y, regularisation=1.0)
    assert model.coef[0] > 0
    again = ImportanceModel.from_settings(model.as_settings(digits=8))
    assert np.allclose(again.predict(x), model.predict(x), atol=1e-6)
