from storyline.clean import InMemorySiteLines, clean_article, clean_batch, line_key, settings
from storyline.clean.boilerplate import find_boilerplate
from storyline.model import RawArticle

BODY = [
    "The port authority said on Tuesday that cargo volumes fell by a fifth in the first quarter.",
    "Officials blamed a strike by crane operators that lasted almost three weeks in February.",
    "Shipping companies diverted several vessels to neighbouring harbours during the dispute.",
    "The authority expects volumes to recover by the summer if the new wage deal holds.",
]


def _raw(text: str, n: int = 0, source: str | None = "Harbor Daily", url: str | None = None) -> RawArticle:
    return RawArticle(id=f"a{n}", text=text, location="test", source=source, url=url)


def _story(n: int) -> list[str]:
    """A different story for each n: sentences no other article shares."""
    return [f"{sentence[:-1]} in district {n}." for sentence in BODY]


def test_doubled_site_header_is_removed_entirely():
    header = [
        "Useful information",
        "Prime Daily delivers timely news and insights on politics and technology",
    ]
    text = "\n".join(header + header + BODY)
    article = clean_article(_raw(text, source=None))
    assert article.text.startswith(BODY[0])
    assert article.removed_boilerplate == header


def test_repeated_sentences_in_the_body_are_content():
    quote = '"Bad news."'
    lines = [BODY[0], quote, BODY[1], quote, BODY[2], BODY[3]]
    article = clean_article(_raw("\n".join(lines), source=None))
    assert article.text.count(quote) == 2
    assert article.removed_boilerplate == []


def test_a_doubled_title_keeps_its_first_copy():
    title = "Port cargo volumes fall after crane strike"
    article = clean_article(_raw("\n".join([title, title, *BODY]), source=None))
    assert article.text.startswith(title + "\n" + BODY[0])
    assert article.removed_boilerplate == [title]


def test_site_learns_a_template_line_after_enough_articles():
    memory = InMemorySiteLines()
    menu = "Home / World / Politics / Business / Sport and more"
    articles = [clean_article(_raw("\n".join([menu, *_story(n)]), n), memory) for n in range(8)]
    needed = settings.SITE_MIN_ARTICLES
    # The first `needed` articles have fewer than `needed` earlier ones carrying the line: they keep it.
    assert all(a.text.startswith(menu) for a in articles[:needed])
    assert all(a.removed_boilerplate == [menu] for a in articles[needed:])
    assert all(a.text.startswith("The port authority") for a in articles[needed:])


def test_site_memory_is_per_site():
    memory = InMemorySiteLines()
    menu = "Home / World / Politics / Business / Sport and more"
    for n in range(6):
        clean_article(_raw("\n".join([menu, *_story(n)]), n, source="Harbor Daily"), memory)
    other = clean_article(_raw("\n".join([menu, *_story(99)]), 99, source="Quick Wire"), memory)
    assert other.text.startswith(menu)


def test_site_comes_from_the_url_host_without_a_source():
    memory = InMemorySiteLines()
    menu = "Home / World / Politics / Business / Sport and more"
    last = None
    for n in range(6):
        raw = _raw("\n".join([menu, *_story(n)]), n, source=None, url=f"https://www.harbor.example/story/{n}")
        last = clean_article(raw, memory)
    assert last is not None and last.removed_boilerplate == [menu]
    assert memory.counts("harbor.example", [line_key(menu)]) == {line_key(menu): 6}


def test_sentence_like_footer_needs_more_articles_and_an_edge():
    memory = InMemorySiteLines()
    footer = "We thank our readers for their loyalty every single day."
    results = [clean_article(_raw("\n".join([*_story(n), footer]), n), memory) for n in range(12)]
    needed = settings.SITE_MIN_ARTICLES_SENTENCE
    assert all(footer in a.text for a in results[:needed])
    assert all(footer not in a.text for a in results[needed:])


def test_frequent_sentence_in_the_middle_of_the_body_is_kept():
    memory = InMemorySiteLines()
    background = "The blast killed eleven workers and started the largest spill in the gulf."
    results = []
    for n in range(15):
        story = _story(n)
        results.append(clean_article(_raw("\n".join([*story[:2], background, *story[2:]]), n), memory))
    assert all(background in a.text for a in results)


def test_a_wire_story_reprinted_many_times_keeps_its_sentences():
    memory = InMemorySiteLines()
    menu = "Home / World / Politics / Business / Sport and more"
    lede = "Cargo volumes fell sharply."  # short, sentence-like, at the top edge
    for n in range(10):  # the site's usual articles teach it its menu
        clean_article(_raw("\n".join([menu, *_story(n)]), n), memory)
    reprints = [clean_article(_raw("\n".join([menu, lede, *BODY]), 100 + n), memory) for n in range(15)]
    for article in reprints:
        assert article.removed_boilerplate == [menu]
        assert article.text == "\n".join([lede, *BODY])


def test_generic_footers_go_at_the_edges_only():
    footer = ["Share this article: Facebook Twitter Email", "© Harbor Daily. All rights reserved."]
    article = clean_article(_raw("\n".join([*BODY, *footer]), source=None))
    assert article.removed_boilerplate == footer
    assert article.text == "\n".join(BODY)
    middle = "Readers can subscribe to the port's weekly newsletter, the authority said in a statement."
    kept = clean_article(_raw("\n".join([BODY[0], BODY[1], middle, BODY[2], BODY[3]]), source=None))
    assert middle in kept.text


def test_markers_go_anywhere():
    article = clean_article(_raw("\n".join([BODY[0], "Advertisement", BODY[1], BODY[2]]), source=None))
    assert "Advertisement" not in article.text
    assert article.removed_boilerplate == ["Advertisement"]


def test_credit_footer_is_removed_but_credited():
    text = "\n".join([*BODY, "", "This story was originally published by Reuters."])
    article = clean_article(_raw(text, source=None))
    assert article.text == "\n".join(BODY)
    assert article.attributed_to == ["Reuters"]


def test_never_cleans_an_article_down_to_nothing():
    lines = ["Useful information", "Site map", "Useful information", "Site map"]
    removed, _ = find_boilerplate(lines)
    assert removed == [False] * 4


def test_clean_batch_equals_one_at_a_time_and_resumes():
    menu = "Home / World / Politics / Business / Sport and more"
    raws = [_raw("\n".join([menu, *_story(n)]), n) for n in range(9)]
    one_by_one_memory = InMemorySiteLines()
    one_by_one = [clean_article(raw, one_by_one_memory) for raw in raws]
    assert clean_batch(raws, InMemorySiteLines()) == one_by_one
    resumed_memory = InMemorySiteLines()
    resumed = clean_batch(raws[:4], resumed_memory) + clean_batch(raws[4:], resumed_memory)
    assert resumed == one_by_one


def test_memory_counts_articles_not_occurrences():
    memory = InMemorySiteLines()
    clean_article(_raw("\n".join(["Tags: world", *BODY, "Tags: world"]), 1), memory)
    assert memory.counts("harbor daily", [line_key("Tags: world")]) == {line_key("Tags: world"): 1}
    assert memory.frequent_lines("harbor daily", 1)[0][1] == 1


def test_a_title_printed_twice_in_a_row_keeps_one_copy_even_off_topic():
    title = "Ghost ships cost the city dearly"
    article = clean_article(_raw("\n".join([title, title, "", title, *BODY]), source=None))
    assert article.text.startswith(title + "\n\n" + BODY[0])
    assert article.removed_boilerplate == [title]


def test_a_report_about_a_study_is_not_a_credit_footer():
    last = "The report was published in the Lancet on Monday."
    article = clean_article(_raw("\n".join([*BODY, last]), source=None))
    assert article.text.endswith(last)
