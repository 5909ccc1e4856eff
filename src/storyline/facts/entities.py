"""Names of people, organisations and places, normalised across spellings, accents and partial mentions.

Three steps, cheapest first:

1. :func:`find_entities` reads capitalised word sequences ("Minister Diosdado Cabello", "Organization of
   American States") per article with a regex, splits titles off as the role ("Minister"), reads a role
   stated beside the name ("opposition leader Edmundo González", "Diosdado Cabello, head of the citizen
   security service"), and types what cheap rules can type (a personal title makes a person, "Court" an
   organisation, "Province" a place).
2. :func:`link_entities` gives every mention of a story a canonical ``key``: accent-folded, lower case
   ("Nicolás Maduro" = "Nicolas Maduro" -> ``nicolas maduro``); a partial mention joins the one full
   name it can belong to ("Maduro" -> ``nicolas maduro``, "Gonzalez" -> ``edmundo gonzalez``); an acronym
   joins the name it abbreviates ("OAS" -> ``organization of american states``).
   Names the cheap rules leave untyped and that recur across articles are typed by spaCy's NER, one
   sentence per name, in one batch (NER costs ~2 ms a sentence here, so it runs only where it pays).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.facts import settings
from storyline.facts.lexicon import (
    ABBREVIATED_TITLES,
    NAME_CONNECTORS,
    NAME_POSSESSIVES,
    NOT_NAMES,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    STOPWORDS,
    TITLES,
)
from storyline.facts.text import fold, sentence_spans

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPWORD = rf"(?:(?:[{_UPPER}]\.){{2,}}|[{_UPPER}][\wÀ-ÿ'’\-]*)"
_CONNECT = "|".join(sorted(NAME_CONNECTORS, key=len, reverse=True))
_NAME = re.compile(rf"{_CAPWORD}(?:(?:\s+|\s+(?:{_CONNECT})\s+(?:the\s+)?){_CAPWORD})*")
_ROLE_BEFORE = re.compile(r"(?:([a-z][a-z\-]+)\s+)?([a-z][a-z\-]+)\s+$")
_APPOSITIVE = re.compile(
    r",\s+((?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,3}?(?:" + "|".join(sorted(TITLES, key=len, reverse=True))
    + r")\b[^,.;:()\"“”]{0,70})(?=[,.;:])",
    re.IGNORECASE,
)
_PLACE_ACRONYMS = frozenset({"us", "u.s.", "u.s", "uk", "u.k.", "usa", "uae", "eu"})
_DEMONYM_ENDINGS = ("an", "ese", "ish", "ian", "ine", "ch", "i")
_OPENER_ENDINGS = ("ing", "ed", "ly")
_PLACE_PREPOSITIONS = frozenset("in to from across near at throughout inside outside".split())
# name key -> the kind NER gave it ("" for none), across calls: popular names recur across stories.
_NER_CACHE: dict[str, str] = {}
_SPACY_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(slots=True)
class EntityMention:
    """A name in an article: ``text`` as written (titles split off into ``role``), its span, ``kind``
    (person, org, place, or None when unknown) and ``key``, the canonical name it stands for."""

    text: str
    start: int
    end: int
    kind: str | None
    key: str
    role: str | None = None
    sentence: tuple[int, int] = (0, 0)


def find_entities(text: str, sentences: list[tuple[int, int]] | None = None) -> list[EntityMention]:
    """Capitalised names of ``text`` with their roles and cheap types (keys are not linked yet)."""
    sentences = sentences if sentences is not None else sentence_spans(text)
    mid_sentence = _mid_sentence_words(text, sentences)
    found: list[EntityMention] = []
    for s0, s1 in sentences:
        if _title_case(text[s0:s1]):
            continue  # a headline in Title Case: every word is capitalised, names cannot be told apart
        for m in _NAME.finditer(text, s0, s1):
            for start, end in _split_at_possessives(text, m.start(), m.end()):
                mention = _read_name(text, start, end, s0, s1, mid_sentence)
                if mention is not None:
                    mention.sentence = (s0, s1)
                    found.append(mention)
    return found


def _split_at_possessives(text: str, begin: int, finish: int) -> list[tuple[int, int]]:
    """The spans of a run of capitalised words ``text[begin:finish]``, cut after each possessive inside it
    whose owner the text also names alone and that does not belong to an organisation's name: "Hun Sen's
    Phnom Penh" is two names when the text names Hun Sen elsewhere; "Cambodian People's Party" and "Macy's
    Thanksgiving Day Parade" are one."""
    group = text[begin:finish]
    if "'s " not in group and "’s " not in group:
        return [(begin, finish)]
    spans: list[tuple[int, int]] = []
    start = 0
    for w in re.finditer(r"\S+", group):
        word = w.group()
        owner = word.removesuffix("'s").removesuffix("’s")
        if owner != word and w.end() < len(group) and owner.lower() not in NAME_POSSESSIVES and _named_alone(
                text, group[start:w.start() + len(owner)]):
            spans.append((begin + start, begin + w.end()))
            rest = re.search(r"\S", group[w.end():])
            start = w.end() + (rest.start() if rest else 0)
    spans.append((begin + start, finish))
    return spans


def _named_alone(text: str, name: str) -> bool:
    """The text names ``name`` somewhere without a possessive after it: a name in its own right ("Hun Sen
    said"), not only the first half of a brand or a day ("McDonald's Corp", "Valentine's Day")."""
    return re.search(rf"(?<![\w'’]){re.escape(name)}(?![\w'’])", text) is not None


def _title_case(sentence: str) -> bool:
    """A headline in Title Case: every word but function words is capitalised."""
    if len(sentence) > settings.TITLE_CASE_MAX_CHARS:
        return False
    words = [w for w in sentence.split() if w[:1].isalpha()]
    return len(words) >= settings.TITLE_CASE_MIN_WORDS and all(
        w[0].isupper() or w.lower() in STOPWORDS for w in words)


def _mid_sentence_words(text: str, sentences: list[tuple[int, int]]) -> set[str]:
    """Capitalised words seen somewhere other than a sentence start: names, not sentence openers."""
    seen: set[str] = set()
    for s0, s1 in sentences:
        for m in re.finditer(rf"(?<=[\s(\[\"“‘])[{_UPPER}][\wÀ-ÿ'’\-]*", text[s0:s1]):
            word = m.group()
            owner = word.removesuffix("'s").removesuffix("’s")
            if m.start() > 1 and not (owner != word and owner.lower() in NAME_POSSESSIVES):
                # ("Cambodian People's Party" does not make "People" a name at a sentence start)
                seen.add(fold(owner))
    return seen


def _common_word(word: str, stopwords: bool = True) -> bool:
    """A word that is no name (a weekday, a pronoun, a function word), unless written as an acronym: "WHO"
    and "US" are names, "who" and "us" are not."""
    if word.isupper() and len(word) >= 2:
        return False
    low = word.lower()
    return low in NOT_NAMES or (stopwords and low in STOPWORDS)


def _bare(word: str) -> str:
    return fold(word.removesuffix("'s").removesuffix("’s"))


# Endings that countries share with demonyms ("Iran", "Mali", "Ukraine"); no country ends in "-ese",
# "-ish", "-ian" or "-ch", so those stay demonyms whatever follows them.
_COUNTRY_LIKE_ENDINGS = ("an", "i", "ine")
# The prepositions of place, and those a country takes as a party ("sanctions on Iran", "talks with Iran").
_BEFORE_A_COUNTRY = _PLACE_PREPOSITIONS | frozenset(
    "on with of against by into for toward towards over under between within via".split())
_CONJUNCTIONS = frozenset(("and", "or", "nor", "but"))


@lru_cache(maxsize=1024)  # asked again for each of a text's "American officials"
def _written_as_noun(word: str, text: str) -> bool:
    """``word`` (ending like a demonym) stands as a country's name somewhere in ``text``: with a possessive
    ("Iran's"), or after a preposition and before punctuation or a function word ("sanctions on Iran.",
    "talks with Iran on"). A demonym used as a noun stands after an article or a modifier ("a Long Island
    Republican,", "the fourth European to"), and one used as an adjective before a conjunction ("Israeli
    and Palestinian officials")."""
    if word.lower().endswith("ian") or not word.lower().endswith(_COUNTRY_LIKE_ENDINGS):
        return False
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?:(['’]s)\b|([.,;:!?)])|\s+([a-z]+)\b)", text):
        before = text[max(0, match.start() - 16):match.start()].split()
        if match.group(1) and not (before and before[-1].lower() in ("a", "an", "the")):
            return True
        if match.group(3) is not None and (match.group(3) not in STOPWORDS or match.group(3) in _CONJUNCTIONS):
            continue
        if before and before[-1].lower() in _BEFORE_A_COUNTRY:
            return True
    return False


def _read_name(text: str, begin: int, finish: int, s0: int, s1: int, mid_sentence: set[str]
               ) -> EntityMention | None:
    group, offset = text[begin:finish], begin
    at_start = offset == s0 or (offset - s0 < 4 and text[s0:offset].strip(" \"“‘'([`") == "")
    if " " not in group:
        # the common case, one capitalised word: the cheap rejections first
        if _common_word(group) or (at_start and _bare(group) not in mid_sentence):
            return None
        parts = [(group, offset, finish)]
    else:
        parts = []
        for w in group.split():
            offset = text.index(w, offset)
            parts.append((w, offset, offset + len(w)))
            offset += len(w)
    # a sentence's first word is capitalised anyway: keep it only when it is a name elsewhere too
    if at_start and parts:
        first = parts[0][0]
        lone_opener = len(parts) == 1 and _bare(first) not in mid_sentence
        if lone_opener or _common_word(first):
            parts = parts[1:]
    while parts and (_common_word(parts[0][0], stopwords=False) or parts[0][0] in NAME_CONNECTORS):
        parts = parts[1:]
    while parts and parts[-1][0].lower() in NAME_CONNECTORS | {"the"}:
        parts = parts[:-1]
    # titles after a name are not part of it: "Venezuela President", "Republican Sen. Lindsey Graham"; but
    # "Hun Sen" is a name, which the text writes somewhere without a period after it ("... by Hun Sen. The"
    # reads like the title's abbreviation)
    while (len(parts) > 1 and parts[-1][0].lower().split("-")[0] in TITLES
           and not (parts[-1][0].lower() in ABBREVIATED_TITLES and re.search(
               rf"(?<![\w'’]){re.escape(text[parts[0][1]:parts[-1][2]])}(?![\w.])", text))):
        parts = parts[:-1]
    if not parts:
        return None
    # strip a possessive
    last_word, ls, le = parts[-1]
    if last_word.endswith(("'s", "’s")):
        parts[-1] = (last_word[:-2], ls, le - 2)
    elif last_word.endswith(("s'", "s’")) and len(last_word) > 2:  # "Honduras'"
        parts[-1] = (last_word[:-1], ls, le - 1)
    # titles in front are the role: "Argentine Foreign Minister Gerardo Werhein"
    title_end = -1
    for idx, (w, _, _) in enumerate(parts[:-1]):
        if w.lower().split("-")[0] in TITLES:
            title_end = idx
    role_words = [w for w, _, _ in parts[: title_end + 1]]
    parts = parts[title_end + 1:]
    if not parts or all(w.lower().split("-")[0] in TITLES for w, _, _ in parts):
        return None
    start, end = parts[0][1], parts[-1][2]
    name = text[start:end]
    low_words = [w.lower() for w, _, _ in parts]
    if len(parts) == 1:
        w = low_words[0]
        if _common_word(parts[0][0], stopwords=False) or len(w) < 2:
            return None
        nxt = re.match(r" ([a-z][\w'’\-]*)", text[end:end + 40])
        if (w.endswith(_DEMONYM_ENDINGS) and nxt and nxt.group(1) not in STOPWORDS and not role_words
                and not _written_as_noun(parts[0][0], text)):
            # "Venezuelan government": a demonym, not a name; but "aid to Jordan on Monday", "Afghanistan
            # was": a function word after it makes it a name (countries end like demonyms), here or
            # anywhere in the text ("Iran warned" where the text also has "sanctions on Iran.")
            return None
    role = " ".join(role_words) or None
    previous_word = text[max(s0, start - 20):start].rsplit(None, 1)[-1:] if start > s0 else []
    if role is None and previous_word and previous_word[0] in TITLES:
        before = text[max(s0, start - 40):start]
        rb = _ROLE_BEFORE.search(before)
        if rb and rb.group(2) in TITLES:
            modifier = rb.group(1) or ""
            plain = not modifier or modifier in STOPWORDS or modifier.endswith(("ed", "ing", "ly"))
            role = rb.group(2) if plain else rb.group(0).strip()
    appositive = _APPOSITIVE.match(text, end, s1) if text[end:end + 1] == "," else None
    if appositive:
        role = f"{role}, {appositive.group(1).strip()}" if role else appositive.group(1).strip()
    kind = _cheap_kind(low_words, role, text, start, end)
    return EntityMention(name, start, end, kind, fold(name), role)


def _cheap_kind(low_words: list[str], role: str | None, text: str, start: int, end: int) -> str | None:
    if role and any(w.split("-")[0] in PERSON_TITLES or w in TITLES for w in role.lower().replace(",", " ").split()[:4]):
        return "person"
    if any(w in ORG_WORDS for w in low_words):
        return "org"
    if any(w in PLACE_WORDS for w in low_words):
        return "place"
    if len(low_words) == 1:
        w = low_words[0]
        if w in _PLACE_ACRONYMS:
            return "place"
        raw = text[start:end]
        if raw.isupper() and 2 <= len(raw.replace(".", "")) <= 6:
            return "org"
    return None


def link_entities(
    texts: Sequence[str], per_article: Sequence[Sequence[EntityMention]], nlp: Any | None = None
) -> None:
    """Give every mention of a story its canonical ``key`` and a shared ``kind`` (in place).

    Spellings meet by accent folding. A longer name that contains another word for word is the same name.
    Names are then typed (cheap rules, a preposition of place before a lone word, spaCy ``nlp`` for what
    recurs and is still untyped; ``nlp=None`` skips NER). Last, a lone surname joins the one person of the
    story whose name ends with it ("Maduro" -> ``nicolas maduro``; if two people could take it, it stays
    alone), and an acronym joins the one name whose initials it spells ("OAS").
    """
    _drop_sentence_openers(texts, per_article)
    all_mentions = [m for ms in per_article for m in ms]
    full: dict[str, list[str]] = {m.key: m.key.split() for m in all_mentions if " " in m.key}
    by_first: dict[str, set[str]] = defaultdict(set)
    for key, words in full.items():
        for w in words:
            by_first[w].add(key)
    for key, words in full.items():
        # "Sam Rainsy" is not "Sam Rainsy Party": a longer name with an organisation's or a place's word the
        # shorter lacks names something else.
        supers = [k for k in by_first[words[0]] if k != key and _contains(full[k], words)
                  and not (set(full[k]) - set(words)) & (ORG_WORDS | PLACE_WORDS)]
        if len(supers) == 1:
            for m in all_mentions:
                if m.key == key:
                    m.key = supers[0]
    kinds = _kinds(texts, per_article, nlp)
    persons_by_last: dict[str, set[str]] = defaultdict(set)
    persons_by_first: dict[str, set[str]] = defaultdict(set)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key in {m.key for m in all_mentions if " " in m.key}:
        words = key.split()
        if kinds.get(key) == "person":
            persons_by_last[words[-1]].add(key)
            persons_by_first[words[0]].add(key)
        initials = "".join(w[0] for w in words if w not in NAME_CONNECTORS and w != "the")
        if len(initials) >= 2:
            by_initials[initials].add(key)
    for ms in per_article:
        named_in_full = {m.key for m in ms if " " in m.key}
        for m in ms:
            if " " in m.key:
                continue
            if m.text.replace(".", "").isupper() and len(m.text.replace(".", "")) >= 2:
                candidates = by_initials.get(m.key.replace(".", ""), set())
            elif kinds.get(m.key) == "org":
                continue
            elif kinds.get(m.key) == "place":
                # Typed a place ("a letter to Ranariddh"), but the article names one person of that surname in
                # full and the word is no common place name ("aid to Jordan" stays the country).
                candidates = (persons_by_last.get(m.key, set()) or persons_by_first.get(m.key, set())) & named_in_full
                if candidates and _zipf(m.key) >= settings.SURNAME_MAX_ZIPF:
                    continue
            else:
                candidates = persons_by_last.get(m.key, set())
                if not candidates:
                    # Many names are not "first last": Anwar Ibrahim is "Anwar", Mahathir Mohamad "Mahathir".
                    # A word that ends no person's name but begins exactly one's is that person.
                    candidates = persons_by_first.get(m.key, set())
            if len(candidates) == 1:
                m.key = next(iter(candidates))
    for m in all_mentions:
        m.kind = kinds.get(m.key, m.kind)


def _drop_sentence_openers(texts: Sequence[str], per_article: Sequence[list[EntityMention]]) -> None:
    """A name that opens a sentence may have taken the sentence's first word ("Citing Hun Sen's threats"):
    a verb or adverb form is dropped when the story writes it in lower case elsewhere and never capitalised
    inside a sentence. (One article rarely holds the evidence; the story usually does.)"""
    # The mentions that open a sentence with a verb or adverb form ("Citing", "Following", "Reportedly"):
    # "Bill", "Will", "New" and "White" open names ("Bill Clinton", "New York") as often as sentences.
    suspects: list[tuple[EntityMention, str, str]] = []
    for text, ms in zip(texts, per_article, strict=True):
        for m in ms:
            if m.start != m.sentence[0] and text[m.sentence[0]:m.start].strip(" \"“‘'([") != "":
                continue
            split = re.match(r"(\S+)\s+(.*)", m.text, re.DOTALL)
            if split is not None and len(split.group(1)) > 4 and _bare(split.group(1)).endswith(_OPENER_ENDINGS):
                suspects.append((m, _bare(split.group(1)), split.group(2)))
    if not suspects:
        return  # the usual case: the story's texts need not be read again
    lower: set[str] = set()
    capitalised: set[str] = set()
    for text in texts:
        lower.update(fold(w) for w in re.findall(r"(?<![\w'’\-])[a-zà-ÿ][\wà-ÿ'’\-]*", text))
        capitalised |= _mid_sentence_words(text, sentence_spans(text))
    for m, word, rest in suspects:
        if word in lower and word not in capitalised:
            m.start += len(m.text) - len(rest)
            m.text = rest
            m.key = fold(rest)


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return len(longer) > n and any(longer[i:i + n] == shorter for i in range(len(longer) - n + 1))


def _kinds(
    texts: Sequence[str], per_article: Sequence[Sequence[EntityMention]], nlp: Any | None
) -> dict[str, str]:
    """The kind of every key: the majority of its mentions' cheap types (a personal title counts double),
    else a preposition of place before a lone word, else spaCy on one sentence per recurring key."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    articles_of: dict[str, set[int]] = defaultdict(set)
    for a, ms in enumerate(per_article):
        for m in ms:
            articles_of[m.key].add(a)
            if m.kind:
                votes[m.key][m.kind] += 2 if (m.kind == "person" and m.role) else 1
    for a, ms in enumerate(per_article):
        text = texts[a]
        for m in ms:
            if votes.get(m.key) or " " in m.key:
                continue
            before = text[max(0, m.start - 12):m.start].split()
            if before and before[-1].lower() in _PLACE_PREPOSITIONS:
                votes[m.key]["place"] += 1
    if nlp is not None:
        todo: list[tuple[str, str, int, int]] = []
        seen: set[str] = set()
        for a, ms in enumerate(per_article):
            for m in ms:
                if m.key in seen or votes.get(m.key) or len(articles_of[m.key]) < settings.NER_MIN_ARTICLES:
                    continue
                seen.add(m.key)
                cached = _NER_CACHE.get(m.key)
                if cached is not None:
                    if cached:
                        votes[m.key][cached] += 1
                    continue
                s0, s1 = m.sentence
                todo.append((m.key, texts[a][s0:s1], m.start - s0, m.end - s0))
        todo = todo[: settings.NER_MAX_SENTENCES]
        for (key, _sentence, a0, a1), doc in zip(
            todo, nlp.pipe([t[1] for t in todo], batch_size=settings.NER_BATCH_SIZE), strict=True
        ):
            kind = ""
            for ent in doc.ents:
                if ent.start_char < a1 and a0 < ent.end_char and ent.label_ in _SPACY_KINDS:
                    kind = _SPACY_KINDS[ent.label_]
                    votes[key][kind] += 1
                    break
            if len(_NER_CACHE) >= settings.NER_CACHE_SIZE:
                _NER_CACHE.pop(next(iter(_NER_CACHE)))
            _NER_CACHE[key] = kind
    return {key: c.most_common(1)[0][0] for key, c in votes.items() if c}


_NLP: Any | None = None


def load_nlp() -> Any:
    """spaCy with only the NER component, loaded once per process."""
    global _NLP
    if _NLP is None:
        import spacy

        _NLP = spacy.load(
            settings.SPACY_MODEL,
            disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"],
        )
    return _NLP
