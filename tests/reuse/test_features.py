from reuse_texts import DUPLICATE, EDITED, P5, PARTIAL, REPORT, SYNDICATED

from storyline.reuse.align import align_texts
from storyline.reuse.features import pair_features, reused_share


def _features(source: str, target: str, **sites):
    return pair_features(source, target, align_texts(source, target), **sites)


def test_shares_and_what_each_side_lacks():
    f = _features(REPORT, EDITED)
    assert f.target.share == 1.0
    assert 0.7 < f.source.share < 0.9
    assert f.source.internal_content > 0  # the cut paragraph
    assert f.moves == 1 and f.passages >= 3


def test_typos_are_pinned_on_the_side_that_misspells():
    f = _features(REPORT, EDITED)
    assert (f.source.misspelt, f.target.misspelt) == (0, 1)
    assert f.changed_numbers == 1 and f.substituted >= 3
    assert f.swapped().source.misspelt == 1


def test_wrapping_and_credits_of_the_copy():
    dup = _features(REPORT, DUPLICATE, target_site="Valley Courier")
    assert dup.target.added == 0 and dup.target.chrome > 0 and not dup.target.credits_added
    wire = _features(REPORT, SYNDICATED)
    assert wire.target.dateline_added
    assert {c.name for c in wire.target.credits_added} == {"Northern Wire"}
    assert wire.source.trail_content == len(P5.split())


def test_an_excerpt_host_has_content_of_its_own():
    f = _features(REPORT, PARTIAL)
    assert f.target.added > 30 and f.source.share < 0.5


def test_reused_share_counts_visible_characters_once():
    assert reused_share("ab cd", [(0, 2), (0, 2)]) == 0.5
    assert reused_share("ab  cd", [(0, 6)]) == 1.0
    assert reused_share("", []) == 0.0
