"""The pages in a real browser (Playwright driving Debian's Chromium): what a person sees, and that hostile
article text never runs. Skipped when Chromium or the playwright package is missing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storyline.web.app import create_app
from storyline.web.screenshots import CHROMIUM, CHROMIUM_ARGS
from storyline.web.server import running
from storyline.web.views import q

if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
expect = sync_api.expect


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(example_db: str):
    with running(create_app(example_db)) as url:
        yield url.rstrip("/")


@pytest.fixture(scope="module")
def hostile_site(hostile_db: str):
    with running(create_app(hostile_db)) as url:
        yield url.rstrip("/")


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors: a Content-Security-Policy violation shows up there."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def test_from_the_stories_page_to_a_story_a_comparison_and_an_article(page, site: str, example_story: dict) -> None:
    page.goto(site + "/")
    expect(page.locator("tr.story-row")).to_have_count(2)  # the release of 103, and the later one of 177
    row = page.locator("tr.story-row").filter(has_text=example_story["title"])
    expect(row.locator(".badge-conflict")).to_be_visible()
    row.locator("a.story-title").click()

    # The story: the origin named, the copy graph drawn, the conflict first and in red.
    expect(page).to_have_url(f"{site}/stories/{q(example_story['id'])}")
    expect(page.locator(".origin-external")).to_have_text("Al Jazeera")
    expect(page.locator("svg.copy-graph .n-external")).to_contain_text("Al Jazeera")
    first_fact = page.locator("table.facts tbody tr").first
    expect(first_fact).to_have_class("fact status-conflict")
    expect(first_fact.locator(".status")).to_have_css("color", "rgb(180, 35, 24)")
    expect(first_fact.locator(".odd")).to_contain_text("odd one out")
    expect(page.locator("ol.brief li").first).to_be_visible()
    expect(page.locator("table.timeline tbody tr").first).to_be_visible()

    # The comparison of the pair that shares most: passages highlighted on both sides, linked.
    page.locator("table.relations tr.rel-edited a.compare").first.click()
    expect(page).to_have_url(re.compile(r"/compare\?"))
    left, right = page.locator(".side-source mark.passage"), page.locator(".side-target mark.passage")
    expect(left.first).to_be_visible()
    assert left.count() >= 2 and right.count() >= 2
    assert left.first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.locator(".side-source a.plink").last.click()
    last = page.locator(".side-source a.plink").last.get_attribute("href")
    expect(page).to_have_url(re.compile(re.escape(last) + "$"))
    expect(page.locator(last)).to_be_in_viewport()

    # An article: cleaned text, metadata, the boilerplate the cleaner removed.
    page.goto(site + "/articles/002_9a53cd72fe307f51")
    expect(page.locator("details.boilerplate")).to_contain_text("Useful information")
    expect(page.locator(".article-text")).to_contain_text("Venezuela’s government has moved")
    expect(page.locator("dl.metadata")).to_contain_text("002_9a53cd72fe307f51")
    assert page.console_errors == []


def test_pages_run_no_script_at_all(page, site: str, example_story: dict) -> None:
    for path in ("/", f"/stories/{q(example_story['id'])}", "/compare", "/articles/004_9441474bc40515fc"):
        page.goto(site + path)
        assert page.locator("script").count() == 0
    assert page.console_errors == []


def test_search_from_the_header(page, site: str) -> None:
    page.goto(site + "/")
    page.fill("#top-q", "precautionary measures")
    page.press("#top-q", "Enter")
    expect(page.locator("tr.story-row")).to_have_count(1)
    page.fill("form.filters input[name=q]", "zebra crossing")
    page.click("form.filters button")
    expect(page.locator("p.empty")).to_contain_text("No stories match")


def test_hostile_article_text_never_runs(page, hostile_site: str, hostile: dict) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    story = page.request.get(hostile_site + "/api/stories").json()[0]["id"]
    paths = [
        "/", f"/stories/{q(story)}", f"/articles/{q(hostile['id'])}",
        f"/compare?a={q(hostile['id'])}&b=calm-2", "/?q=" + q("<script>"),
    ]
    for path in paths:
        page.goto(hostile_site + path)
        page.mouse.move(200, 300)
        for target in page.locator("main a, main td").all()[:40]:  # wake any mouseover handler
            target.hover()
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("main img, main svg[onload], main b").count() == 0, path
    assert dialogs == []
    # What the article said is shown as text, exactly.
    page.goto(hostile_site + f"/articles/{q(hostile['id'])}")
    expect(page.locator("h1")).to_have_text(hostile["title"])
    expect(page.locator(".article-text")).to_contain_text("<script>window.__xss=3</script>")
    expect(page.locator("dl.metadata")).to_contain_text(hostile["source"])
    expect(page.locator("dl.metadata a[href^='javascript']")).to_have_count(0)
