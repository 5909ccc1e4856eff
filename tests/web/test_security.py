"""Where the server may listen, and with what token."""

from __future__ import annotations

import pytest

from storyline.web.security import ServeRefused, check_serve, is_local_host
from storyline.web.server import serve, startup_message


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2", "[::1]"])
def test_loopback_names_are_local(host: str) -> None:
    assert is_local_host(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org", ""])
def test_other_addresses_are_not(host: str) -> None:
    assert not is_local_host(host)


def test_a_non_local_host_needs_a_token() -> None:
    with pytest.raises(ServeRefused, match="--token"):
        check_serve("0.0.0.0", None)
    with pytest.raises(ServeRefused, match="too short"):
        check_serve("0.0.0.0", "short")
    check_serve("0.0.0.0", "a-long-enough-test-token-1234")
    check_serve("127.0.0.1", None)


def test_serve_refuses_before_listening(tmp_path) -> None:
    with pytest.raises(ServeRefused, match="Refusing to listen on 0.0.0.0"):
        serve("0.0.0.0", 0, None, str(tmp_path / "none.db"))
    with pytest.raises(ServeRefused, match="No library"):
        serve("127.0.0.1", 0, None, str(tmp_path / "none.db"))


def test_startup_message_never_prints_the_token() -> None:
    message = startup_message("0.0.0.0", 8000, with_token=True)
    assert "?token=YOUR_TOKEN" in message and "http://0.0.0.0:8000/" in message
