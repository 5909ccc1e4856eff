"""The pages and the API over HTTP (no browser): what they show, that the API says what the CLI says,
that untrusted text is escaped, and that the security rules hold."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storyline.cli import app as cli_app
from storyline.web.app import create_app
from storyline.web.settings import CONTENT_SECURITY_POLICY, TOKEN_COOKIE
from storyline.web.views import q

TOKEN = "a-long-enough-test-token-1234"


@pytest.fixture(scope="module")
def client(example_db: str) -> TestClient:
    with TestClient(create_app(example_db), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def hostile_client(hostile_db: str) -> TestClient:
    with TestClient(create_app(hostile_db), base_url="http://127.0.0.1") as c:
        yield c


def _cli_json(*args: str) -> object:
    result = CliRunner().invoke(cli_app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- pages --------------------------------------------------------------------------------------------


def test_stories_page_lists_the_story_with_its_flags(client: TestClient, example_story: dict) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert html.escape(example_story["title"], quote=False) in page.text
    assert "badge-conflict" in page.text  # the example's sources disagree on the election's year
    assert "badge-rewrite" in page.text
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


def test_story_page_shows_origin_graph_and_conflict_first(client: TestClient, example_story: dict) -> None:
    page = client.get(f"/stories/{q(example_story['id'])}")
    assert page.status_code == 200
    text = page.text
    assert 'class="origin-external">Al Jazeera</strong>' in text
    assert "<svg" in text and "n-external" in text  # the outside origin is drawn in the copy graph
    facts = text[text.index('id="facts"'):]
    first_row = re.search(r'<tr class="fact status-(\w+)">', facts)
    assert first_row and first_row.group(1) == "conflict"
    assert "odd one out" in facts


def test_an_article_id_opens_its_story(client: TestClient, example_story: dict) -> None:
    member = example_story["analysis"]["relations"][0]["target"]
    page = client.get(f"/stories/{q(member)}", follow_redirects=False)
    assert page.status_code == 307 and page.headers["location"] == f"/stories/{q(example_story['id'])}"


def test_compare_page_links_the_same_passage_on_both_sides(client: TestClient, example_pair: tuple) -> None:
    source, target = example_pair
    page = client.get("/compare", params={"a": target, "b": source})  # the order asked does not matter
    assert page.status_code == 200
    left, right = page.text.split('class="side side-target"')
    assert 'id="s0" href="#t0"' in left and 'id="t0" href="#s0"' in right
    assert left.count('<mark class="passage') >= 2 and right.count('<mark class="passage') >= 2


def test_article_page_shows_text_metadata_and_removed_boilerplate(client: TestClient) -> None:
    page = client.get("/articles/002_9a53cd72fe307f51", params={"hl": ["0-9", "junk"]})
    assert page.status_code == 200
    assert "Removed boilerplate" in page.text and "Useful information" in page.text
    assert '<mark class="hl" id="hl-0">Venezuela</mark>' in page.text


def test_unknown_things_are_404(client: TestClient) -> None:
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/compare", params={"a": "nope", "b": "nada"}).status_code == 404
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/compare", params={"a": "x", "b": "x"}).status_code == 400


# -- API: the CLI's JSON --------------------------------------------------------------------------------


def test_api_stories_is_the_cli_listing_plus_flags(client: TestClient, example_db: str) -> None:
    api = client.get("/api/stories").json()
    cli = _cli_json("stories", "--db", example_db)
    assert [{k: v for k, v in item.items() if k != "flags"} for item in api] == cli
    assert api[0]["flags"]["conflicts"] >= 1


def test_api_show_facts_article_compare_match_the_cli(
    client: TestClient, example_db: str, example_story: dict, example_pair: tuple
) -> None:
    story_id = example_story["id"]
    show = client.get(f"/api/stories/{q(story_id)}").json()
    assert show.pop("analysed_at")
    assert show == _cli_json("show", story_id, "--db", example_db)
    assert show["origin"]["external"] == "Al Jazeera"
    assert client.get(f"/api/stories/{q(story_id)}/facts").json() == _cli_json("facts", story_id, "--db", example_db)
    article = "004_9441474bc40515fc"
    assert client.get(f"/api/articles/{article}").json() == _cli_json("article", article, "--db", example_db)
    source, target = example_pair
    compared = client.get("/api/compare", params={"a": source, "b": target}).json()
    assert compared == _cli_json("compare", source, target, "--db", example_db)
    assert compared["spans"]


def test_api_search_and_filters(client: TestClient, example_story: dict) -> None:
    def ids(**params: str) -> list[str]:
        return [s["id"] for s in client.get("/api/stories", params=params).json()]

    every_event = ids()
    assert set(ids(q="Maduro")) == set(every_event)  # every report names him
    assert example_story["id"] in every_event
    assert ids(q='"precautionary measures"') == [example_story["id"]]
    assert ids(q="zebra") == []
    assert ids(q="AND (") == []  # FTS5 syntax in the input is not an error
    assert ids(**{"from": "2024-12-13", "to": "2024-12-13"}) == [example_story["id"]]
    assert ids(**{"from": "2024-12-14"}) == []
    assert ids(source="Nobody") == []
    assert client.get("/api/stories", params={"from": "yesterday"}).status_code == 400
    storylines = client.get("/api/stories", params={"level": "storyline"}).json()
    assert example_story["id"] in [e["id"] for e in storylines[0]["events"]]


def test_openapi_schema_documents_the_api(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/compare"} <= set(
        schema["paths"]
    )
    assert "Show" in schema["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


# -- escaping -------------------------------------------------------------------------------------------


def test_hostile_text_is_escaped_on_every_page(hostile_client: TestClient, hostile: dict) -> None:
    article = hostile_client.get(f"/articles/{q(hostile['id'])}")
    assert article.status_code == 200
    story_id = hostile_client.get("/api/stories").json()[0]["id"]
    pages = [
        hostile_client.get("/").text,
        hostile_client.get(f"/stories/{q(story_id)}").text,
        article.text,
        hostile_client.get("/compare", params={"a": hostile["id"], "b": "calm-2"}).text,
        hostile_client.get("/", params={"q": "<script>"}).text,
    ]
    for text in pages:
        assert "<script" not in text and "<img" not in text and "onerror=" not in text.replace("onerror=&#", "")
        assert "<b onmouseover" not in text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in article.text
    assert 'href="javascript:' not in article.text  # a stored javascript: URL is shown, never linked


def test_json_keeps_hostile_text_as_data(hostile_client: TestClient, hostile: dict) -> None:
    got = hostile_client.get(f"/api/articles/{q(hostile['id'])}")
    assert got.headers["content-type"] == "application/json"
    assert got.json()["title"] == hostile["title"]


# -- security -------------------------------------------------------------------------------------------


def test_token_is_required_on_every_request(example_db: str) -> None:
    with TestClient(create_app(example_db, token=TOKEN), base_url="http://192.0.2.1") as c:
        for path in ("/", "/api/stories", "/static/style.css", "/api/openapi.json"):
            assert c.get(path).status_code == 401
        assert c.get("/api/stories", headers={"Authorization": "Bearer wrong-token-wrong-token"}).status_code == 401
        assert c.get("/api/stories", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        first = c.get("/", params={"token": TOKEN, "q": "Maduro"}, follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/?q=Maduro"  # token leaves the URL
        assert "HttpOnly" in first.headers["set-cookie"] and "SameSite=Strict" in first.headers["set-cookie"]
        assert c.cookies.get(TOKEN_COOKIE)
        assert c.get("/").status_code == 200  # the cookie now carries the token


def test_local_server_refuses_foreign_host_headers_and_cross_site_posts(client: TestClient, example_story: dict) -> None:
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400  # DNS rebinding
    assert client.get("/", headers={"Host": "localhost:8000"}).status_code == 200
    post = client.post(f"/api/stories/{q(example_story['id'])}/analyse", headers={"Origin": "http://evil.example"})
    assert post.status_code == 403


def test_a_story_without_analysis_offers_to_analyse_it(example_db: str, example_story: dict, tmp_path) -> None:
    import shutil

    from storyline.store import Library

    db = str(tmp_path / "copy.db")
    shutil.copy(example_db, db)
    with Library(db) as library:
        library._db.execute("UPDATE stories SET analysis = NULL, analysed_at = NULL")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        path = f"/stories/{q(example_story['id'])}"
        before = c.get(path).text
        assert "Analyse now" in before and "origin-external" not in before
        assert c.get("/").text.count("not analysed") == 1
        assert c.get(f"/api/stories/{q(example_story['id'])}").json()["analysed_at"] is None
        done = c.post(path + "/analyse", follow_redirects=False)
        assert done.status_code == 303 and done.headers["location"] == path
        after = c.get(path).text
        assert "Analyse now" not in after and 'class="origin-external">Al Jazeera' in after
