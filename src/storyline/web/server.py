"""``storyline serve``: the web UI and API on one library, with uvicorn.

    serve("127.0.0.1", 8000, None, "storyline.db")

Listens on loopback by default. Any other address needs a token (see :mod:`storyline.web.security`);
without one, :func:`serve` raises :class:`~storyline.web.security.ServeRefused` with a message that says
what to do, before opening any socket.
"""

from __future__ import annotations

from pathlib import Path

from storyline.web.security import ServeRefused, check_serve, is_local_host

__all__ = ["ServeRefused", "serve", "startup_message"]


def serve(host: str, port: int, token: str | None, db: str, log_level: str = "info") -> None:
    """Serve the library at ``db`` on ``host:port`` until interrupted.

    Raises :class:`ServeRefused` when ``host`` is not local and no token (of at least
    :data:`~storyline.web.settings.TOKEN_MIN_LENGTH` characters) is given, or when ``db`` is not a library.
    """
    import uvicorn

    from storyline.store import Library, LibraryError, search
    from storyline.web.app import create_app

    check_serve(host, token)
    if db != ":memory:" and not Path(db).exists():
        raise ServeRefused(f"No library at {db}. Ingest something first: storyline ingest PATH --db {db}")
    try:
        with Library(db) as library:  # migrates an older library once, before the workers open it
            search.index_new_articles(library)
    except LibraryError as exc:
        raise ServeRefused(str(exc)) from exc
    app = create_app(db, token=token)
    print(startup_message(host, port, token is not None), flush=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)


def startup_message(host: str, port: int, with_token: bool) -> str:
    """What the terminal shows: where to open the UI (never the token itself)."""
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    if with_token:
        return (f"storyline: serving on {url} ; every request needs the token: open {url}?token=YOUR_TOKEN once "
                "in a browser, or send 'Authorization: Bearer YOUR_TOKEN'.")
    where = "this machine only" if is_local_host(host) else "the network"
    return f"storyline: serving on {url} ({where}); Ctrl+C stops."


class running:  # noqa: N801 - used as a context manager, named for how it reads: `with running(app) as url`
    """Serve an ASGI app on loopback in a background thread for the length of a ``with`` block; the
    block gets the base URL. For tests, screenshots and benchmarks (``port=0`` picks a free port).

    >>> from storyline.web.app import create_app
    >>> with running(create_app(":memory:")) as url:  # doctest: +SKIP
    ...     httpx.get(url + "api/stories").json()
    """

    def __init__(self, app: object, host: str = "127.0.0.1", port: int = 0) -> None:
        import socket
        import threading

        import uvicorn

        self._socket = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{self.port}/"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", server_header=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, name="storyline-web", daemon=True
        )

    def __enter__(self) -> str:
        import time

        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()
