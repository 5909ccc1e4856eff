"""Direct quotes and who said them.

A quote is the text between quotation marks (curly, straight, or ASCII ``…'', paired within a paragraph; a quote left
open runs to the paragraph's end, as news style does for multi-paragraph quotes) of at least
``settings.QUOTE_MIN_WORDS`` words: shorter ones are scare quotes ("precautionary measures").

The speaker is read from the attribution around it: ``“…,” he said``, ``“…,” said Foreign Minister X``,
``X said: “…”``, ``according to X``. A pronoun is the nearest person named before the quote; a quote that
opens a paragraph with no attribution continues the previous paragraph's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.facts import settings
from storyline.facts.entities import EntityMention
from storyline.facts.lexicon import COMMON_SPEAKERS, SPEECH_VERBS, STOPWORDS, TITLES
from storyline.facts.text import fold

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME = rf"[{_UPPER}][\wÀ-ÿ'’\-]*(?:\s+(?:(?:de|del|la|van|von|bin|al)\s+)?[{_UPPER}][\wÀ-ÿ'’\-]*)*"
_VERBS = "|".join(sorted(SPEECH_VERBS, key=len, reverse=True))
_TITLE_WORDS = r"(?:(?:[a-z\-]+\s+){0,3}?)"
_PRONOUN = r"he|she|they|He|She|They"
# after the closing mark: ', he said' / ', Smith said' / ', Smith, a former minister, said' / ', said Foreign
# Minister Smith' / ', said one of Anwar's lawyers, Pawancheek Marican'
_APPOSITIVE = r"(?:,\s+[^,.;:\"“”`']{1,70},)?"
_AFTER_SUBJECT_VERB = re.compile(rf"^[\s,.]*(?P<who>{_PRONOUN}|{_NAME}){_APPOSITIVE}\s+(?:{_VERBS})\b")
_AFTER_VERB_SUBJECT = re.compile(
    rf"^[\s,.]*(?:{_VERBS})\s+(?:the\s+)?{_TITLE_WORDS}?(?P<who>{_NAME})(?:\s+[a-z][a-z\s\-]{{0,30}},\s+(?P<named>{_NAME}))?")
# before the opening mark: 'Smith said: ' / 'according to Smith, '
_BEFORE = re.compile(
    rf"(?:(?P<who>{_PRONOUN}|{_NAME})\s+(?:{_VERBS})(?:\s+that)?|according\s+to\s+(?P<who2>{_NAME}))[\s,:]*$"
)
# the sentence before: '..., said Mahathir. "There is no exodus..."' (the speaker goes on)
_BEFORE_VERB_SUBJECT = re.compile(rf"(?:{_VERBS})\s+(?:the\s+)?{_TITLE_WORDS}?(?P<who>{_NAME})[.:]\s*$")
_SENTENCE_SPEAKER = re.compile(rf"(?:^|(?<=\s))(?P<who>{_PRONOUN}|{_NAME})\s+(?:{_VERBS})\b")
# ``…'' is how wire copy of the 1990s (the TDT and DUC collections) and LaTeX write curly quotes in ASCII.
_OPENING = re.compile("``|[“\"«]")
_OPEN_CLOSE = {"“": "”", "\"": "\"", "«": "»", "``": "''"}


@dataclass(slots=True)
class QuoteMention:
    """Quoted words (without the marks), their span, and the speaker as written and as a canonical key."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_key: str | None = None
    sentence: tuple[int, int] = (0, 0)


def find_quotes(text: str, entities: Sequence[EntityMention] = ()) -> list[QuoteMention]:
    """Every quote of ``text`` with its speaker; ``entities`` (from the same text) resolve pronouns and
    give speakers their canonical keys."""
    quotes: list[QuoteMention] = []
    speaker_at: list[int] = []
    i = 0
    for m in _OPENING.finditer(text):
        if m.start() < i:
            continue  # inside a quote already read
        ch = m.group()
        close = _OPEN_CLOSE[ch]
        open_pos = m.start()
        body = open_pos + len(ch)
        ls = text.rfind("\n", 0, open_pos) + 1
        le = text.find("\n", open_pos)
        le = len(text) if le == -1 else le
        j = text.find(close, body, le)
        if ch == "\"" and j == -1:
            i = le  # an unpaired straight quote: nothing reliable left on this line
            continue
        end = j if j != -1 else le
        i = end + len(close)
        inner = text[body:end]
        if inner.count(" ") + 1 < settings.QUOTE_MIN_WORDS or len(inner.split()) < settings.QUOTE_MIN_WORDS:
            continue
        q = QuoteMention(inner.strip(), body, end)
        q.speaker, where = _speaker(text, open_pos, end + len(close) if j != -1 else end, ls, le)
        quotes.append(q)
        speaker_at.append(where)
    _resolve_speakers(text, quotes, speaker_at, entities)
    return quotes


def _speaker(text: str, open_pos: int, after_close: int, ls: int, le: int) -> tuple[str | None, int]:
    """The speaker as written and where it is written (pronouns resolve to a name before that)."""
    after = text[after_close:min(le, after_close + 80)]
    m = _AFTER_SUBJECT_VERB.match(after) or _AFTER_VERB_SUBJECT.match(after)
    if m:
        group = "who"
        if m.group("who").endswith(("'s", "’s")):
            # "said one of Anwar's lawyers, Pawancheek Marican": the lawyer, not Anwar (unnamed: no one)
            if not m.groupdict().get("named"):
                return None, open_pos
            group = "named"
        return _strip_titles(m.group(group)), after_close + m.start(group)
    before_start = max(ls, open_pos - 100)
    before = text[before_start:open_pos]
    m = _BEFORE.search(before) or _BEFORE_VERB_SUBJECT.search(before)
    if m:
        group = "who" if m.group("who") else "who2"
        return _strip_titles(m.group(group)), before_start + m.start(group)
    # "He explained that Maduro had ordered the government to review “…”": the sentence's speaker
    sentence_start = max(before.rfind(". "), before.rfind(".\u201d "), -1) + 1
    m = _SENTENCE_SPEAKER.search(before, sentence_start)
    if m:
        return _strip_titles(m.group("who")), before_start + m.start("who")
    return None, open_pos


def _strip_titles(who: str) -> str:
    """ "Foreign Minister Gerardo Werhein" -> "Gerardo Werhein": the name after the last title word."""
    words = who.split()
    last_title = max((i for i, w in enumerate(words[:-1]) if w.lower().split("-")[0] in TITLES), default=-1)
    return " ".join(words[last_title + 1:]).removesuffix("'s").removesuffix("’s")


def _resolve_speakers(
    text: str, quotes: list[QuoteMention], speaker_at: list[int], entities: Sequence[EntityMention]
) -> None:
    # A pronoun's person is named outside the quotes: "It's difficult for me," he said of Anwar's arrest is
    # not Anwar speaking.
    people = [e for e in entities if e.kind in ("person", None)
              and not any(q.start <= e.start and e.end <= q.end for q in quotes)]
    previous: QuoteMention | None = None
    for q, where in zip(quotes, speaker_at, strict=True):
        if q.speaker and not _looks_like_a_speaker(q.speaker):
            q.speaker = None
        if q.speaker is None and previous is not None and previous.speaker and _opens_paragraph(text, q.start):
            q.speaker, q.speaker_key = previous.speaker, previous.speaker_key
        elif q.speaker and q.speaker.lower() in ("he", "she", "they"):
            before = [e for e in people if e.end <= where and (e.kind == "person" or " " in e.key)]
            if before:
                q.speaker, q.speaker_key = before[-1].text, before[-1].key
            else:
                q.speaker = None
        elif q.speaker:
            folded = fold(q.speaker)
            match = next((e for e in entities if fold(e.text) == folded), None)
            q.speaker_key = match.key if match else folded
        previous = q


def _looks_like_a_speaker(who: str) -> bool:
    """A pronoun or a name: not an initial ("K"), nor a sentence's capitalised opening words ("What I",
    "Critics")."""
    words = who.split()
    if who.lower() in ("he", "she", "they"):
        return True
    if len(words[0].rstrip(".")) < 2 or words[0].lower() in STOPWORDS or words[-1].lower() in STOPWORDS:
        return False
    return not (len(words) == 1 and words[0].lower() in COMMON_SPEAKERS)


def _opens_paragraph(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos - 1].strip() == ""
