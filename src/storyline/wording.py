"""How counts and values read in every output (terminal, web UI, evidence and notes stored with stories)."""

from __future__ import annotations

from typing import Any


def counted(n: int, noun: str) -> str:
    """``n`` and the noun, plural unless ``n`` is 1: "1 article", "3 articles", "2 stories"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else f"{n} {noun}s"


def verb(n: int, plural: str, singular: str) -> str:
    """The verb form agreeing with a count of ``n``: ``verb(1, "credit", "credits")`` is "credits"."""
    return singular if n == 1 else plural


def value_text(value: Any, unit: str | None = None) -> str:
    """A fact's value as a reader writes it: 3 rather than 3.0, a range as "2024-12-10 – 2024-12-12"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list | tuple):
        value = " – ".join(str(v) for v in value)
    return f"{value} {unit}" if unit else str(value)
