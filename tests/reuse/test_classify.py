import pytest
from reuse_texts import DUPLICATE, EDITED, INDEPENDENT, PARTIAL, REPORT, REWRITE, SYNDICATED, article

from storyline.model import RELATIONS
from storyline.reuse import align, classify

SOURCE = article("report", REPORT, source="Valley Times")


@pytest.mark.parametrize(
    ("text", "site", "expected"),
    [
        (DUPLICATE, "Valley Courier", "duplicate"),
        (SYNDICATED, "Daily Gazette", "syndicated"),
        (EDITED, None, "edited"),
        (PARTIAL, None, "partial"),
        (REWRITE, None, "rewrite"),
        (INDEPENDENT, None, "independent"),
    ],
)
def test_each_kind_of_copy_gets_its_relation(text, site, expected):
    target = article("copy", text, source=site)
    rel = classify(SOURCE, target, align(SOURCE, target))
    assert rel.relation == expected
    assert rel.relation in RELATIONS
    assert (rel.source, rel.target) == ("report", "copy")
    assert rel.evidence
    assert 0.0 <= rel.score <= 1.0


def test_reused_share_is_the_share_of_the_target_covered():
    target = article("copy", DUPLICATE, source="Valley Courier")
    rel = classify(SOURCE, target, align(SOURCE, target))
    assert rel.reused_share == pytest.approx(len("".join(REPORT.split())) / len("".join(DUPLICATE.split())), abs=0.01)
    assert rel.passages and rel.passages[0].target_start == DUPLICATE.index(REPORT)


def test_edit_evidence_names_the_changes():
    target = article("copy", EDITED)
    rel = classify(SOURCE, target, align(SOURCE, target))
    text = " ".join(rel.evidence)
    assert "misspelt" in text and "number" in text and "moved" in text and "cut" in text


def test_a_trimmed_copy_without_credit_is_syndicated_and_a_new_headline_counts_as_wrapping():
    paragraphs = REPORT.split("\n")
    trimmed = article("copy", "\n".join(paragraphs[:3]))
    assert classify(SOURCE, trimmed, align(SOURCE, trimmed)).relation == "syndicated"
    titled = article("copy", REPORT, title="Thousands flee as levee breaks")
    titled_source = article("report", REPORT, title="Maple Falls evacuated")
    assert classify(titled_source, titled, align(titled_source, titled)).relation == "syndicated"


def test_a_copyright_line_naming_the_copy_site_itself_is_wrapping_not_a_credit():
    target = article("copy", DUPLICATE, source="Valley Courier")
    assert classify(SOURCE, target, align(SOURCE, target)).relation == "duplicate"
    elsewhere = article("copy", DUPLICATE.replace("Valley Courier", "Northern Wire"), source="Valley Courier")
    assert classify(SOURCE, elsewhere, align(SOURCE, elsewhere)).relation == "syndicated"
