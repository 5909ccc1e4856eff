import doctest
import importlib

from reuse_texts import (
    CONDENSED,
    CONDENSED_UNCREDITED,
    LATER_EVENT,
    REPORT,
    SYNDICATED,
    UNRELATED,
    article,
)

from storyline.reuse import relate, settings
from storyline.reuse.similarity import retold
from storyline.reuse.sources import copies_in, declared_sources, retellings_in, shared_report


def test_the_condensed_rewrite_retells_too_little_for_the_text_alone():
    # the premise of this module: only the shared credit makes it a rewrite
    told = retold(CONDENSED, REPORT)
    assert settings.REWRITE_SHARED_SOURCE_MIN_RETOLD <= told < settings.REWRITE_MIN_RETOLD


def test_declared_sources_come_from_metadata_text_and_set_apart_credit_lines():
    a = article("a", CONDENSED)
    assert [(d.key, d.name, d.quoted) for d in declared_sources(a).values()] == [
        ("northernwire", "Northern Wire", True)]
    b = article("b", REPORT, attributed_to=["Harbor Wire"])
    assert declared_sources(b)["harborwire"].evidence == "b: attributed to Harbor Wire"
    c = article("c", REPORT, attributed_to=["Harbor Wire"],
                removed_boilerplate=["Original Source: www.harborwire.com"])
    evidence = declared_sources(c)["harborwire"].evidence
    assert evidence.startswith('c: "Original Source: www.harborwire.com"') and "set apart" in evidence


def test_an_outlets_own_name_and_outlets_inside_are_not_declared_sources():
    assert declared_sources(article("a", CONDENSED, source="Northern Wire")) == {}
    assert declared_sources(article("a", CONDENSED), inside={"northernwire"}) == {}
    # a wire named by its initials is the outlet's own signature too
    own = article("ap", "WASHINGTON (AP) - The Senate passed the bill on Friday after a long debate.",
                  source="Associated Press")
    assert declared_sources(own) == {}


def test_copies_in_finds_the_articles_carrying_the_text():
    report, wire = article("report", REPORT), article("wire", SYNDICATED)
    others = [wire, article("concert", UNRELATED), article("rewrite", CONDENSED)]
    assert [c.id for c in copies_in(report, others)] == ["wire"]


def test_a_common_credit_and_an_ordered_retelling_make_one_report():
    found = shared_report(article("summary", CONDENSED), article("wire", SYNDICATED))
    assert found is not None and found.outlet == "Northern Wire"
    assert "Northern Wire" in found.evidence[0] and "summary:" in found.evidence[0] and "wire:" in found.evidence[0]


def test_a_copy_in_the_context_speaks_for_an_uncredited_original():
    summary, report, wire = article("summary", CONDENSED), article("report", REPORT), article("wire", SYNDICATED)
    assert shared_report(summary, report) is None  # nothing says where the report came from
    found = shared_report(summary, report, context=[wire])
    assert found is not None and "wire:" in found.evidence[0] and "wire carries report's text" in found.evidence[0]


def test_a_rewrite_in_the_context_speaks_for_its_source_too():
    from reuse_texts import REWRITE

    summary, report = article("summary", CONDENSED), article("report", REPORT)
    credited_rewrite = article("retold", REWRITE, attributed_to=["Northern Wire"])
    assert [c.id for c in retellings_in(report, [summary, credited_rewrite])] == ["retold"]
    found = shared_report(summary, report, context=[credited_rewrite])
    assert found is not None and "retold carries report's report" in found.evidence[0]


def test_no_credit_or_another_event_is_not_one_report():
    wire = article("wire", SYNDICATED)
    assert shared_report(article("summary", CONDENSED_UNCREDITED), wire) is None
    assert shared_report(article("later", LATER_EVENT), wire) is None  # same outlet, another event


def test_an_outlet_inside_the_story_is_no_outside_source():
    inside = article("nw", REPORT, source="Northern Wire")
    assert shared_report(article("summary", CONDENSED), article("wire", SYNDICATED), context=[inside]) is None


def test_relate_calls_such_pairs_rewrites_with_the_credits_as_evidence():
    summary, report, wire = article("summary", CONDENSED), article("report", REPORT), article("wire", SYNDICATED)
    rel = relate(summary, report, context=[summary, report, wire])
    assert rel is not None and rel.relation == "rewrite" and rel.passages == []
    assert any("Northern Wire" in line for line in rel.evidence)
    plain = relate(article("summary", CONDENSED_UNCREDITED), report, context=[report, wire])
    assert plain is not None and plain.relation == "independent"


def test_docstring_examples():
    assert doctest.testmod(importlib.import_module("storyline.reuse.sources")).failed == 0
