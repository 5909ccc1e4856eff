from storyline.brief.citations import support_units, supporting_articles
from storyline.brief.sentences import split_sentences


def units(article: str, text: str):
    return support_units(article, split_sentences(text), text)


def test_near_identical_sentences_support():
    sentence = "Rescue teams reached 40 families stranded on rooftops in the flooded town of Ashby."
    other = "On Tuesday, rescue teams reached 40 families stranded on rooftops in the flooded town of Ashby."
    assert supporting_articles(sentence, units("b", "First line here. " + other)) == ["b"]


def test_changed_number_or_other_content_does_not_support():
    sentence = "Rescue teams reached 40 families stranded on rooftops in the flooded town of Ashby."
    changed = "Rescue teams reached 60 families stranded on rooftops in the flooded town of Ashby."
    unrelated = "The mayor of Ashby thanked the rescue teams in a statement on Wednesday."
    assert supporting_articles(sentence, units("b", changed)) == []
    assert supporting_articles(sentence, units("c", unrelated)) == []
