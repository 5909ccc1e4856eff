"""The web application: server-rendered pages and the JSON API over one library.

    create_app("storyline.db")          # an ASGI app (FastAPI); storyline.web.server.serve runs it

Pages (HTML, usable without JavaScript):

- ``/`` stories, newest first, with search (``q``), ``source``, ``from``/``to`` (ISO dates), ``level``;
- ``/stories/{id}`` a story: brief, timeline, origin and copy graph, articles by source, facts;
- ``/stories/{id}/facts`` every fact of a story with every mention;
- ``/compare?a=ID&b=ID`` two articles side by side, reused passages highlighted and linked;
- ``/articles/{id}`` an article: cleaned text, metadata, removed boilerplate, family.

API (JSON, the same shapes as the CLI's ``--json``; OpenAPI schema at ``/api/openapi.json``):

- ``GET /api/stories`` (the page's filters, ``limit``, ``offset``), ``GET /api/stories/{id}`` (show),
  ``GET /api/stories/{id}/facts``, ``GET /api/articles/{id}``, ``GET /api/compare?a=&b=``,
  ``GET /api/sources``, ``POST /api/stories/{id}/analyse``.

Requests read what the pipeline stored; nothing heavy is computed on a GET except a comparison (one
alignment of two articles). A story whose analysis is missing or older than its articles is shown as it
is, with a button (``POST``) that analyses it now. Each worker thread has its own SQLite connection.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from storyline import render
from storyline.store import Library, search
from storyline.web import schemas, settings, views
from storyline.web.highlight import parse_spans, segments
from storyline.web.security import SecurityMiddleware

HERE = Path(__file__).parent
LEVELS = ("event", "storyline")


class _Libraries:
    """One :class:`Library` connection per worker thread (SQLite connections are not for sharing across
    threads mid-transaction), all closed when the app shuts down."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._all: list[Library] = []
        self._lock = threading.Lock()

    def get(self) -> Library:
        library = getattr(self._local, "library", None)
        if library is None:
            library = Library(self.path)
            self._local.library = library
            with self._lock:
                self._all.append(library)
        return library

    def close(self) -> None:
        with self._lock:
            for library in self._all:
                library.close()
            self._all.clear()


class _SourceList:
    """The library's sources for the filter, rescanned at most every SOURCE_LIST_SECONDS."""

    def __init__(self) -> None:
        self._at = -1e9
        self._names: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    def get(self, library: Library) -> list[tuple[str, int]]:
        with self._lock:
            if time.monotonic() - self._at > settings.SOURCE_LIST_SECONDS:
                self._names = search.source_names(library, settings.SOURCES_IN_FILTER)
                self._at = time.monotonic()
            return self._names


def create_app(db: str, token: str | None = None, allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The web UI and API over the library at ``db``.

    ``token``: every request must carry it (see :mod:`storyline.web.security`). ``allowed_hosts``: Host
    names accepted; by default the local names when there is no token (no Host check behind a token).
    """
    libraries = _Libraries(db)
    sources = _SourceList()
    templates = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    templates.filters["q"] = views.q
    templates.globals.update(article_href=views.article_href, compare_href=views.compare_href,
                             safe_url=views.safe_url, passage_colours=settings.PASSAGE_COLOURS)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        libraries.close()

    app = FastAPI(
        lifespan=lifespan,
        title="storyline",
        summary="Stories, provenance and disputed facts from a library of news articles.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: offline and the CSP forbid that
        redoc_url=None,
    )
    app.add_middleware(
        SecurityMiddleware, token=token,
        allowed_hosts=allowed_hosts if allowed_hosts is not None else (None if token else settings.LOCAL_HOST_NAMES),
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.libraries = libraries

    def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(templates.get_template(name).render(**context), status_code=status)

    def not_found(what: str) -> HTMLResponse:
        return page("not_found.html", 404, what=what, title="Not found")

    # -- pages ----------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(
        q: str | None = None, source: str | None = None,
        published_from: Annotated[str | None, Query(alias="from")] = None,
        published_to: Annotated[str | None, Query(alias="to")] = None,
        level: str = "event", page_text: Annotated[str, Query(alias="page")] = "1",
    ) -> HTMLResponse:
        library = libraries.get()
        page_number = max(1, int(page_text)) if page_text.isdigit() else 1  # a bad page is page 1, not an error
        level = level if level in LEVELS else "event"
        filters, problem = _filters(q, source, published_from, published_to)
        _catch_up_search(library, filters)
        rows, more = search.find_stories(
            library, filters, level, settings.STORIES_PER_PAGE, (page_number - 1) * settings.STORIES_PER_PAGE
        )
        listing = []
        for row in rows:
            events = len(library.events_of_storyline(row["id"])) if level == "storyline" else None
            listing.append(views.story_row(row, library.story_members(row["id"]), events))
        params = {k: v for k, v in (("q", q), ("source", source), ("from", published_from),
                                    ("to", published_to), ("level", level if level != "event" else None)) if v}
        return page(
            "stories.html", title="Stories", rows=listing, more=more, page=page_number, filters=filters,
            problem=problem, level=level, sources=sources.get(library), params=params,
            total=library.count_articles(),
        )

    @app.get("/stories/{story_id:path}/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(story_id: str) -> Response:
        library = libraries.get()
        story = _find_story(library, story_id)
        if story is None:
            return not_found(f"story {story_id}")
        view = views.story_view(story, library.story_members(story["id"]), facts_limit=None)
        return page("facts.html", title=f"Facts: {story['title']}", view=view, story=story)

    @app.post("/stories/{story_id:path}/analyse", include_in_schema=False)
    def analyse_page(story_id: str) -> Response:
        library = libraries.get()
        story = _find_story(library, story_id)
        if story is None:
            return not_found(f"story {story_id}")
        _analyse(library, story)
        return RedirectResponse(f"/stories/{views.q(story['id'])}", status_code=303)

    @app.get("/stories/{story_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> Response:
        library = libraries.get()
        story = _find_story(library, story_id)
        if story is None:
            return not_found(f"story {story_id}")
        if story["id"] != story_id:  # an article id: show its story at its own address
            return RedirectResponse(f"/stories/{views.q(story['id'])}", status_code=307)
        members = library.story_members(story["id"])
        events = library.events_of_storyline(story["id"]) if story["level"] == "storyline" else []
        view = views.story_view(story, members, events, search.member_attributions(library, story["id"]))
        return page("story.html", title=story["title"], view=view, story=story)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(a: str | None = None, b: str | None = None) -> Response:
        if not a or not b:
            return page("compare_form.html", title="Compare two articles", a=a or "", b=b or "")
        if a == b:
            return page("compare_form.html", 400, title="Compare two articles", a=a, b=b,
                        problem="Pick two different articles.")
        library = libraries.get()
        pair, relation = _compare(library, a, b)
        if pair is None:
            return page("compare_form.html", 404, title="Compare two articles", a=a, b=b,
                        problem=f"No article {relation} in this library.")
        view = views.compare_view(pair[0], pair[1], relation)
        headers = search.article_headers(library, [a, b])
        titles = search.story_titles(library, [s for s in {pair[0].story, pair[1].story} if s])
        return page("compare.html", title=f"Compare {a} and {b}", view=view, headers=headers, story_titles=titles)

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str, hl: Annotated[list[str] | None, Query()] = None) -> Response:
        library = libraries.get()
        article = library.get_article(article_id)
        if article is None:
            return not_found(f"article {article_id}")
        spans = parse_spans(hl or [])
        family = library.family_members(article.family or article.id)
        members = search.article_headers(library, [m.article for m in family[: settings.API_MAX_LIMIT]])
        story = library.get_story(article.story) if article.story else None
        return page(
            "article.html", title=article.title or article.id, article=article,
            story_title=story["title"] if story else None,
            relations=views.article_relations(article.id, story, library.story_members(story["id"]) if story else []),
            segments=segments(article.text, [(s, e, k) for k, (s, e) in enumerate(spans)]),
            family=family, members=members, sightings=library.sightings(article.id),
        )

    # -- API ------------------------------------------------------------------------------------------

    @app.get("/api/stories", response_model=list[schemas.StoryItem], tags=["stories"])
    def api_stories(
        q: Annotated[str | None, Query(description="Words or \"phrases\" the story's articles contain.")] = None,
        source: Annotated[str | None, Query(description="Only stories with an article from this source.")] = None,
        published_from: Annotated[str | None, Query(alias="from", description="ISO date: stories ending on or after it.")] = None,
        published_to: Annotated[str | None, Query(alias="to", description="ISO date: stories starting on or before it.")] = None,
        level: Annotated[str, Query(description="event or storyline.", pattern="^(event|storyline)$")] = "event",
        limit: Annotated[int, Query(ge=1, le=settings.API_MAX_LIMIT)] = settings.STORIES_PER_PAGE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> Response:
        """Stories, newest first, as ``storyline stories --json`` gives them, plus ``flags`` (conflicts,
        machine rewrites) counted from each story's analysis."""
        library = libraries.get()
        filters, problem = _filters(q, source, published_from, published_to)
        if problem:
            raise HTTPException(400, problem)
        _catch_up_search(library, filters)
        rows, _ = search.find_stories(library, filters, level, limit, offset)
        out = []
        for row in rows:
            events = library.events_of_storyline(row["id"]) if level == "storyline" else None
            item = render.story_listing_json(row, library.story_members(row["id"]), events)
            item["flags"] = {"conflicts": row["conflicts"], "rewrites": row["rewrites"]}
            out.append(item)
        return _json(out)

    @app.get("/api/stories/{story_id:path}/facts", response_model=list[schemas.Fact], tags=["stories"])
    def api_facts(story_id: str) -> Response:
        """A story's fact table with every mention (``storyline facts STORY --json``), as stored."""
        story = _story_or_404(libraries.get(), story_id)
        return _json((story.get("analysis") or {}).get("facts", []))

    @app.post("/api/stories/{story_id:path}/analyse", response_model=schemas.Show, tags=["stories"])
    def api_analyse(story_id: str) -> Response:
        """Analyse a story now (origin, relations, facts, brief, timeline) and return it as ``show``."""
        library = libraries.get()
        story = _analyse(library, _story_or_404(library, story_id))
        return _json(_show(library, story))

    @app.get("/api/stories/{story_id:path}", response_model=schemas.Show, tags=["stories"])
    def api_story(story_id: str) -> Response:
        """One story as ``storyline show STORY --json`` gives it (STORY may be an article id), from the
        stored analysis; ``analysed_at`` says when that was made (null: never; see the analyse call)."""
        library = libraries.get()
        return _json(_show(library, _story_or_404(library, story_id)))

    @app.get("/api/articles/{article_id:path}", response_model=schemas.ArticleOut, tags=["articles"])
    def api_article(article_id: str) -> Response:
        """One article as ``storyline article ID --json`` gives it."""
        library = libraries.get()
        article = library.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"No article {article_id!r}.")
        members = library.family_members(article.family or article.id)
        return _json(render.article_json(article, members, library.sightings(article.id)))

    @app.get("/api/compare", response_model=schemas.Compare, tags=["articles"])
    def api_compare(a: str, b: str) -> Response:
        """How two articles relate, with the reused passages (``storyline compare A B --json``)."""
        if a == b:
            raise HTTPException(400, "Pick two different articles.")
        pair, relation = _compare(libraries.get(), a, b)
        if pair is None:
            raise HTTPException(404, f"No article {relation}.")
        return _json(render.compare_json(pair[0], pair[1], relation))

    @app.get("/api/sources", response_model=list[schemas.SourceCount], tags=["articles"])
    def api_sources(limit: Annotated[int, Query(ge=1, le=10_000)] = 500) -> Response:
        """The library's named sources, most articles first."""
        return _json([{"source": s, "articles": n} for s, n in search.source_names(libraries.get(), limit)])

    return app


# -- helpers ------------------------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("storyline")
    except PackageNotFoundError:
        return "0"


def _json(payload: Any) -> Response:
    # The CLI's JSON, byte for byte in content (not indented): returned as a Response, FastAPI does not
    # re-validate it against the documented schema, which would cost time on large stories.
    return Response(json.dumps(payload, ensure_ascii=False), media_type="application/json")


def _filters(
    q: str | None, source: str | None, published_from: str | None, published_to: str | None
) -> tuple[search.StoryFilter, str | None]:
    """The listing filters, dropping a malformed date with a message saying so."""
    problem = None
    dates = {}
    for name, value in (("from", published_from), ("to", published_to)):
        if value:
            try:
                dates[name] = search._iso_day(value)
            except ValueError:
                problem = f"'{value}' is not a date (YYYY-MM-DD): the {name} filter was left out."
    return search.StoryFilter(q or None, source or None, dates.get("from"), dates.get("to")), problem


def _catch_up_search(library: Library, filters: search.StoryFilter) -> None:
    """Index articles stored since the search index was last updated, before searching them."""
    if not filters.query:
        return
    try:
        if search.search_index_behind(library):
            search.index_new_articles(library, wait=False)
    except sqlite3.OperationalError:
        pass  # the library is busy with an ingest: search what is indexed now, the rest next time


def _find_story(library: Library, story_id: str) -> dict | None:
    """A story by id, or the story of the article with that id (as ``storyline show`` accepts)."""
    story = library.get_story(story_id)
    if story is None:
        article = search.article_headers(library, [story_id]).get(story_id)
        if article and article["story"]:
            story = library.get_story(article["story"])
    return story


def _story_or_404(library: Library, story_id: str) -> dict:
    story = _find_story(library, story_id)
    if story is None:
        raise HTTPException(404, f"No story {story_id!r}.")
    return story


def _show(library: Library, story: dict) -> dict:
    members = library.story_members(story["id"])
    events = library.events_of_storyline(story["id"]) if story["level"] == "storyline" else []
    out = render.show_json(story, members, story.get("analysis") or {}, events)
    out["analysed_at"] = story.get("analysed_at")
    return out


def _analyse(library: Library, story: dict) -> dict:
    from storyline import pipeline

    if story["level"] == "event":
        pipeline.analyse(library, [story["id"]])
    return library.get_story(story["id"]) or story


def _compare(library: Library, a: str, b: str) -> tuple[Any, Any]:
    """((first, second), relation) as ``storyline compare`` computes it, or (None, missing ids)."""
    from storyline.reuse import relate

    pair = library.get_articles([a, b])
    if len(pair) != 2:
        return None, ", ".join(repr(m) for m in sorted({a, b} - {x.id for x in pair}))
    context = []
    if pair[0].story and pair[0].story == pair[1].story:
        context = library.get_articles([m["id"] for m in library.story_members(pair[0].story)])
    return (pair[0], pair[1]), relate(pair[0], pair[1], context=context)
