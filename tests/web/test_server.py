"""`serve` as a user runs it: a real uvicorn process, a non-local host, a token on every request."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx
import pytest

TOKEN = "a-long-enough-test-token-1234"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def exposed_server(example_db: str):
    """``serve("0.0.0.0", port, TOKEN, db)`` in its own process; yields its loopback URL."""
    port = _free_port()
    code = f"from storyline.web.server import serve; serve('0.0.0.0', {port}, {TOKEN!r}, {example_db!r})"
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(process.stdout.read().decode() if process.stdout else "no start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_exposed_server_answers_only_with_its_token(exposed_server: str) -> None:
    assert httpx.get(exposed_server + "/api/stories").status_code == 401
    assert httpx.get(exposed_server + "/").status_code == 401
    authorised = httpx.get(exposed_server + "/api/stories", headers={"Authorization": f"Bearer {TOKEN}"})
    assert authorised.status_code == 200 and authorised.json()
    with httpx.Client(base_url=exposed_server, follow_redirects=True) as browser_like:
        assert browser_like.get("/", params={"token": TOKEN}).status_code == 200  # sets the cookie
        assert browser_like.get("/api/stories").status_code == 200


def test_serve_command_refuses_a_non_local_host_without_token(example_db: str) -> None:
    code = f"from storyline.web.server import serve; serve('0.0.0.0', {_free_port()}, None, {example_db!r})"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "Refusing to listen on 0.0.0.0" in done.stderr and "--token" in done.stderr
