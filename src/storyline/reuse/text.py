"""Words with their character offsets, normalised for matching, and the word n-gram index of a text.

Alignment works on words, not characters: punctuation, quotes, accents and case are what copy desks change
most, and none of them should break a match. Every word keeps the character offsets it came from, so
whatever is found on words is reported as character offsets into the original text.

A :class:`TextProfile` is computed once per distinct text and cached, so aligning every pair inside a story
tokenizes each article once, not once per pair.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from storyline.reuse import settings

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?]['\"”’)\]]*(?=\s|$)|\n")
_word_memo: dict[str, str] = {}


def normalise_word(word: str) -> str:
    """Casefold and strip accents: ``González`` and ``Gonzalez`` are the same word to the aligner."""
    found = _word_memo.get(word)
    if found is None:
        found = word.casefold()
        if not found.isascii():
            found = "".join(c for c in unicodedata.normalize("NFKD", found) if not unicodedata.combining(c))
        if len(_word_memo) < settings.WORD_MEMO_SIZE:
            _word_memo[word] = found
    return found


@dataclass(frozen=True, slots=True)
class TextProfile:
    """A text as the aligner sees it.

    ``words[k]`` is the normalised k-th word, found at ``text[starts[k]:ends[k]]``; ``grams`` maps the hash
    of every word n-gram (``settings.SEED_NGRAM`` words) to the word positions where it starts, and
    ``gram_hashes[k]`` is the hash of the n-gram starting at word k (the same, as an array).
    """

    text: str
    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    grams: dict[int, list[int]]
    gram_hashes: np.ndarray

    def __len__(self) -> int:
        return len(self.words)


@lru_cache(maxsize=settings.PROFILE_CACHE_SIZE)
def profile(text: str) -> TextProfile:
    """The words, offsets and n-gram index of ``text`` (cached: one computation per distinct text)."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _WORD.finditer(text):
        words.append(normalise_word(m.group()))
        starts.append(m.start())
        ends.append(m.end())
    n = settings.SEED_NGRAM
    grams: dict[int, list[int]] = {}
    hashes: list[int] = []
    for k in range(len(words) - n + 1):
        h = hash(tuple(words[k : k + n]))
        hashes.append(h)
        at = grams.get(h)
        if at is None:
            grams[h] = [k]
        else:
            at.append(k)
    return TextProfile(text, tuple(words), tuple(starts), tuple(ends), grams, np.array(hashes, dtype=np.int64))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences (and lines) of ``text``, stripped of surrounding whitespace.

    A plain punctuation splitter: good enough to talk about "lines" and "sentences" of a copy; it is not
    meant for linguistics.
    """
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        _append_stripped(text, begin, end, spans)
        begin = end
    _append_stripped(text, begin, len(text), spans)
    return spans


def _append_stripped(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        spans.append((begin, end))
