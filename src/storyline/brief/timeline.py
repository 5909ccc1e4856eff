"""The timeline of a story: its dated happenings, one line per date or date range, oldest first, each
line citing every article that supports it.

The method is DATEWISE (Ghalandari & Ifrim 2020, "Examining the state of the art in news timeline
summarization"), which on the Timeline17 and Crisis benchmarks matched or beat the earlier clustering and
submodular systems (Martschat & Markert 2018) while being far simpler: first decide *which dates* matter,
then pick *what to say* for each.

1. **Dates of sentences.** Every article is split into sentences
   (:func:`storyline.brief.sentences.split_sentences`) and its dates are found and resolved by
   :func:`storyline.facts.dates.find_dates`: "on Thursday", "from Tuesday to Thursday", "in September"
   and "July 28" resolve against the article's publication date, or, when it has none, against the
   story's (the median publication date of the other articles). A sentence is dated by the days, short
   day ranges and months it mentions; bare years are background ("since 2013"), not happenings.
2. **Which dates.** A date's importance is how often the story speaks of it: the sentences that mention it
   plus a share of the articles published on it (``PUBLISHED_WEIGHT``), each counted by how much its
   article is about the story (its similarity to the story's centroid: keyword-gathered collections hold
   articles that merely mention the subject). A month is left out when the story names a day inside it
   ("the July 28 election" makes "the July elections" redundant).
3. **What to say.** A date's candidate sentences are those that mention it and, as in DATEWISE's PM
   collector, the undated opening sentences of articles published that day or the next. Their TF-IDF
   centroid is what the sources agree happened that day; the line is the sentence (or sentences) whose
   sum is closest to it (CentroidOpt), skipping near-copies and sentences already said for another date.
   When another candidate states all the chosen sentence states plus a figure it leaves out, and is
   nearly as central, that fuller sentence is said instead.
4. **Citations.** Each line cites every article with a sentence that states the same thing
   (:mod:`storyline.brief.citations`), the article it was taken from first.

>>> from storyline.model import Article
>>> a = Article("a", "Rescuers reached the flooded village of Ashby on Tuesday after two days of rain.", "",
...             published="2024-03-08")
>>> b = Article("b", "Rescuers reached the flooded village of Ashby on March 5 after two days of rain.", "")
>>> [(e.date, e.citations) for e in timeline([a, b])]
[('2024-03-05', ['a', 'b'])]
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from storyline.brief import settings as brief_settings
from storyline.brief import timeline_settings as settings
from storyline.brief.citations import SupportUnit, support_units, supporting_articles, supports
from storyline.brief.concepts import content_stems, words
from storyline.brief.sentences import split_sentences
from storyline.cluster.titles import reads_alone
from storyline.model import Article

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w])")
# A finished sentence ends in a terminal mark, perhaps inside quotes or brackets.
_FINISHED = re.compile(r"[.!?][\"'’”)\]]*$")


@dataclass
class TimelineEntry:
    """One line of a timeline.

    ``date`` is an ISO day (``"2024-12-12"``), a range of days (``"2024-12-10/2024-12-12"``) or a month
    (``"2024-09"``). ``text`` is the sentence (or sentences, joined by a space) said for it, taken from
    ``article``'s clean text at ``[start, end)`` (the first sentence's place when there are several).
    ``citations`` lists every article that supports it, the one it was taken from first.
    """

    date: str
    text: str
    citations: list[str]
    article: str
    start: int
    end: int
    sentences: list[str] = field(default_factory=list)  # the sentences of ``text``, one by one


@dataclass(slots=True)
class _Sentence:
    article: int  # index into the story's articles
    start: int
    end: int
    text: str
    position: int  # 0 for the article's first sentence
    n_words: int
    dates: set[str] = field(default_factory=set)  # day, range and month keys it mentions, inside the span
    names_day: bool = False  # it names a day or range of days (inside the span or not)
    figures: frozenset[str] = frozenset()  # numbers it states outside dates and times


@dataclass
class _Evidence:
    """What the story says about each date: the sentences that mention it, the articles published on it
    and the undated opening sentences of articles published on it or the day after."""

    mentions: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    published_on: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    opening: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))


def timeline(
    articles: Sequence[Article],
    max_dates: int | None = None,
    sentences_per_date: int = 1,
    *,
    start: str | None = None,
    end: str | None = None,
    days_only: bool = False,
) -> list[TimelineEntry]:
    """The dated happenings of ``articles`` (one story), oldest first.

    With ``max_dates`` the timeline has (at most) that many lines, the most spoken-of dates; without it,
    every date at least ``MIN_ARTICLES`` articles speak of, up to ``DEFAULT_MAX_DATES``.
    ``sentences_per_date`` sentences are said for each date. ``start`` and ``end`` (ISO days) keep only
    dates inside that span; ``days_only`` keeps only single days (no ranges or months), as timeline
    benchmarks expect. Fewer lines come back when fewer dates have a sentence fit to say.
    """
    articles = list(articles)
    if not articles or (max_dates is not None and max_dates <= 0) or sentences_per_date <= 0:
        return []
    window = (_day(start) if start else date.min, _day(end) if end else date.max)
    published = [_day(a.published) for a in articles]
    spans = [split_sentences(a.text) for a in articles]
    sentences = _story_sentences(articles, spans, published, window, days_only)
    evidence = _evidence(sentences, published, window)
    vectors = _tfidf([s.text for s in sentences])
    relevance = _relevance(vectors, [s.article for s in sentences], len(articles))
    ranked = _ranked_dates(evidence, sentences, relevance, len(articles), strict=max_dates is None)
    limit = settings.DEFAULT_MAX_DATES if max_dates is None else max_dates

    units, index = _support_index(articles, spans)  # one unit per sentence, in the same order
    eligible = [_eligible(s) for s in sentences]
    # A line must read without the article around it: no quotation, no opening "He" or "But" pointing back
    # to a sentence the reader does not see: the test a story title must pass (cluster.titles.reads_alone).
    # Such a sentence is said only when none of a date's candidates reads alone. On timeline17.dev it
    # took 163 of 775 lines before, 7 after; ROUGE moved little either way (concat R-1 0.3753 -> 0.3752,
    # R-2 0.1073 -> 0.1089; aligned R-1 0.1434 -> 0.1399, R-2 0.0431 -> 0.0401; date F1 0.6552 both).
    alone = [reads_alone(s.text) for s in sentences]
    weights = [relevance[s.article] for s in sentences]
    same_text: dict[str, list[int]] = defaultdict(list)
    for j, sentence in enumerate(sentences):
        same_text[sentence.text].append(j)
    used: set[int] = set()
    chosen: list[tuple[str, list[int]]] = []
    for key in ranked:
        if len(chosen) >= limit:
            break
        candidates = list(dict.fromkeys(evidence.mentions.get(key, []) + evidence.opening.get(key, [])))
        picked = _choose(candidates, vectors, weights, eligible, used, units, sentences, sentences_per_date, alone)
        if picked:
            used.update(i for j in picked for i in same_text[sentences[j].text])  # a line is said once
            chosen.append((key, picked))
    return [_entry(key, picked, sentences, articles, units, index)
            for key, picked in sorted(chosen, key=lambda kp: _interval(kp[0]))]


def _story_sentences(
    articles: list[Article],
    spans: list[list[tuple[int, int]]],
    published: list[date | None],
    window: tuple[date, date],
    days_only: bool,
) -> list[_Sentence]:
    """Every sentence of the story with the dates it names, resolved against its article's publication
    date, or the story's when the article has none."""
    story_anchor = _story_anchor(published)
    sentences = []
    for i, article in enumerate(articles):
        anchor = published[i] or story_anchor
        dated, written = _sentence_dates(article.text, spans[i], anchor, own=published[i] is not None)
        for position, (s, e) in enumerate(spans[i]):
            text = article.text[s:e]
            named = dated.get((s, e), set())
            keys = {k for k in named if _inside(k, window) and (_is_day(k) or not days_only)}
            sentences.append(_Sentence(i, s, e, text, position, len(text.split()), keys,
                                       any(_is_day_or_range(k) for k in named), _figures(article.text, s, e, written)))
    return sentences


def _evidence(sentences: list[_Sentence], published: list[date | None], window: tuple[date, date]) -> _Evidence:
    evidence = _Evidence()
    for j, sentence in enumerate(sentences):
        for key in sentence.dates:
            evidence.mentions[key].append(j)
    for i, day in enumerate(published):
        if day is not None and _inside(day.isoformat(), window):
            evidence.published_on[day.isoformat()].add(i)
    for j, sentence in enumerate(sentences):
        day = published[sentence.article]
        if day is None or sentence.position >= settings.CLIP_SENTENCES or sentence.names_day:
            continue
        for back in range(settings.PUBLISHED_DAYS_BACK + 1):
            key = (day - timedelta(days=back)).isoformat()
            if _inside(key, window):
                evidence.opening[key].append(j)
    return evidence


def _ranked_dates(
    evidence: _Evidence, sentences: list[_Sentence], relevance: list[float], n_articles: int, strict: bool
) -> list[str]:
    """Dates by importance: relevance-weighted mentions plus ``PUBLISHED_WEIGHT`` times relevance-weighted
    publications. ``strict`` keeps only dates enough articles speak of (``MIN_ARTICLES``). Months with a
    named day or range inside are left out."""
    support = {key: {sentences[j].article for j in js} for key, js in evidence.mentions.items()}
    for key, published in evidence.published_on.items():
        support.setdefault(key, set()).update(published)
    score = {
        key: sum(relevance[sentences[j].article] for j in evidence.mentions.get(key, ()))
        + settings.PUBLISHED_WEIGHT * sum(relevance[i] for i in evidence.published_on.get(key, ()))
        for key in support
    }
    needed = min(settings.MIN_ARTICLES, n_articles) if strict else 1
    candidates = _drop_covered_months([k for k in score if len(support[k]) >= needed])
    return sorted(candidates, key=lambda k: (-score[k], -len(support[k]), _interval(k)))


def _entry(
    key: str,
    picked: list[int],
    sentences: list[_Sentence],
    articles: list[Article],
    units: list[SupportUnit],
    index: dict[str, list[int]],
) -> TimelineEntry:
    first = sentences[picked[0]]
    texts = [sentences[j].text for j in picked]
    citations: list[str] = []
    for j in picked:
        own = articles[sentences[j].article].id
        for cited in [own, *_supporting(sentences[j].text, units, index)]:
            if cited not in citations:
                citations.append(cited)
    return TimelineEntry(key, " ".join(texts), citations, articles[first.article].id, first.start, first.end, texts)


# --- dates ----------------------------------------------------------------------------------------------


def _day(value: str | None) -> date | None:
    """The calendar day of an ISO date or datetime (``"2024-12-13"``, ``"2024-12-13T09:30:00Z"``)."""
    if not value:
        return None
    m = _ISO_DAY.match(value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _story_anchor(published: list[date | None]) -> date | None:
    """The date relative dates of an undated article are read against: the median publication date of
    the story's dated articles (copies and follow-ups of one story appear within days of each other)."""
    known = sorted(d for d in published if d is not None)
    if not known:
        return None
    return date.fromordinal(int(statistics.median_low([d.toordinal() for d in known])))


def _sentence_dates(
    text: str, spans: list[tuple[int, int]], anchor: date | None, own: bool
) -> tuple[dict[tuple[int, int], set[str]], list[tuple[int, int]]]:
    """The date keys each sentence (by span) mentions, resolved against ``anchor``, and where in the text
    every date or time is written (to tell a sentence's figures from the digits of its dates)."""
    from storyline.facts.dates import find_dates  # the facts stage's resolver; imported when first needed

    keys: dict[tuple[int, int], set[str]] = defaultdict(set)
    written: list[tuple[int, int]] = []
    if not spans:
        return keys, written
    span_set = set(spans)
    for mention in find_dates(text, anchor=anchor, anchor_is_own=own, sentences=spans):
        written.append((mention.start, mention.end))
        if mention.sentence not in span_set or mention.confidence < settings.MIN_CONFIDENCE:
            continue  # outside every sentence (a dateline), or a guess
        key = _key(mention.granularity, mention.low, mention.high)
        if key is not None:
            keys[mention.sentence].add(key)
    return keys, written


def _figures(text: str, start: int, end: int, written: list[tuple[int, int]]) -> frozenset[str]:
    """The numbers a sentence states outside its dates and times ("103 released", "225 individuals")."""
    found = set()
    for m in _NUMBER.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in written):
            found.add(m.group().replace(",", ""))
    return frozenset(found)


def _key(granularity: str, low: date | None, high: date | None) -> str | None:
    """The timeline key of a resolved date: a day, a short range of days, or a whole month."""
    if low is None or high is None or high < low:
        return None
    if granularity == "day":
        if low == high:
            return low.isoformat()
        if (high - low).days + 1 <= settings.MAX_RANGE_DAYS:
            return f"{low.isoformat()}/{high.isoformat()}"
        return None
    whole_month = (low.day == 1 and (low.year, low.month) == (high.year, high.month)
                   and high.day == calendar.monthrange(low.year, low.month)[1])
    if granularity == "month" and whole_month:
        return f"{low.year:04d}-{low.month:02d}"
    return None


def _interval(key: str) -> tuple[date, date]:
    """First and last day of a key."""
    if "/" in key:
        a, b = key.split("/")
        return date.fromisoformat(a), date.fromisoformat(b)
    if len(key) == 7:
        year, month = int(key[:4]), int(key[5:])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    d = date.fromisoformat(key)
    return d, d


def _is_day(key: str) -> bool:
    return len(key) == 10


def _is_day_or_range(key: str) -> bool:
    return len(key) != 7


def _inside(key: str, window: tuple[date, date]) -> bool:
    low, high = _interval(key)
    return window[0] <= low and high <= window[1]


def _drop_covered_months(keys: list[str]) -> list[str]:
    """Months in which the story also names a day or range: the finer date says it better."""
    finer = {k[:7] for k in keys if _is_day_or_range(k)} | {k.split("/")[1][:7] for k in keys if "/" in k}
    return [k for k in keys if _is_day_or_range(k) or k not in finer]


# --- sentences ------------------------------------------------------------------------------------------


def _eligible(sentence: _Sentence) -> bool:
    """A sentence fit to be a timeline line: of a length to stand alone, and finished (headlines, captions
    and cut-off text end without a terminal mark)."""
    return (settings.MIN_SENTENCE_WORDS <= sentence.n_words <= settings.MAX_SENTENCE_WORDS
            and _FINISHED.search(sentence.text) is not None)


def _tfidf(texts: list[str]):
    """L2-normalised TF-IDF rows of the story's sentences (scikit-learn's English stopwords)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        return TfidfVectorizer(stop_words="english").fit_transform(texts).tocsr()
    except ValueError:  # nothing but stopwords
        from scipy import sparse

        return sparse.csr_matrix((len(texts), 1))


def _relevance(vectors, article_of: list[int], n_articles: int) -> list[float]:
    """How much each article is about the story: the cosine of its TF-IDF vector (the sum of its
    sentences') to the story's centroid, raised to ``RELEVANCE_POWER``. Collections gathered by keyword
    hold articles that only mention the subject (a radio schedule naming a singer); their dates should
    count for less."""
    if settings.RELEVANCE_POWER == 0 or not article_of:
        return [1.0] * n_articles
    from scipy import sparse
    from sklearn.preprocessing import normalize

    membership = sparse.csr_matrix(
        (np.ones(len(article_of)), (article_of, np.arange(len(article_of)))), shape=(n_articles, len(article_of))
    )
    docs = normalize(membership @ vectors)
    centroid = np.asarray(docs.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return [1.0] * n_articles
    cosines = np.asarray(docs @ (centroid / norm)).ravel()
    return [float(max(c, 0.0) ** settings.RELEVANCE_POWER) for c in cosines]


def _choose(
    candidates: list[int],
    vectors,
    weights: list[float],
    eligible: list[bool],
    used: set[int],
    units: list[SupportUnit],
    sentences: list[_Sentence],
    k: int,
    alone: list[bool] | None = None,
) -> list[int]:
    """Up to ``k`` of a date's candidate sentences, chosen greedily: each time the one that brings the
    chosen set's sum closest (cosine) to the date's centroid (CentroidOpt). Near-copies of a chosen
    sentence are skipped; among the sentences that state all a chosen one states, nearly as central, the
    fullest is taken instead (see :func:`_fuller`). Where ``alone`` is given, a sentence not marked in it is
    taken only when no unblocked one that is marked is left."""
    centroid = _centroid(candidates, vectors, weights)
    pool = [j for j in candidates if eligible[j] and j not in used]
    if not pool or centroid is None:
        return []
    x = vectors[pool]
    to_centroid = np.asarray(x @ centroid).ravel()
    gram = (x @ x.T).toarray()
    chosen: list[int] = []
    total_dot, total_norm2 = 0.0, 0.0  # (sum of chosen) . centroid, |sum of chosen|^2
    cross = np.zeros(len(pool))  # (sum of chosen) . x_j
    blocked = np.zeros(len(pool), dtype=bool)
    alone_pool = np.array([alone[j] for j in pool]) if alone is not None else None
    while len(chosen) < k and not blocked.all():
        norms = total_norm2 + 2 * cross + np.diag(gram)
        scores = np.where(norms > 0, (total_dot + to_centroid) / np.sqrt(np.maximum(norms, 1e-12)), 0.0)
        if alone_pool is not None:  # cosines are at most 1: any sentence that reads alone comes first
            scores = np.where(alone_pool, scores, scores - 2.0)
        scores[blocked] = -np.inf
        best = _fuller(int(np.argmax(scores)), pool, scores, units, sentences, alone_pool)
        chosen.append(best)
        total_dot += to_centroid[best]
        total_norm2 += 2 * cross[best] + gram[best, best]
        cross += gram[:, best]
        blocked |= gram[:, best] >= settings.REDUNDANT_SIMILARITY
        blocked[best] = True
    return [pool[c] for c in chosen]


def _fuller(best: int, pool: list[int], scores: np.ndarray, units: list[SupportUnit],
            sentences: list[_Sentence], alone: np.ndarray | None = None) -> int:
    """The fullest statement of what ``pool[best]`` says: a candidate scoring within ``FULLER_MARGIN``
    of it that states everything it states (the citation rule) and a figure it leaves out. The centroid
    favours the common core of a happening; when one outlet gives the same sentence with the number the
    others leave out ("103 released ... in addition to 225 individuals ..."), the line should carry it. A
    sentence that reads alone is not traded for one that does not (``alone``, by pool position)."""
    if settings.FULLER_MARGIN <= 0:
        return best
    core = sentences[pool[best]]
    found, found_score = best, -np.inf
    for c, j in enumerate(pool):
        if c == best or scores[c] < scores[best] - settings.FULLER_MARGIN or scores[c] <= found_score:
            continue
        if alone is not None and alone[c] != alone[best]:
            continue
        if sentences[j].figures - core.figures and supports(core.text, units[j]):
            found, found_score = c, scores[c]
    return found


def _centroid(rows: list[int], vectors, weights: list[float]) -> np.ndarray | None:
    """What the sources say about a date: the mean vector of its candidate sentences (those that name it
    and its opening sentences), each weighted by its article's relevance, normalised. (DATEWISE's PM-Mean
    averages the two groups separately and keeps only the terms both share; on T17 dev that scored the
    same, align ROUGE-1 0.1441 against 0.1443 when compared, and it breaks down when few articles carry a
    date: a handful of shared words is then the whole centroid.)"""
    if not rows:
        return None
    centroid = _weighted_mean(vectors, rows, weights)
    norm = np.linalg.norm(centroid)
    return centroid / norm if norm > 0 else None


def _weighted_mean(vectors, rows: list[int], weights: list[float]) -> np.ndarray:
    w = np.array([weights[j] for j in rows])
    if w.sum() <= 0:
        w = np.ones(len(rows))
    return np.asarray(vectors[rows].T @ w).ravel() / w.sum()


# --- citations ------------------------------------------------------------------------------------------


def _support_index(
    articles: list[Article], spans: list[list[tuple[int, int]]]
) -> tuple[list[SupportUnit], dict[str, list[int]]]:
    """Every sentence of the story as a citation unit, and an index from content stem to units, so a
    line is checked only against the sentences that share enough words with it."""
    units = [u for a, sp in zip(articles, spans, strict=True) for u in support_units(a.id, sp, a.text)]
    index: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for s in unit.stems:
            index[s].append(i)
    return units, index


def _supporting(text: str, units: list[SupportUnit], index: dict[str, list[int]]) -> list[str]:
    """The articles that state ``text`` (the brief's citation rule, run on the units that could pass)."""
    shared = Counter(i for s in content_stems(words(text)) for i in index.get(s, ()))
    candidates = [units[i] for i in sorted(shared) if shared[i] >= brief_settings.CITATION_MIN_SHARED_WORDS]
    return supporting_articles(text, candidates)
