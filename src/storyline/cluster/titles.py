"""Titles for stories: a real headline, else the sentence that best states what the story is about."""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np

from storyline.clean.metadata import is_date_only
from storyline.clean.text import clip
from storyline.cluster import settings as S
from storyline.cluster.features import article_terms
from storyline.cluster.vocabulary import Vocabulary
from storyline.model import Article

# A sentence ends at . ! or ? (maybe closed by a quote) before a capital, or at a line break; "8.2" and
# "U.S." stay whole.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(`])|(?<=[.!?][\"'”’)])\s+(?=[A-Z\"“‘(`])|(?<=[.!?]'')\s+(?=[A-Z\"“‘(`])|\n+")
# A title must read on its own: no one's words quoted (wire copy writes ``...'' for quotes; a word or three in
# quotes, as in 'trying to ``internationalize'' the crisis', is the writer's), no opening word that points back
# to an earlier sentence or to a time only the article's date fixes ("He", "But", "Last week"), no start in
# lower case (a fragment).
_QUOTE_MARK = re.compile(r"``|''|[\"“”]")
# A well-formed quotation: its marks open after a space and close before one (web copy that lost its
# spaces, 'of" moderate severity" The', is two sentences run together, not a quoted phrase).
_QUOTED = re.compile(r"(?:(?<=\s)|^)(?:``(\S[^`']*?)''|\"(\S[^\"]*?)\"|“(\S[^“”]*?)”)(?=[\s.,;:!?)]|$)")
_QUOTED_WORDS_MAX = 3
# Two sentences run together where a scraped page lost a break ("the dangers of swine flu It is too early"):
# a capitalised subject pronoun right after a lower-case word.
_RUN_ON = re.compile(r"[a-z]\s+(?:It|He|She|They|We)\s+[a-z]")
_BACK_REFERENCE = re.compile(
    r"^(?:He|She|It|They|This|That|These|Those|We|I|His|Her|Its|Their|But|And|Also|One|Another|Both|Such|Yet|"
    r"However|Meanwhile|Still|Then|So|Instead|Nevertheless|Nonetheless|Moreover|Furthermore|Besides|Earlier|"
    r"Later|Previously|Afterwards?|Yesterday|Today|Separately|Elsewhere|In addition|At the same time|"
    r"On the other hand|Last (?:week|month|year|night|weekend|\w+day)|Earlier (?:this|that|in)|"
    r"(?:The )?(?:next|following|previous) (?:day|week|month))\b")


# A wire dateline opening the lede: "LAUSANNE, Switzerland (AP) _ ", "GOMA, Congo (Reuters) - ".
_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]+(?:, [A-Z][\w .']+)?\s*\([\w .&-]+\)\s*[_—–-]+\s*")


def headline(article: Article) -> str | None:
    """The article's headline: its ``title``, else a first line shaped like one (short, no final stop).
    A line that only dates the page ("APR 28", "8: 24am:", "December 16, 2008") is no headline, even when
    an input gave it as the title: pages print the date above the title, and scrapers take it for one."""
    if article.title and article.title.strip() and not is_date_only(article.title.strip()):
        return " ".join(article.title.split())
    for line in (article.text or "").split("\n"):
        line = line.strip()
        if not line or is_date_only(line):
            continue
        words = line.split()
        if S.HEADLINE_MIN_WORDS <= len(words) <= S.HEADLINE_MAX_WORDS and line[-1] not in ".!?:;,\"'”’":
            return line
        return None
    return None


def sentences(text: str) -> list[str]:
    """Sentences of a text, whitespace collapsed."""
    return [" ".join(part.split()) for part in _SENTENCE_BREAK.split(text) if part.strip()]


def reads_alone(sentence: str) -> bool:
    """Whether a sentence can stand as a title: it quotes no one, starts with a capital or a figure ("19
    people died ...") and does not open with a word pointing back to an earlier sentence."""
    return bool(sentence) and (sentence[0].isupper() or sentence[0].isdigit()) and not _quotes_someone(sentence) \
        and not _BACK_REFERENCE.match(sentence) and not _RUN_ON.search(sentence)


def _quotes_someone(sentence: str) -> bool:
    """A quotation longer than a few words, or a quote mark left open (part of a longer quotation)."""
    if any(len("".join(g for g in m.groups() if g).split()) > _QUOTED_WORDS_MAX for m in _QUOTED.finditer(sentence)):
        return True
    return bool(_QUOTE_MARK.search(_QUOTED.sub("", sentence)))


def central_sentence(article: Article, profile: Mapping[str, float], vocab: Vocabulary) -> str:
    """The sentence of ``article`` (among its first ones) closest to the story's profile: the cosine of
    the sentence's tf-idf words and names with ``profile`` (term -> weight, e.g. the story's summed word
    and name weights), discounted by the sentence's position among the candidates."""
    candidates = [
        s for s in (_DATELINE.sub("", s, count=1) for s in sentences((article.text or "")[: S.MAX_TEXT_CHARS])
                    [: S.TITLE_SENTENCES])
        if S.TITLE_MIN_WORDS <= len(s.split()) <= S.TITLE_MAX_WORDS
    ]
    candidates = [s for s in candidates if reads_alone(s)] or candidates
    if not candidates:
        first = sentences(article.text or "")
        return clip(first[0], S.TITLE_MAX_CHARS) if first else article.id
    best, best_score = candidates[0], -1.0
    for position, sent in enumerate(candidates):
        terms = [t for t in article_terms(sent, None)[0] if t[0] in "we" and t in vocab.ids]
        if not terms:
            continue
        w = vocab.idf(np.asarray([vocab.ids[t] for t in terms], dtype=np.int64))
        norm = float(np.sqrt(np.dot(w, w)))
        if norm == 0:
            continue
        score = sum(wi * profile.get(t, 0.0) for wi, t in zip(w.tolist(), terms, strict=True)) / norm
        # News states its story first: a later sentence must be clearly more central to win over the lede.
        score /= 1.0 + S.TITLE_POSITION_DECAY * position
        if score > best_score:
            best, best_score = sent, score
    return best
