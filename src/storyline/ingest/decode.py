"""Bytes to text: binary detection, then BOM, UTF-8, a declared charset, and a guarded legacy guess.

The order follows what is most often right for news inputs: a byte-order mark is authoritative; UTF-8 is
what nearly every modern file is, and a non-ASCII byte sequence that happens to be valid UTF-8 is almost
never anything else; a charset the document declares (an HTML ``<meta charset>``, an XML prolog, an HTTP
header) comes next; only then are legacy encodings guessed, with windows-1252 (the HTML standard's
replacement for latin-1) tried first and charset-normalizer's candidates after it, each scored for
mojibake so that a guess that produces garbage is refused rather than stored.

>>> decode_bytes("café".encode("cp1252")).encoding
'cp1252'
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

from storyline.ingest import settings

# Leading bytes of common binary formats, checked before any decoding so that a PNG or a zip renamed
# .txt is reported as what it is rather than as an encoding failure.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive (or an Office/EPUB document)"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"\x7fELF", "executable (ELF)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document (OLE)"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM video"),
    (b"PAR1", "Parquet file"),
    (b"ARROW1", "Arrow file"),
    (b"\x00asm", "WebAssembly module"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(slots=True)
class Decoded:
    """Text decoded from bytes, the codec used, and how many invalid bytes were replaced (0 normally)."""

    text: str
    encoding: str
    replaced: int = 0


class DecodeError(ValueError):
    """The bytes could not be decoded with reasonable confidence; the message says why."""


def binary_kind(head: bytes) -> str | None:
    """Name the binary format ``head`` (the first bytes of an input) starts with, or None if it may be text.

    Known magic numbers are named; otherwise a NUL byte marks binary content, unless the input is UTF-16 or
    UTF-32 (announced by a BOM, or recognisable by NULs on every other byte position).
    """
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:12] in (b"ftypisom", b"ftypmp42", b"ftypM4A ") or head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if head.startswith(b"RIFF") and head[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[head[8:12]]
    if b"\x00" not in head:
        return None
    if bom_encoding(head) or _utf16_without_bom(head):
        return None
    return "contains NUL bytes"


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` announces, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def wide_encoding(head: bytes) -> str | None:
    """The codec to transcode a UTF-16/UTF-32 stream with (BOM-consuming when there is a BOM), or None for
    byte-oriented encodings, which line-based readers can split on b"\\n" directly."""
    bom = bom_encoding(head)
    if bom and bom != "utf-8":
        return bom[:6]  # "utf-16" / "utf-32": these codecs read and drop the BOM
    if b"\x00" in head[:4096]:
        return _utf16_without_bom(head)
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    # Mostly-ASCII text in UTF-16 has a NUL in every second byte; binary data does not keep that rhythm.
    sample = head[: len(head) - len(head) % 2][:4096]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) // 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) // 2)
    if odd_nuls > 0.9 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.9 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """``data`` without its byte-order mark, and the encoding the mark announced (or None)."""
    name = bom_encoding(data)
    if name is None:
        return data, None
    for bom, bom_name in _BOMS:
        if bom_name == name:
            return data[len(bom) :], name
    return data, name  # pragma: no cover - every name comes from _BOMS


def normalise_codec(name: str | None) -> str | None:
    """A declared charset as a Python codec name (``"ISO-8859-1"`` -> ``"cp1252"``), or None if unknown.

    Latin-1 and ASCII declarations are read as windows-1252, as browsers do: pages that declare latin-1
    routinely use the 0x80-0x9F typographic characters (curly quotes, dashes) that only windows-1252 has.
    """
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML prolog in ``head`` declares, as a codec name, or None."""
    match = _XML_ENCODING.search(head[:1024]) or _META_CHARSET.search(head[: settings.SNIFF_BYTES])
    return normalise_codec(match.group(1).decode("ascii")) if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``: BOM, then UTF-8, then the ``declared`` charset, then a guarded legacy guess.

    Raises :class:`DecodeError` when no decoding is plausible (the caller turns it into an InputProblem).
    """
    body, bom = strip_bom(data)
    if bom:
        try:
            return Decoded(body.decode(bom), bom)
        except UnicodeDecodeError as error:
            raise DecodeError(f"invalid {bom} text after its byte-order mark ({error.reason})") from None
    # Before UTF-8: ASCII text in UTF-16 is also valid UTF-8, with a NUL after every letter.
    utf16 = _utf16_without_bom(data[:4096]) if b"\x00" in data[:4096] else None
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError:
            pass
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    codec = normalise_codec(declared)
    if codec and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; fall through to guessing
    return _guess_legacy(data)


# A valid UTF-8 multi-byte sequence (2, 3 or 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _mostly_utf8(data: bytes) -> Decoded | None:
    valid = len(_UTF8_MULTIBYTE.findall(data))
    if valid == 0:
        return None
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if invalid <= 0 or valid < invalid * settings.UTF8_VALID_TO_INVALID_RATIO:
        return None
    return Decoded(text, "utf-8", replaced=invalid)


def _guess_legacy(data: bytes) -> Decoded:
    candidates: list[str] = ["cp1252"]
    for match in charset_normalizer.from_bytes(data):
        if match.encoding not in candidates:
            candidates.append(match.encoding)
    best: tuple[float, Decoded] | None = None
    for name in candidates:
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = odd_character_share(text[: settings.ENCODING_SCORE_CHARS])
        # Strictly lower wins: ties keep the earlier candidate, windows-1252 first.
        if best is None or score < best[0]:
            best = (score, Decoded(text, normalise_codec(name) or name))
    if best is None or best[0] > settings.MAX_ODD_CHARACTER_SHARE:
        raise DecodeError("cannot detect text encoding (not UTF-8, and no legacy encoding gives plausible text)")
    return best[1]


# Characters that legitimately sit between two letters in real text (apostrophes, the Catalan middle dot).
_ALLOWED_INSIDE_WORDS = frozenset("'’‘´·-‐")
_WORD = re.compile(r"\w{4,}")
_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC")


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    try:
        first = unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "?"
    return "CJK" if first in _CJK_NAMES else first


def odd_character_share(text: str) -> float:
    """Share of a text's non-ASCII characters that look like mojibake rather than writing.

    Counted as odd: control and unassigned characters, the replacement character, a symbol wedged between
    two letters (``Rz¹d``: Polish read as windows-1252), letters of two scripts in one word, and Latin words
    made mostly of accented letters (``Ïðàâèòåëüñòâî``: Russian read as windows-1252). Language-neutral, so
    it ranks decodings without knowing the language; 0.0 for plain ASCII.
    """
    non_ascii = odd = 0
    last = len(text) - 1
    for i, char in enumerate(text):
        code = ord(char)
        if code < 128:
            if code < 32 and char not in "\t\n\r\f\v":
                odd += 1
                non_ascii += 1
            continue
        non_ascii += 1
        category = unicodedata.category(char)
        if category[0] == "C" or char == "\ufffd" or (
            category[0] not in "LM"
            and char not in _ALLOWED_INSIDE_WORDS
            and 0 < i < last
            and text[i - 1].isalpha()
            and text[i + 1].isalpha()
        ):
            odd += 1
    if non_ascii == 0:
        return 0.0
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = {_script(c) for c in word if c.isalpha()}
        if len(scripts) > 1:
            odd += len(word) // 2
        elif scripts == {"LATIN"}:
            accented = sum(1 for c in word if not c.isascii())
            if accented * 4 >= len(word) * 3:
                odd += accented
    return min(1.0, odd / non_ascii)
