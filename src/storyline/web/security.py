"""Who may talk to the server, and what the browser may do with its pages.

- **Where it listens**: loopback by default. Listening anywhere else needs a token (:func:`check_serve`),
  and then every request must carry it: ``Authorization: Bearer TOKEN``, or the cookie set when a
  browser first opens a page with ``?token=TOKEN`` (the server answers with a redirect to the same page
  without the token, so it does not stay in the address bar or the history).
- **Which Host**: a server on loopback without a token accepts only local ``Host`` headers, so a web
  page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) cannot read it.
- **Which origin may post**: a request that changes something (POST) from another site's page is refused.
- **What pages may do**: every response carries a strict Content-Security-Policy (only this server's
  scripts and styles, nothing inline) and headers against sniffing, framing and referrer leaks.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from storyline.web import settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = [
    (b"content-security-policy", settings.CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class ServeRefused(ValueError):
    """The server will not start with these options; the message says why and what to do instead."""


def is_local_host(host: str) -> bool:
    """True for names and addresses that reach only this machine: ``localhost``, 127.0.0.0/8, ``::1``."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_serve(host: str, token: str | None) -> None:
    """Refuse (:class:`ServeRefused`) to listen on a non-local ``host`` without a long enough ``token``."""
    if is_local_host(host):
        if token is not None and len(token) < settings.TOKEN_MIN_LENGTH:
            raise ServeRefused(_short_token_message())
        return
    if not token:
        raise ServeRefused(
            f"Refusing to listen on {host}: anyone who can reach this machine could read the library. "
            f"Give a token with --token (or ${settings.TOKEN_ENV}); every request must then carry it. "
            f"Make one with: python -c \"import secrets; print(secrets.token_urlsafe())\". "
            f"To stay on this machine only, use --host {settings.DEFAULT_HOST}."
        )
    if len(token) < settings.TOKEN_MIN_LENGTH:
        raise ServeRefused(_short_token_message())


def _short_token_message() -> str:
    return (
        f"The token is too short: use at least {settings.TOKEN_MIN_LENGTH} characters, e.g. from "
        "python -c \"import secrets; print(secrets.token_urlsafe())\"."
    )


class SecurityMiddleware:
    """ASGI middleware enforcing the rules of the module docstring.

    ``token``: required on every request when given. ``allowed_hosts``: Host names accepted (any port);
    ``None`` accepts any, which is right only behind a token.
    """

    def __init__(self, app: ASGIApp, token: str | None = None, allowed_hosts: tuple[str, ...] | None = None) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.allowed_hosts is not None and _host_name(host) not in self.allowed_hosts:
            await _plain(send, 400, "Unknown Host header: open this server as http://127.0.0.1:PORT/.")
            return
        if scope.get("method") not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers, host):
            await _plain(send, 403, "Cross-site request refused.")
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True))
            given = query.get(settings.TOKEN_QUERY)
            if given is not None and _equal(given, self.token):
                await _set_cookie_and_redirect(scope, send, self.token)
                return
            if not self._authorised(headers):
                await _unauthorised(send, headers)
                return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _authorised(self, headers: dict[str, str]) -> bool:
        assert self.token is not None
        scheme, _, value = headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and _equal(value.strip(), self.token):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is no credential, not a server error
            return False
        morsel = cookie.get(settings.TOKEN_COOKIE)
        return morsel is not None and _equal(unquote(morsel.value), self.token)


def _equal(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), token.encode("utf-8", "surrogatepass"))


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):  # [::1]:8000
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same_origin(headers: dict[str, str], host: str) -> bool:
    origin = headers.get("origin")
    if origin is None:
        return True  # not sent by a browser's cross-site form or fetch (they always send Origin on POST)
    return urlsplit(origin).netloc.lower() == host.lower()


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    await send({
        "type": "http.response.start", "status": status,
        "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                    *SECURITY_HEADERS, *(extra or [])],
    })
    await send({"type": "http.response.body", "body": body})


async def _unauthorised(send: Send, headers: dict[str, str]) -> None:
    text = (
        "This storyline server needs its token: send 'Authorization: Bearer TOKEN', "
        f"or open any page once with ?{settings.TOKEN_QUERY}=TOKEN in a browser."
    )
    await _plain(send, 401, text, [(b"www-authenticate", b'Bearer realm="storyline"')])


async def _set_cookie_and_redirect(scope: Scope, send: Send, token: str) -> None:
    """Remember the token in a cookie the browser sends back (HttpOnly: no script reads it; SameSite=Strict:
    no other site's page sends it) and reload the page without the token in its address."""
    query = [
        (k, v) for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if k != settings.TOKEN_QUERY
    ]
    path = scope.get("raw_path") or quote(scope["path"]).encode()
    # One leading slash: "//host/..." would send the browser to another site.
    location = "/" + path.decode("latin-1").lstrip("/") + (f"?{urlencode(query)}" if query else "")
    # Quoted, so a token with ';' or spaces cannot break out of the cookie.
    cookie = f"{settings.TOKEN_COOKIE}={quote(token, safe='')}; Path=/; HttpOnly; SameSite=Strict"
    if scope.get("scheme") == "https":
        cookie += "; Secure"
    await send({
        "type": "http.response.start", "status": 303,
        "headers": [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1")),
                    (b"content-length", b"0"), *SECURITY_HEADERS],
    })
    await send({"type": "http.response.body", "body": b""})
