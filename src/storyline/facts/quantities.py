"""Quantities in news text: the number, its unit, what it counts, and how exact the writer claims it is.

A quantity is found by a regular expression (digits, number words, vague counts such as "thousands"),
then read outwards from the number with cheap token rules, no parser:

- **qualifier** from the words before it ("at least 28", "nearly 200", "over 2,000") or after ("100 or
  more"); it turns the value into the interval the writer allows (``low``..``high``), which is what
  reconciliation compares ("nearly 200" and "200" agree; "about 2,000" and "thousands" agree);
- **unit** from the word after it ("72-hour", "30 days", "10%", "$ 79.9 billion");
- **head**: the noun it counts, the first plural (else the last) of the few words after it ("103 imprisoned
  individuals"); and **event**: the nearest news event word around it ("killed", "released"), mapped to
  a concept so "28 deaths", "28 fatalities" and "28 people were killed" meet;
- **update**: update language around it ("an additional 177", "bringing the total to 910").

>>> [(q.value, q.unit, q.counted, q.qualifier) for q in find_quantities("At least 28 people were killed.")]
[(28, None, 'person killed', 'at least')]
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from storyline.facts import settings
from storyline.facts.lexicon import (
    CURRENCIES,
    CURRENCY_WORDS,
    EVENT_CONCEPTS,
    GENERIC_HEADS,
    HEDGES,
    QUALIFIERS,
    QUALIFIERS_AFTER,
    SCALES,
    SMALL_NUMBERS,
    STOPWORDS,
    TENS,
    UNITS,
    UNITS_1_9,
    UPDATE_CUES,
)
from storyline.facts.text import Token, sentence_spans, stem, tokens

_DIGITS = re.compile(r"(?P<digits>\d+(?:[.,]\d+)*)(?P<suffix>m|bn|mn|k|st|nd|rd|th)?(?![\w])")
_VAGUE = ("tens of thousands", "hundreds of thousands", "dozens", "scores", "hundreds", "thousands", "millions")
# Number words are looked for only when the lower-cased text contains them (a plain substring test): a
# regex alternation of all of them costs ~10x more than the digits scan.
_GATE_WORDS = tuple(sorted({*SMALL_NUMBERS, *TENS, "dozen", "scores", "hundreds", "thousands", "millions"}))
# Any number token, for telling numbers apart from words in a token list.
_NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|(?:" + "|".join(sorted({*SMALL_NUMBERS, *TENS, *UNITS_1_9, "dozen", *_VAGUE}, key=len,
                                              reverse=True)) + r")",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def _words_pattern(present: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern for the number words (and vague counts) whose gate words a text contains."""
    vague = [v for v in _VAGUE if v.split()[0] in present or v.split()[-1] in present]
    tens = [t for t in TENS if t in present]
    small = [w for w in SMALL_NUMBERS if w in present]
    alternatives = []
    if "dozen" in present:
        alternatives.append(r"(?:a\s+)?dozen")
    if tens:
        alternatives.append(rf"(?:{'|'.join(tens)})(?:[-\s](?:{'|'.join(UNITS_1_9)}))?")
    alternatives += sorted(small, key=len, reverse=True)
    parts = []
    if vague:
        parts.append(rf"(?P<vague>{'|'.join(vague)})")
    if alternatives:
        parts.append(rf"(?P<words>{'|'.join(alternatives)})")
    if not parts:
        parts.append(r"(?P<words>(?!x)x)")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


_SCALE_AFTER = re.compile(r"\s?(hundred|thousand|million|billion|trillion)\b", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s?[-–]\s?(\d+(?:[.,]\d+)*)(?![\w])")
_QUALIFIER_BEFORE = re.compile(
    r"(?:^|\W)(" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$"
)
_QUALIFIER_AFTER = re.compile(r"\s?(?:-|\s)?(" + "|".join(QUALIFIERS_AFTER) + r")\b", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(us\$|\$|€|£|¥|#)\s?$", re.IGNORECASE)
_UPDATE = re.compile(
    r"\b(?:" + "|".join(re.escape(c) for c in sorted(UPDATE_CUES, key=len, reverse=True)) + r")\b(?!\s+than)",
    re.IGNORECASE,
)
# How far around a number update language counts: "bringing the total number of released protesters to
# 910" puts "total" 39 characters before the number.
_UPDATE_BEFORE_CHARS = 50
_UPDATE_AFTER_CHARS = 12
_DETERMINERS = frozenset("the its their his her these those our your this that".split())


@dataclass(slots=True)
class Quantity:
    """A number stated in an article, with what it counts.

    ``value`` is the number as stated (``2000`` for "2,000", ``79.9e9`` for "$ 79.9 billion", the lower end
    of a range); ``low``/``high`` the interval the qualifier allows; ``unit`` a unit name (``"hour"``,
    ``"percent"``, ``"USD"``) or ``None`` for a count; ``counted`` the normalised key of the thing counted
    (``"person killed"``, ``"prisoner released"``); ``number_text`` the digits or words as written.
    """

    text: str
    start: int
    end: int
    value: float | int
    low: float
    high: float
    unit: str | None = None
    counted: str | None = None
    head: str | None = None  # stem of the counted noun, None when generic or absent
    head_text: str | None = None
    event: str | None = None  # event concept ("killed", "released")
    qualifier: str | None = None
    range_end: float | int | None = None  # the upper number of a range ("45,000-50,000")
    number_text: str = ""
    number_span: tuple[int, int] = (0, 0)
    sentence: tuple[int, int] = (0, 0)
    update: bool = False
    hedged: bool = False  # a possibility ("could face five years"), not a reported figure
    vague: bool = False
    context: frozenset[str] = field(default_factory=frozenset)


def find_quantities(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    skip: list[tuple[int, int]] | None = None,
) -> list[Quantity]:
    """Every quantity of ``text``; numbers inside a ``skip`` span (dates and times) are left out."""
    sentences = sentences if sentences is not None else sentence_spans(text)
    skip = sorted(skip or [])
    skip_starts = [s for s, _ in skip]
    low = text.lower()
    present = tuple(w for w in _GATE_WORDS if w in low)
    matches: list[re.Match[str]] = [
        m for m in _DIGITS.finditer(text) if m.start() == 0 or not (text[m.start() - 1].isalnum()
                                                                    or text[m.start() - 1] in ".,_")
    ]
    if present:
        matches += _words_pattern(present).finditer(text)
        matches.sort(key=lambda m: m.start())
    sentence_starts = [s0 for s0, _ in sentences]
    found: list[Quantity] = []
    token_cache: dict[int, list[Token]] = {}
    consumed_until = -1
    for m in matches:
        if m.start() < consumed_until or _inside(skip, skip_starts, m.start(), m.end()):
            continue
        k = bisect.bisect_right(sentence_starts, m.start()) - 1
        if k < 0 or m.start() >= sentences[k][1]:
            continue
        s0, s1 = sentences[k]
        q = _read_number(text, m, s0, s1)
        if q is None or _inside(skip, skip_starts, q.number_span[0], q.number_span[1]):
            continue
        consumed_until = q.end
        sent_tokens = token_cache.get(k)
        if sent_tokens is None:
            sent_tokens = token_cache[k] = tokens(text, s0, s1)
        q.sentence = (s0, s1)
        _read_context(text, q, sent_tokens)
        previous = found[-1] if found and found[-1].sentence == (s0, s1) else None
        if previous is not None and q.update and previous.update and q.head is None and q.unit == previous.unit:
            # "an additional 177 protesters, bringing the total to 910": the total counts the same thing
            q.head, q.head_text, q.event, q.counted = previous.head, previous.head_text, previous.event, previous.counted
        found.append(q)
    return found


def _inside(spans: list[tuple[int, int]], starts: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_right(starts, a) - 1
    return any(0 <= j < len(spans) and spans[j][0] < b and a < spans[j][1] for j in (i, i + 1))


def _read_number(text: str, m: re.Match[str], s0: int, s1: int) -> Quantity | None:
    """The number itself: value, scale, range, currency, qualifier, vagueness."""
    start, end = m.start(), m.end()
    vague = False
    ordinal = False
    scale = 1.0
    g = m.groupdict()
    if g.get("digits"):
        raw = m.group("digits")
        value = _parse_digits(raw)
        if value is None:
            return None
        suffix = (m.group("suffix") or "").lower()
        if suffix in SCALES:
            scale = SCALES[suffix]
        elif suffix:
            ordinal = True  # "17th", "21st": a rank, not a count
        number_end = m.start() + len(raw)
    elif g.get("vague"):
        raw = m.group("vague")
        low, high = settings.VAGUE_RANGES[" ".join(raw.lower().split())]
        value, vague, number_end = low, True, end
    else:
        raw = m.group("words")
        value = _parse_words(raw)
        if value is None:
            return None
        number_end = end
    number_span = (start, number_end)
    sm = _SCALE_AFTER.match(text, end, s1)
    if sm and not vague:
        scale *= SCALES[sm.group(1).lower()]
        end = sm.end()
    high_value: float | None = None
    rm = _RANGE_AFTER.match(text, end, s1) if g.get("digits") else None
    if rm:
        second = _parse_digits(rm.group(1))
        if second is not None and second > value:
            high_value = second
            end = rm.end()
            sm2 = _SCALE_AFTER.match(text, end, s1)
            if sm2:
                end = sm2.end()
    value = _clean(value * scale)
    if high_value is not None:
        high_value = _clean(high_value * scale)
    # currency and qualifier, read backwards
    before_start = max(s0, start - 40)
    before = text[before_start:start]
    unit = None
    mention_start = start
    cm = _CURRENCY_BEFORE.search(before)
    if cm:
        unit = CURRENCIES.get(cm.group(1).lower())
        mention_start = before_start + cm.start()
        before = before[: cm.start()]
    if ordinal:
        unit = "ordinal"
    qualifier = None
    qm = _QUALIFIER_BEFORE.search(before.lower())
    if qm:
        qualifier = QUALIFIERS[qm.group(1)]
        mention_start = before_start + qm.start(1)
    qa = _QUALIFIER_AFTER.match(text, end, s1)
    if qa and qualifier is None:
        qualifier = QUALIFIERS_AFTER[qa.group(1).lower()]
        end = qa.end()
    if vague:
        low, high = settings.VAGUE_RANGES[" ".join(raw.lower().split())]
        qualifier = qualifier or raw.lower()
    else:
        low, high = _interval(value, high_value, qualifier)
    return Quantity(
        text=text[mention_start:end], start=mention_start, end=end, value=value, low=low, high=high,
        unit=unit, qualifier=qualifier, range_end=high_value, number_text=raw, number_span=number_span,
        vague=vague,
    )


def _interval(value: float, high_value: float | None, qualifier: str | None) -> tuple[float, float]:
    """The values a writer allows with a qualifier: "nearly 200" allows 170..200."""
    top = high_value if high_value is not None else value
    if qualifier == "about":
        return value * (1 - settings.APPROX_TOLERANCE), top * (1 + settings.APPROX_TOLERANCE)
    if qualifier == "nearly":
        return value * (1 - settings.NEARLY_TOLERANCE), top
    # An open bound agrees with values not far past it: "at least 32 dead" is no agreement with "7,000 dead"
    # reported days later, but "more than 6,000" is.
    if qualifier in ("more than", "at least"):
        return value, top * settings.OPEN_BOUND_MAX_RATIO
    if qualifier in ("up to", "less than"):
        return value / settings.OPEN_BOUND_MAX_RATIO, top
    return value, top


def _read_context(text: str, q: Quantity, sent_tokens: list[Token]) -> None:
    """Unit, counted noun, event concept, update language and context words, from the tokens around."""
    starts = [t.start for t in sent_tokens]
    i = bisect.bisect_left(starts, q.number_span[0])
    # index of the first token after the whole mention
    j = bisect.bisect_left(starts, q.end)
    n = len(sent_tokens)
    # unit: "72-hour", "30 days", "10%", "10 per cent", "300 dollars", "49-year-old"
    k = j
    if k < n and sent_tokens[k].text == "-" and k + 1 < n:
        k += 1
    if k < n:
        word = sent_tokens[k].lower
        first = word if word.rstrip("s") in UNITS else word.split("-", 1)[0]
        if first == "square" and k + 1 < n:  # "800 square metres"
            first = "square-" + sent_tokens[k + 1].lower
            k += 1
        singular = first[:-1] if first.endswith("s") and first[:-1] in UNITS else first
        if word == "per" and k + 1 < n and sent_tokens[k + 1].lower == "cent":
            q.unit, k = "percent", k + 2
        elif singular in UNITS and not (singular in ("point", "cent") and q.unit):
            q.unit = q.unit or UNITS[singular]
            if q.unit == "year" and word.endswith("-old") or word.endswith("-year-old"):
                q.unit = "age"
            k += 1
        elif word in CURRENCY_WORDS and q.unit is None:
            q.unit, k = CURRENCY_WORDS[word], k + 1
        if k > j:
            q.end = sent_tokens[k - 1].end
            q.text = text[q.start:q.end]
    # "225 of the prisoners", "thousands of protesters"
    if k < n and sent_tokens[k].lower == "of":
        k += 1
        if k < n and sent_tokens[k].lower in _DETERMINERS:
            k += 1
    # head: the first plural of the next few content words, else the last of them. Words between the
    # number and its head are modifiers ("103 imprisoned individuals", "the 103 released prisoners").
    run: list[int] = []
    head_index: int | None = None
    for p in range(k, min(n, k + settings.HEAD_WINDOW)):
        t = sent_tokens[p]
        if not t.is_word or t.lower in STOPWORDS or t.text[0].isupper():
            break
        run.append(p)
        low = t.lower
        followed_by_word = p + 1 < n and sent_tokens[p + 1].is_word and sent_tokens[p + 1].lower not in STOPWORDS
        if stem(low) in EVENT_CONCEPTS and not followed_by_word:
            head_index = p  # "200 injured as ...", "28 deaths"
            break
        if (low.endswith("s") and not low.endswith(("ss", "us", "is"))) or stem(low) in GENERIC_HEADS:
            head_index = p
            break
    if head_index is None and run:
        head_index = run[-1]
    event = None
    candidates: list[tuple[int, int, str]] = []  # (distance, preference, concept)
    after_from = j
    if head_index is not None:
        head_token = sent_tokens[head_index]
        head_stem = stem(head_token.lower)
        if head_stem in EVENT_CONCEPTS:
            event = EVENT_CONCEPTS[head_stem]
        elif head_stem not in GENERIC_HEADS:
            q.head = head_stem
        q.head_text = head_token.text
        for p in range(k, head_index):
            concept = EVENT_CONCEPTS.get(stem(sent_tokens[p].lower))
            if concept:
                candidates.append((p - i + settings.MODIFIER_EVENT_PENALTY, 1, concept))
        after_from = head_index + 1
    # event: the nearest event word around the number; crossing another number costs extra distance
    if event is None:
        for direction, pos, preference in ((-1, i, 0), (1, after_from - 1, 2)):
            crossed = 0
            for step in range(1, settings.EVENT_WINDOW + 1):
                p = pos + direction * step
                if p < 0 or p >= n:
                    break
                t = sent_tokens[p]
                if t.is_number or (t.is_word and _NUMBER.fullmatch(t.text)):
                    crossed += 1
                    continue
                if t.text in ".;:!?":
                    break
                if t.is_word:
                    concept = EVENT_CONCEPTS.get(stem(t.lower))
                    if concept and not t.lower.endswith(("ed", "ing")) and _modifies_noun(sent_tokens, p):
                        continue  # "election protesters", "arrest warrants": a noun's modifier
                    if concept:
                        dist = (p - i if direction == 1 else step) + crossed * settings.EVENT_CROSS_PENALTY
                        candidates.append((dist, preference, concept))
                        break
        if candidates:
            event = min(candidates)[2]
    q.event = event
    generic = q.head_text is not None and stem(q.head_text.lower()) in GENERIC_HEADS
    parts = [q.head or ("person" if generic else None), event]
    q.counted = " ".join(p for p in parts if p) or None
    # update language close around the number
    ctx_start = max(q.sentence[0] if q.sentence != (0, 0) else 0, q.number_span[0] - _UPDATE_BEFORE_CHARS)
    window = text[ctx_start:q.number_span[0]] + " " + text[q.number_span[1]:q.number_span[1] + _UPDATE_AFTER_CHARS]
    q.update = bool(_UPDATE.search(window))
    q.hedged = any(t.lower in HEDGES for t in sent_tokens[max(0, i - settings.HEDGE_WINDOW):i])
    lo, hi = max(0, i - settings.CONTEXT_WINDOW), min(n, j + settings.CONTEXT_WINDOW)
    q.context = frozenset(
        stem(t.lower) for t in sent_tokens[lo:hi] if t.is_word and t.lower not in STOPWORDS and len(t.text) > 1
    )


def _modifies_noun(sent_tokens: list[Token], p: int) -> bool:
    """An event word followed by a plain content word is that word's modifier, not the event."""
    if p + 1 >= len(sent_tokens):
        return False
    nxt = sent_tokens[p + 1]
    return nxt.is_word and nxt.lower not in STOPWORDS and stem(nxt.lower) not in EVENT_CONCEPTS


def _parse_digits(raw: str) -> float | None:
    """ "2,000" -> 2000, "79.9" -> 79.9, "1.234.567" -> 1234567, "12,700,00" -> 1270000 (kept, malformed)."""
    if "," in raw and "." in raw:
        raw = raw.replace(",", "")
    elif "," in raw:
        parts = raw.split(",")
        raw = "".join(parts) if all(len(p) == 3 for p in parts[1:]) or len(parts) > 2 else raw.replace(",", ".")
    elif raw.count(".") > 1:
        raw = raw.replace(".", "")
    try:
        return _clean(float(raw))
    except ValueError:
        return None


def _parse_words(raw: str) -> float | None:
    low = " ".join(raw.lower().replace("-", " ").split())
    if low in ("dozen", "a dozen"):
        return 12
    total = 0
    for w in low.split():
        if w in TENS:
            total += TENS[w]
        elif w in SMALL_NUMBERS:
            total += SMALL_NUMBERS[w]
        elif w in UNITS_1_9:
            total += UNITS_1_9[w]
        else:
            return None
    return total or None


def _clean(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x
