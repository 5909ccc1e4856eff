import random

from storyline.clean import clean_article, line_key, normalise_for_hash, to_raw_offset, to_raw_span
from storyline.clean.text import assemble, split_lines
from storyline.model import RawArticle


def _clean(text: str):
    return clean_article(RawArticle(id="t", text=text, location="test"))


def test_whitespace_and_controls_are_tidied_but_paragraphs_kept():
    raw = "  First  line\t with   tabs  \r\nSecond\x07 line\u00a0here\u200b.\r\n\r\n\r\n\r\nThird line.   "
    article = _clean(raw)
    assert article.text == "First line with tabs\nSecond line here.\n\nThird line."
    assert article.raw_text == raw


def test_unicode_is_composed_to_nfc():
    article = _clean("Cafe\u0301 society. Nicola\u0301s Maduro spoke.")
    assert article.text == "Café society. Nicolás Maduro spoke."
    # Composed characters are replacements: the text around them still maps exactly.
    start = article.text.index("society")
    raw_start = to_raw_offset(article, start)
    assert article.raw_text[raw_start : raw_start + len("society")] == "society"


def test_blank_line_runs_collapse_to_one_blank_line():
    lines = split_lines("A.\n\n\n\nB.\n\nC.")
    text, _ = assemble(lines, [True] * len(lines))
    assert text == "A.\n\nB.\n\nC."


def test_tidy_text_is_one_segment():
    raw = "Headline here\n\nThe body of the story.\nAnother paragraph."
    article = _clean(raw)
    assert article.text == raw
    assert article.segments == [(0, 0, len(raw))]


def _random_messy_text(rng: random.Random) -> str:
    words = ["alpha", "beta", "Gamma", "délta", "e\u0301psilon", "zeta", "eta.", "theta,", "iota", "kappa"]
    spaces = [" ", " ", " ", "  ", "\t", " \u00a0", "\u200b "]
    breaks = ["\n", "\n", "\r\n", "\n\n", "\n\n\n\n", " \n  "]
    parts: list[str] = []
    for i in range(rng.randint(5, 60)):
        parts.append(f"{rng.choice(words)}{i}")  # numbered: no line repeats, so nothing is boilerplate
        parts.append(rng.choice(breaks) if rng.random() < 0.15 else rng.choice(spaces))
    return "".join(parts)


def test_offsets_round_trip_inside_segments():
    """For random spans of clean text lying inside one segment, the raw text at the mapped offsets is the
    same string; any span maps to raw text that holds it up to tidying (a span edge inside a tidied
    stretch maps to the edge of that stretch)."""
    rng = random.Random(7)
    for _ in range(200):
        article = _clean(_random_messy_text(rng))
        text, raw = article.text, article.raw_text
        if not text:
            continue
        for clean_start, _raw_start, length in article.segments:
            a = rng.randint(clean_start, clean_start + length - 1)
            b = rng.randint(a + 1, clean_start + length)
            s, e = to_raw_span(article, a, b)
            assert raw[s:e] == text[a:b]
        a = rng.randint(0, len(text) - 1)
        b = rng.randint(a + 1, len(text))
        s, e = to_raw_span(article, a, b)
        tidy_raw = " ".join(normalise_for_hash(raw[s:e]).replace("\u200b", "").split())
        assert " ".join(normalise_for_hash(text[a:b]).split()) in tidy_raw


def test_offsets_skip_removed_lines_exactly():
    raw = (
        "Useful links\nOur site map\nUseful links\nOur site map\n"
        "The minister resigned on Monday after a long dispute.\n"
        "Advertisement\n"
        "Her successor will be named next week, officials said.\n"
    )
    article = _clean(raw)
    assert article.text == (
        "The minister resigned on Monday after a long dispute.\nHer successor will be named next week, officials said."
    )
    # Every span that does not cross the removed "Advertisement" line maps to the same raw text.
    first_end = article.text.index("\n")
    for a, b in [
        (0, first_end),
        (4, 12),
        (first_end + 1, len(article.text)),
        (first_end + 5, first_end + 20),
    ]:
        s, e = to_raw_span(article, a, b)
        assert raw[s:e] == article.text[a:b]
    # A span across it maps to a raw span that contains the removed line.
    s, e = to_raw_span(article, 0, len(article.text))
    assert "Advertisement" in raw[s:e]
    assert raw[s:e].startswith("The minister") and raw[s:e].endswith("officials said.")


def test_offset_at_end_and_empty_text():
    article = _clean("Short text.")
    assert to_raw_offset(article, len(article.text)) == len("Short text.")
    assert to_raw_offset(article, len(article.text), end=True) == len("Short text.")
    empty = _clean("   \n\n  ")
    assert empty.text == "" and to_raw_offset(empty, 0) == 0


def test_normalise_for_hash_unifies_variants_only_for_comparison():
    a = "The “Deal” is done — it’s  FINAL ."
    b = 'the "deal" is done - it\'s final.'
    assert normalise_for_hash(a) == normalise_for_hash(b)
    assert normalise_for_hash("``Quoted,'' he said") == normalise_for_hash('"Quoted," he said')
    assert normalise_for_hash("one text") != normalise_for_hash("another text")
    # The clean text itself keeps the typography.
    assert _clean(a).text == "The “Deal” is done — it’s FINAL ."


def test_line_key_ignores_case_and_spacing():
    assert line_key("Subscribe to Harbor Daily") == line_key("subscribe  to HARBOR daily")
    assert line_key("It’s here") == line_key("It's here")
    assert line_key("Subscribe to Harbor Daily") != line_key("Subscribe to Harbor Weekly")
    assert len(line_key("x")) == 16
