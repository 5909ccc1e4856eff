"""What a line looks like: how many words, whether it reads as a sentence, which content words it has.

Boilerplate and headline rules decide on these few shape features instead of on particular strings, so
that they carry over to sites and languages the rules were not written on.
"""

from __future__ import annotations

import re

# Scripts written without spaces between words: count about one word per two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]")
_SENTENCE_ENDS = frozenset(".!?…。！？")
_CLOSERS = "'\"”’»)] \t"
_LETTER = re.compile(r"[^\W\d_]")
_CONTENT_TOKEN = re.compile(r"[^\W\d_]{3,}")
_UNSPACED_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")

# Function words left out of content-word comparisons (English, where our benchmark text is; other
# languages simply keep theirs, which only makes the overlap tests a little easier to pass).
STOPWORDS = frozenset(
    """the and for are but not you all any can had her was one our out has him his how its may new now
    old see two way who did get let put say she too use that with have this will your from they been
    were said what when where which while their there these those them then than into over also after
    about would could should more most some such only other very just because under between being
    through during before again further here once both each few nor own same so off why upon""".split()
)


def word_count(line: str) -> int:
    """Words in ``line`` (whitespace-separated tokens); in Chinese, Japanese and Thai text, which has no
    spaces between words, about one word per two characters."""
    count = len(line.split())
    if not line.isascii():
        unspaced = len(_UNSPACED.findall(line))
        if unspaced:
            count += unspaced // 2
    return count


def is_sentence_like(line: str) -> bool:
    """Whether ``line`` ends as a sentence does (full stop, question or exclamation mark, ellipsis),
    perhaps inside closing quotes or brackets."""
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDS


def has_letters(line: str) -> bool:
    return _LETTER.search(line) is not None


def content_stems(text: str) -> set[str]:
    """The content words of ``text`` as casefolded 5-letter prefixes (a cheap stem: "releases" and
    "released" meet at "relea"); character pairs for text written without spaces."""
    stems = {w[:5] for w in (t.casefold() for t in _CONTENT_TOKEN.findall(text)) if w not in STOPWORDS}
    for run in _UNSPACED_RUN.findall(text):
        stems.update(run[i : i + 2] for i in range(len(run) - 1))
    return stems
