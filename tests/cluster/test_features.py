"""What the clusterer reads from a text: terms of each kind, the head, the day, earlier dates, time terms."""

from __future__ import annotations

import datetime as dt

from storyline.cluster import settings as S
from storyline.cluster.features import article_terms, earlier_days, featurize, head_text, time_terms
from storyline.model import Article


def day_of(iso: str) -> float:
    return float(dt.date.fromisoformat(iso).toordinal() - 719163)


def test_terms_of_each_kind() -> None:
    text = ("Venezuela's government freed 103 prisoners on Thursday, Nicolás Maduro said. The 103 were held since "
            "the July 28 election; 2,000 people were arrested, according to Foro Penal.")
    terms, _, day = article_terms(text, "2024-12-13")
    assert day == day_of("2024-12-13")
    assert {"w:prisoner", "w:freed", "e:nicolas maduro", "e:maduro", "e:foro penal"} <= set(terms)
    assert {"n:103", "n:2000"} <= set(terms) and "n:28" not in terms  # a day of a date is not a quantity
    # "Thursday" in a Friday paper is the day before; "July 28" gets the paper's year, and a yearless key.
    assert {"d:2024-12-12", "d:2024-07-28", "d:--07-28"} <= set(terms)
    assert terms["n:103"] > terms["n:2000"]  # sublinear counts: 1 + log(2) for the figure said twice


def test_sentence_initial_capitals_are_names_only_if_capitalised_elsewhere() -> None:
    terms, _, _ = article_terms("Despite the rain, Lohan arrived. Lohan said nothing. Police waited.", None)
    assert "e:lohan" in terms and "e:despite" not in terms and "e:police" not in terms


def test_head_is_headline_and_first_real_sentences() -> None:
    body = ("Quake hits Chile\nMay 3, 2013\nA magnitude 8.2 earthquake struck Chile on Tuesday. Six people died in "
            "Iquique. Rescuers searched all night.")
    head = head_text("Quake hits Chile", body)
    assert head == "Quake hits Chile\nA magnitude 8.2 earthquake struck Chile on Tuesday.\nSix people died in Iquique."
    terms, _, day = article_terms(body, None, "Quake hits Chile")
    assert "h:8.2" in terms and day == day_of("2013-05-03")  # the date line stands in for a publication date


def test_earlier_days_are_dates_of_earlier_happenings() -> None:
    assert earlier_days("Earlier releases, including 103 protesters on December 12, were smaller.") == (1212,)
    assert earlier_days("The previous quake, on May 3, killed four.") == (503,)
    # A date before the word, or in another clause, is the happening's own date.
    assert earlier_days("He was killed on June 24, four days earlier.") == ()
    assert earlier_days("It ended earlier; on June 24 it rained.") == ()


def test_time_terms_share_bins_in_proportion_to_closeness() -> None:
    def shared(a: float, b: float, kind: str) -> int:
        ta = {t for t in time_terms(a) if t[0] == kind}
        tb = {t for t in time_terms(b) if t[0] == kind}
        return len(ta & tb)

    assert time_terms(None) == {}
    assert shared(100.0, 100.0, "t") == S.TIME_GRIDS
    assert shared(100.0, 100.0 + S.EVENT_TIME_SCALE_DAYS / 2, "t") >= S.TIME_GRIDS // 2 - 1
    apart = S.EVENT_TIME_SCALE_DAYS + 10  # past the event kernel, well inside the storyline one
    assert apart < S.STORYLINE_TIME_SCALE_DAYS * (1 - 1 / S.TIME_GRIDS)
    assert shared(100.0, 100.0 + apart, "t") == 0
    assert shared(100.0, 100.0 + apart, "s") > 0


def test_featurize_reads_titles_and_earlier_days() -> None:
    a = Article(id="x", text="Earlier, on May 3, 2013, a quake hit.", raw_text="", title="Second quake",
                published="2013-06-01")
    (f,) = featurize([a])
    assert f.id == "x" and f.head.startswith("Second quake") and f.earlier == (503,)
    assert f.day == day_of("2013-06-01")
