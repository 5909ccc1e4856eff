from reuse_texts import DUPLICATE, EDITED, P3, P4, PARTIAL, REPORT, SYNDICATED, article

from storyline.reuse import align, orient
from storyline.reuse.direction import direction


def _orient(a, b, context=()):
    return orient(a, b, align(a, b), context)


def test_publication_times_decide_when_both_are_known():
    old = article("old", REPORT, published="2024-05-01")
    new = article("new", EDITED, published="2024-05-02T08:00:00")
    assert _orient(new, old)[:2] == ("old", "new")
    assert _orient(new, old)[2] >= 0.95


def test_the_copy_names_the_outlet_or_adds_a_dateline():
    src, tgt, conf = _orient(article("wire", SYNDICATED), article("report", REPORT))
    assert (src, tgt) == ("report", "wire") and conf > 0.9


def test_the_copy_carries_the_typos():
    src, tgt, conf = _orient(article("edited", EDITED), article("report", REPORT))
    assert (src, tgt) == ("report", "edited") and conf > 0.7


def test_the_re_publication_wraps_the_same_text_in_site_furniture():
    src, tgt, _ = _orient(article("dup", DUPLICATE, source="Valley Courier"), article("report", REPORT))
    assert (src, tgt) == ("report", "dup")


def test_the_copy_trims_the_end():
    trimmed = "\n".join(REPORT.split("\n")[:3])
    assert _orient(article("short", trimmed), article("report", REPORT))[:2] == ("report", "short")


def test_dates_and_text_combine_in_the_reasons():
    d = direction(article("wire", SYNDICATED, published="2024-05-02"), article("report", REPORT, published="2024-05-01"),
                  align(article("wire", SYNDICATED), article("report", REPORT)))
    assert d.source == "report" and any("published later" in r for r in d.reasons)
    assert any("credits another outlet" in r for r in d.reasons)


def test_no_sign_keeps_the_given_order_with_confidence_one_half():
    a, b = article("a", PARTIAL), article("b", REPORT)
    assert _orient(a, b) == ("a", "b", 0.5)


def test_an_article_assembled_from_two_others_is_the_copy():
    host = article("host", PARTIAL.replace(P3 + " " + P4, "").replace("\n\n", "\n"))
    composite = article("composite", PARTIAL)
    report = article("report", REPORT)
    assert _orient(composite, report, context=[host])[:2] == ("report", "composite")
    assert _orient(composite, host, context=[report])[:2] == ("host", "composite")
