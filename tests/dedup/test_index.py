"""FamilyIndex: which copies join a family, which articles stay apart, and the add-order guarantees."""

from __future__ import annotations

import hashlib

import pytest

from storyline.dedup import FamilyAssignment, FamilyIndex, near_duplicate_families
from storyline.model import Article

FLOOD = (
    "Floodwater swept through the lower town of Marlow Bridge on Tuesday night after the River Ash burst "
    "its banks following three days of heavy rain, forcing more than four hundred residents from their homes.\n"
    "Emergency crews used boats to reach families trapped on upper floors along Mill Street, where the water "
    "rose by almost a metre in less than an hour, the county fire service said.\n"
    "The town's only road bridge was closed at midnight after engineers found cracks in one of its stone "
    "piers, cutting off the northern estates from the hospital and the railway station.\n"
    "Council leader Margaret Owens said a rest centre had been opened at the secondary school and that "
    "volunteers were handing out blankets, hot food and dry clothes to anyone who needed them.\n"
    "The Environment Agency said river levels were expected to peak again on Wednesday evening and warned "
    "people living near the water meadows to move valuables upstairs and to be ready to leave.\n"
    "Local businesses counted the cost on Wednesday morning, with shopkeepers on the high street shovelling "
    "mud out of doorways and insurers sending assessors to the worst hit premises.\n"
    "It is the third time in five years that the town has flooded, and residents renewed calls for the flood "
    "wall promised by the government after the floods of the last winter."
)

TRIAL = (
    "A former finance director of the Northgate shipping group was sentenced to six years in prison on "
    "Friday for stealing more than two million pounds from the company pension fund over a decade.\n"
    "Judge Peter Lang told the court that Alan Brierley had betrayed the trust of thousands of dockers and "
    "clerks who had paid into the scheme for their retirement.\n"
    "The jury heard that Brierley moved money through a series of shell companies registered in Cyprus and "
    "spent much of it on racehorses, a villa in Portugal and a collection of vintage cars.\n"
    "Detectives began investigating after an auditor noticed that payments to a supplier of office furniture "
    "had continued for years after the supplier had gone out of business.\n"
    "Brierley, who is fifty eight, had denied fraud and false accounting, telling the jury that the payments "
    "were loans that he had always intended to repay once his investments matured.\n"
    "The pension fund's trustees said most of the missing money had now been recovered from the sale of his "
    "assets and that no member would lose any part of their pension."
)

# The same flood, reported independently: the same facts, other words.
FLOOD_INDEPENDENT = (
    "Hundreds of people spent the night in a school hall in Marlow Bridge after the River Ash overflowed on "
    "Tuesday, sending water into streets across the south of the town.\n"
    "Firefighters in boats rescued residents from houses on Mill Street as the flood deepened quickly in the "
    "late evening, according to the fire and rescue service.\n"
    "Engineers shut the stone road bridge overnight because of damage to a pier, leaving estates to the north "
    "without a direct route to the hospital.\n"
    "Forecasters expect a second peak on Wednesday and the Environment Agency has issued a severe warning for "
    "homes close to the meadows.\n"
    "Shop owners began clearing mud on Wednesday, and many said they had still not been paid for damage from "
    "the last flood; campaigners again demanded that ministers build the defence wall they promised."
)


def _article(article_id: str, text: str) -> Article:
    normalised = " ".join(text.lower().split())
    return Article(
        id=article_id, text=text, raw_text=text, text_hash=hashlib.sha1(normalised.encode()).hexdigest()
    )


def _with_header_and_footer(text: str) -> str:
    return (
        "Home | News | Sport | Business | Weather\nSubscribe to the Valley Courier for one pound a week\n\n"
        + text
        + "\n\nShare this article: Facebook Twitter Email\n© Valley Courier. All rights reserved."
    )


def _syndicated(text: str) -> str:
    """The first four paragraphs only, with a dateline and an attribution, under another site's footer."""
    kept = text.split("\n")[:4]
    kept[0] = "MARLOW BRIDGE, England, March 4 (Wire News) - " + kept[0]
    kept[1] = kept[1].rstrip(".") + ", Wire News reported."
    return "\n".join(kept) + "\nThis story was originally published by Wire News."


def _edited(text: str) -> str:
    """Typos, a changed number, a cut paragraph and a moved one."""
    paragraphs = text.split("\n")
    paragraphs = [paragraphs[1], paragraphs[0], *paragraphs[2:-2], paragraphs[-1]]  # moved, cut one
    edited = "\n".join(paragraphs)
    for right, wrong in [
        ("residents", "residnets"),
        ("engineers", "enginers"),
        ("four hundred", "five hundred"),
    ]:
        edited = edited.replace(right, wrong, 1)
    return edited


def _stream() -> list[Article]:
    return [
        _article("flood", FLOOD),
        _article("trial", TRIAL),
        _article("flood-exact", FLOOD),
        _article("flood-framed", _with_header_and_footer(FLOOD)),
        _article("flood-independent", FLOOD_INDEPENDENT),
        _article("flood-syndicated", _syndicated(FLOOD)),
        _article("trial-edited", _edited(TRIAL)),
        _article("flood-edited", _edited(FLOOD)),
        _article("trial-framed", _with_header_and_footer(TRIAL)),
    ]


def test_exact_copy_joins_by_text_hash() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    assignment = index.add(_article("flood-exact", FLOOD))
    assert assignment == FamilyAssignment("flood-exact", "flood", "flood", "exact", 1.0, 1.0, [])


def test_copy_inside_another_sites_header_and_footer_joins_its_source() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    assignment = index.add(_article("flood-framed", _with_header_and_footer(FLOOD)))
    assert (assignment.kind, assignment.family, assignment.matched) == ("near", "flood", "flood")
    assert assignment.containment > 0.9
    assert assignment.similarity < assignment.containment  # the frame lowers Jaccard, not containment


def test_trimmed_syndicated_copy_with_dateline_joins_its_source() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    assignment = index.add(_article("flood-syndicated", _syndicated(FLOOD)))
    assert (assignment.kind, assignment.family) == ("near", "flood")
    assert assignment.similarity < 0.7 < assignment.containment


@pytest.mark.parametrize("source,text", [("flood", FLOOD), ("trial", TRIAL)])
def test_edited_copy_with_typos_and_moved_sentences_joins_its_source(source: str, text: str) -> None:
    index = FamilyIndex()
    index.add(_article(source, text))
    assignment = index.add(_article(f"{source}-edited", _edited(text)))
    assert (assignment.kind, assignment.family, assignment.matched) == ("near", source, source)


def test_unrelated_and_independent_same_topic_articles_stay_apart() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    assert index.add(_article("trial", TRIAL)).kind == "new"
    independent = index.add(_article("flood-independent", FLOOD_INDEPENDENT))
    assert (independent.kind, independent.family, independent.matched) == ("new", "flood-independent", None)


def test_a_whole_stream_groups_copies_and_keeps_everything() -> None:
    families = near_duplicate_families(_stream())
    assert families == {
        "flood": "flood",
        "trial": "trial",
        "flood-exact": "flood",
        "flood-framed": "flood",
        "flood-independent": "flood-independent",
        "flood-syndicated": "flood",
        "trial-edited": "trial",
        "flood-edited": "flood",
        "trial-framed": "trial",
    }


def test_an_article_bridging_two_families_merges_them_into_the_older() -> None:
    index = FamilyIndex()
    index.add(_article("trial", TRIAL))
    index.add(_article("flood", FLOOD))
    index.add(_article("flood-syndicated", _syndicated(FLOOD)))
    bridge = index.add(_article("round-up", TRIAL + "\n" + FLOOD))
    assert (bridge.kind, bridge.family, bridge.merged) == ("near", "trial", ["flood"])
    assert bridge.matched in {"trial", "flood", "flood-syndicated"}
    assert {index.family(a) for a in ["trial", "flood", "flood-syndicated", "round-up"]} == {"trial"}
    # Later members of the merged family are placed in the surviving family.
    assert index.add(_article("flood-exact", FLOOD)).family == "trial"


def test_short_text_quoted_in_an_article_does_not_join_it() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    caption = "Emergency crews used boats to reach families trapped on upper floors along Mill Street."
    assert index.add(_article("caption", caption)).kind == "new"


def test_texts_without_text_hash_still_join_as_near_copies() -> None:
    index = FamilyIndex()
    index.add(Article(id="a", text=FLOOD, raw_text=FLOOD))
    assignment = index.add(Article(id="b", text=FLOOD, raw_text=FLOOD))
    assert (assignment.kind, assignment.family, assignment.similarity) == ("near", "a", 1.0)


def test_empty_and_tiny_texts_are_their_own_families() -> None:
    index = FamilyIndex()
    assignments = index.add_batch(
        [_article("empty", ""), _article("word", "Hello"), _article("empty-2", "   ")]
    )
    assert [(a.kind, a.family) for a in assignments] == [
        ("new", "empty"),
        ("new", "word"),
        ("exact", "empty"),
    ]


def test_add_batch_is_independent_of_how_the_stream_is_cut() -> None:
    stream = _stream() + [_article("round-up", TRIAL + "\n" + FLOOD)]
    one_by_one = FamilyIndex()
    expected = [one_by_one.add(a) for a in stream]
    for cut in [2, 3, 4, len(stream)]:
        index = FamilyIndex()
        got = [
            a for start in range(0, len(stream), cut) for a in index.add_batch(stream[start : start + cut])
        ]
        assert got == expected, cut
        assert index.families() == one_by_one.families()
        assert all(index.signature(a.id) == one_by_one.signature(a.id) for a in stream)


def test_restore_answers_like_the_index_that_never_stopped() -> None:
    stream = _stream() + [_article("round-up", TRIAL + "\n" + FLOOD)]
    continuous = FamilyIndex()
    expected = continuous.add_batch(stream)
    for stop in range(1, len(stream)):
        before = FamilyIndex()
        before.add_batch(stream[:stop])
        records = [(a.id, a.text_hash, before.signature(a.id), before.family(a.id)) for a in stream[:stop]]
        restored = FamilyIndex.restore(records)
        assert restored.families() == before.families()
        assert restored.add_batch(stream[stop:]) == expected[stop:], stop
        assert restored.families() == continuous.families()


def test_restore_keeps_stored_family_ids() -> None:
    index = FamilyIndex()
    signature = _signature_of(FLOOD)
    restored = FamilyIndex.restore([("a", "h1", signature, "family-7"), ("b", "h1", signature, "family-7")])
    assert restored.family("b") == "family-7"
    assert restored.add(_article("c", FLOOD)).family == "family-7"
    assert len(index) == 0


def _signature_of(text: str) -> bytes:
    index = FamilyIndex()
    index.add(_article("x", text))
    return index.signature("x")


def test_restore_refuses_signatures_made_with_other_settings() -> None:
    signature = bytearray(_signature_of(FLOOD))
    signature[0] ^= 0xFF
    with pytest.raises(ValueError, match="rebuild"):
        FamilyIndex.restore([("a", "h", bytes(signature), "a")])
    with pytest.raises(ValueError, match="rebuild"):
        FamilyIndex.restore([("a", "h", b"short", "a")])


def test_an_id_already_in_the_index_is_refused_without_changing_it() -> None:
    index = FamilyIndex()
    index.add(_article("flood", FLOOD))
    with pytest.raises(ValueError, match="already"):
        index.add_batch([_article("trial", TRIAL), _article("flood", FLOOD)])
    with pytest.raises(ValueError, match="already"):
        index.add_batch([_article("trial", TRIAL), _article("trial", TRIAL)])
    assert len(index) == 1 and "trial" not in index
    assert index.add(_article("trial", TRIAL)).kind == "new"


def test_signature_is_compact_bytes() -> None:
    signature = _signature_of(FLOOD)
    assert isinstance(signature, bytes) and len(signature) == 520
    with pytest.raises(KeyError):
        FamilyIndex().signature("missing")
