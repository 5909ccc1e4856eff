"""Screenshots of each page (stories, story, compare, article) for the README, taken in headless Chromium.

    .venv/bin/python -m storyline.web.screenshots [--out docs/screenshots] [--db LIBRARY]

Without ``--db`` it builds a library of the bundled example corpus first (as ``storyline demo`` does).
Needs the ``playwright`` Python package and Debian's ``chromium`` at ``/usr/bin/chromium`` (Playwright's
own browser download is not used).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from storyline.store import Library

CHROMIUM = "/usr/bin/chromium"
# Headless Chromium as a test browser: no sandbox (containers run as root), no GPU, and none of the
# background traffic a first run makes (this machine has no network, and pages must not depend on it).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
VIEWPORT = {"width": 1280, "height": 900}


def example_library(path: str | Path) -> Path:
    """A library of the bundled example corpus at ``path``: ingested, clustered and analysed."""
    from storyline import pipeline

    with Library(str(path)) as library:
        pipeline.ingest(library, [str(EXAMPLES)])
        pipeline.cluster(library)
        pipeline.analyse(library)
    return Path(path)


def showcase(library: Library) -> dict[str, str]:
    """The page paths worth showing: the newest story with the most articles, the comparison of its pair
    with the most reused passages, an article with removed boilerplate (else the origin)."""
    from storyline.web.views import article_href, compare_href

    stories = [s for s in library.list_stories("event", limit=50) if s.get("analysis")]
    if not stories:
        return {"stories": "/"}
    story = max(stories, key=lambda s: s["size"])
    analysis = story["analysis"]
    pages = {"stories": "/", "story": f"/stories/{story['id']}"}
    relations = [r for r in analysis.get("relations", []) if r.get("spans")]
    if relations:
        best = max(relations, key=lambda r: len(r["spans"]))
        pages["compare"] = compare_href(best["source"], best["target"])
    members = library.get_articles([m["id"] for m in library.story_members(story["id"])])
    with_boilerplate = [a for a in members if a.removed_boilerplate]
    chosen = with_boilerplate[0] if with_boilerplate else members[0]
    pages["article"] = article_href(chosen.id)
    return pages


def write_screenshots(out: str | Path, db: str | Path | None = None) -> list[Path]:
    """Write ``stories.png``, ``story.png``, ``compare.png``, ``article.png`` into ``out``; returns them."""
    from playwright.sync_api import sync_playwright

    from storyline.web.app import create_app
    from storyline.web.server import running

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="storyline-shots-") as tmp:
        path = Path(db) if db else example_library(Path(tmp) / "examples.db")
        with Library(str(path)) as library:
            pages = showcase(library)
        written = []
        with running(create_app(str(path))) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport=VIEWPORT)
                for name, href in pages.items():
                    page.goto(url.rstrip("/") + href)
                    target = out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
            finally:
                browser.close()
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--db", default=None, help="library to show (default: the example corpus)")
    args = parser.parse_args(argv)
    for path in write_screenshots(args.out, args.db):
        print(path)


if __name__ == "__main__":
    main()
