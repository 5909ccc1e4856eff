"""Bytes to text: BOMs, UTF-8, declared charsets, legacy guesses, and refusing what cannot be read."""

from __future__ import annotations

import random

import pytest

from storyline.ingest.decode import (
    DecodeError,
    binary_kind,
    declared_charset,
    decode_bytes,
    odd_character_share,
)

SENTENCES = {
    "en": "He said \u201cyes\u201d \u2014 and left. The caf\u00e9 was closed; \u20ac5 fee. Don\u2019t go.",
    "fr": "Caf\u00e9 cr\u00e8me na\u00efve r\u00e9sum\u00e9 \u00e0 la fa\u00e7on de Gen\u00e8ve, dit-il.",
    "de": "\u00dcber 2.000 Menschen wurden festgenommen, nachdem Proteste gegen den Wahlsieg begannen.",
    "pl": "Rz\u0105d Wenezueli uwolni\u0142 103 wi\u0119\u017ani\u00f3w zatrzymanych po spornych wyborach.",
    "ru": "\u041f\u0440\u0430\u0432\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e "
          "\u043e\u0441\u0432\u043e\u0431\u043e\u0434\u0438\u043b\u043e 103 "
          "\u0437\u0430\u043a\u043b\u044e\u0447\u0451\u043d\u043d\u044b\u0445 "
          "\u043f\u043e\u0441\u043b\u0435 \u0432\u044b\u0431\u043e\u0440\u043e\u0432.",
    "el": "\u0397 \u03ba\u03c5\u03b2\u03ad\u03c1\u03bd\u03b7\u03c3\u03b7 "
          "\u03b1\u03c0\u03b5\u03bb\u03b5\u03c5\u03b8\u03ad\u03c1\u03c9\u03c3\u03b5 103 "
          "\u03ba\u03c1\u03b1\u03c4\u03bf\u03cd\u03bc\u03b5\u03bd\u03bf\u03c5\u03c2.",
    "ja": "\u30d9\u30cd\u30ba\u30a8\u30e9\u653f\u5e9c\u306f\u9078\u6319\u5f8c\u306b\u62d8\u675f\u3055\u308c\u305f"
          "103\u4eba\u3092\u91c8\u653e\u3057\u305f\u3002",
    "zh": "\u59d4\u5185\u745e\u62c9\u653f\u5e9c\u91ca\u653e\u4e86\u9009\u4e3e\u540e\u88ab\u62d8\u7559\u7684"
          "103\u540d\u56da\u72af\u3002",
}


@pytest.mark.parametrize(
    ("language", "encoding"),
    [("en", "cp1252"), ("fr", "cp1252"), ("fr", "latin-1"), ("de", "cp1252"), ("de", "latin-1"),
     ("pl", "cp1250"), ("ru", "cp1251"), ("el", "cp1253"), ("ja", "shift_jis"), ("ja", "euc-jp"),
     ("zh", "gb18030")],
)
def test_legacy_encodings_decode_to_the_original_text(language, encoding):
    text = SENTENCES[language]
    assert decode_bytes(text.encode(encoding)).text == text


def test_latin1_is_reported_as_its_superset_cp1252():
    assert decode_bytes("caf\u00e9".encode("latin-1")).encoding == "cp1252"


def test_utf8_and_boms():
    assert decode_bytes("caf\u00e9".encode()).encoding == "utf-8"
    decoded = decode_bytes(b"\xef\xbb\xbfcaf\xc3\xa9")
    assert (decoded.text, decoded.encoding) == ("caf\u00e9", "utf-8")
    for name in ("utf-16", "utf-32"):
        decoded = decode_bytes("caf\u00e9 \u201cx\u201d".encode(name))
        assert decoded.text == "caf\u00e9 \u201cx\u201d" and decoded.encoding.startswith(name)


def test_utf16_without_bom_is_recognised():
    text = "Officials released 103 prisoners on Thursday."
    assert decode_bytes(text.encode("utf-16-le")).text == text
    assert binary_kind(text.encode("utf-16-le")) is None


def test_declared_charset_is_used_when_not_utf8():
    data = '<meta charset="windows-1251"><p>\u041c\u0438\u0440</p>'.encode("cp1251")
    assert declared_charset(data) == "cp1251"
    assert decode_bytes(data, declared_charset(data)).text.endswith("\u041c\u0438\u0440</p>")
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-1"?><rss/>') == "cp1252"


def test_mostly_utf8_with_a_stray_byte_keeps_utf8_and_counts_the_damage():
    data = ("R\u00e9sum\u00e9 of the caf\u00e9 " * 5).encode() + b"\xe9 end"
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8" and decoded.replaced == 1
    assert decoded.text.startswith("R\u00e9sum\u00e9")


def test_random_bytes_cannot_be_decoded():
    rng = random.Random(3)
    data = bytes(rng.choice(range(1, 256)) for _ in range(3000))
    with pytest.raises(DecodeError, match="cannot detect text encoding"):
        decode_bytes(data)


def test_odd_character_share_separates_text_from_mojibake():
    assert odd_character_share(SENTENCES["fr"]) == 0.0
    assert odd_character_share(SENTENCES["ru"].encode("cp1251").decode("cp1252")) > 0.5
    assert odd_character_share(SENTENCES["pl"].encode("cp1250").decode("cp1252")) > 0.1


@pytest.mark.parametrize(
    ("head", "kind"),
    [(b"\x89PNG\r\n\x1a\nxxxx", "PNG image"), (b"PK\x03\x04rest", "zip archive"), (b"\x1f\x8b\x08\x00", "gzip"),
     (b"\x7fELF\x02\x01", "ELF"), (b"\x00\x00\x00\x18ftypmp42", "MP4"), (b"abc\x00def", "NUL")],
)
def test_binary_kinds(head, kind):
    assert kind in binary_kind(head)


def test_text_is_not_binary():
    assert binary_kind(b"plain text\n") is None
    assert binary_kind("caf\u00e9".encode("cp1252")) is None
