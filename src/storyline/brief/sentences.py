"""Sentence splitting with character offsets, written for news text.

News wire text breaks naive splitters in a few recurring ways, and each has a rule here:

- abbreviations and initials end in a period but not a sentence: ``Mr. Smith``, ``Gen. Pinochet``,
  ``Sep. 24``, ``John F. Kennedy``, ``the U.S. embassy``;
- a sentence may end inside a quotation: ``he said, "We will go."`` or the wire's ``We will go.''``;
- the first line may carry a dateline (``WASHINGTON (AP) _``), which belongs to no sentence;
- pre-tokenized corpora put spaces before punctuation (``said . The``);
- paragraphs and headlines are separated by newlines without a final period.

The splitter returns character spans into the original text, so every later offset (brief sentences,
citations, disputed spans) refers to the article's stored ``text`` unchanged.

>>> text = 'Mr. Smith went to the U.S. embassy. "It is closed," he said.'
>>> [text[a:b] for a, b in split_sentences(text)]
['Mr. Smith went to the U.S. embassy.', '"It is closed," he said.']
"""

from __future__ import annotations

import re

from storyline.brief import settings

# A candidate end: one or more terminal marks, then any closing quotes or brackets. The wire's closing
# quote is two apostrophes (''), so apostrophes are allowed in the run.
_END = re.compile(r"[.!?]+(?:['\"’”)\]]|'')*")
# What may open the next sentence: opening quotes or brackets, then an upper-case letter or a digit.
_OPENING = re.compile(r"\s+(?:``|[\"'‘“(\[])?\s?[A-Z0-9]")
# A dateline opening a paragraph: a place ("WASHINGTON", "Caracas [Venezuela]", "KHARTOUM, Sudan"), then
# optionally a date ("December 13", "May 2, 2009") and an agency ("(AP)"), then a dash, underscore or colon.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'/\-]*(?:\s[A-Z][A-Za-z.'/\-]*){0,3})"
    r"(?:\s?\[[^\]\n]{1,30}\]|,\s[A-Z][A-Za-z.'\-]*(?:\s[A-Z][A-Za-z.'\-]*){0,2})?"
    rf"(?P<date>,?\s{_MONTH}\s\d{{1,2}}(?:,\s\d{{4}})?)?"
    r"(?P<agency>\s?\([A-Za-z .&\-]{1,30}\))?"
    r"\s?(?:—|--|–|_|-|:)\s+"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")
_INITIAL = re.compile(r"^[A-Z]$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences and return their ``(start, end)`` character spans.

    Spans are trimmed of surrounding whitespace and never include a paragraph's leading dateline. Blank
    lines always end a sentence; single newlines do too unless the text is hard-wrapped (most long lines
    end mid-sentence), in which case they are treated as spaces.
    """
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        start = _dateline_end(text, block_start, block_end)
        spans.extend(_split_block(text, start, block_end))
    return spans


def _dateline_end(text: str, start: int, end: int) -> int:
    """Offset just after a dateline opening ``text[start:end]`` (``KHARTOUM, Sudan (AP) _``,
    ``Moscow, May 2 (Reuters) -``), or ``start`` when there is none.

    A capitalised phrase before a dash is often just a sentence ("Mr Smith - who ..."), so it counts as a
    dateline only with a dateline's marks: a place in capitals, a date, or an agency in brackets.
    """
    match = _DATELINE.match(text, start, end)
    if not match:
        return start
    letters = [c for c in match.group("place") if c.isalpha()]
    shouting = len(letters) >= 2 and all(c.isupper() for c in letters)
    if not (shouting or match.group("date") or match.group("agency")):
        return start
    return match.end()


def _blocks(text: str) -> list[tuple[int, int]]:
    """Cut the text at hard paragraph breaks: blank lines, and single newlines unless hard-wrapped."""
    breaker = _BLANK_LINE if _is_hard_wrapped(text) else _NEWLINE
    blocks = []
    position = 0
    for match in breaker.finditer(text):
        blocks.append((position, match.start()))
        position = match.end()
    blocks.append((position, len(text)))
    return [_trim(text, a, b) for a, b in blocks if text[a:b].strip()]


def _is_hard_wrapped(text: str) -> bool:
    """True when most long lines end without sentence-final punctuation: newlines are line wrapping."""
    lines = [line.rstrip() for line in text.split("\n")]
    long_lines = [line for line in lines[:-1] if len(line) >= settings.WRAPPED_LINE_MIN_CHARS]
    if len(long_lines) < settings.WRAPPED_MIN_LINES:
        return False
    open_ended = sum(1 for line in long_lines if line[-1] not in ".!?\"'”’:)")
    return open_ended / len(long_lines) >= settings.WRAPPED_OPEN_SHARE


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    sentence_start = start
    for match in _END.finditer(text, start, end):
        cut = match.end()
        following = _OPENING.match(text, cut, end)
        if cut < end and not following:
            continue
        if cut < end and not _ends_sentence(text, sentence_start, match.start(), following.end() - 1):
            continue
        spans.append(_trim(text, sentence_start, cut))
        sentence_start = cut
    if text[sentence_start:end].strip():
        spans.append(_trim(text, sentence_start, end))
    return [(a, b) for a, b in spans if b > a]


def _ends_sentence(text: str, sentence_start: int, mark: int, next_start: int) -> bool:
    """Decide whether the terminal mark at ``mark`` ends a sentence, looking at the word it closes and at
    the word starting at ``next_start``."""
    if text[mark] != ".":
        return True  # "!" and "?" followed by a capital are endings
    if text.startswith("...", mark):
        return True
    # The word the period is attached to; in pre-tokenized text (" . ") it stands alone and ends a sentence.
    word_start = mark
    while word_start > sentence_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:mark].lstrip("(\"'`‘“[")
    if not word:
        return True
    next_token = text[next_start : next_start + 40].split(None, 1)[0]
    if word.lower() in settings.ABBREVIATIONS or word.lower() in settings.MONTH_ABBREVIATIONS:
        return False
    if word.lower() in settings.NUMBER_ABBREVIATIONS and next_token[:1].isdigit():
        return False
    if _INITIAL.match(word):
        return False  # "John F. Kennedy"
    if _DOTTED_ACRONYM.match(word):
        # "U.S." ends a sentence only when an ordinary sentence opener follows: "in the U.S. The ..."
        return next_token.strip(",;:").lower() in settings.SENTENCE_OPENERS
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
