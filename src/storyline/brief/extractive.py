"""The brief: a short extractive summary of a story in which every sentence names its sources.

How a brief is made, step by step:

1. Every article is split into sentences (:func:`~storyline.brief.sentences.split_sentences`); sentences
   too short or too long to stand alone are set aside, and exact repeats are kept once (from the earliest
   article).
2. Each sentence is reduced to *concepts*, stemmed word bigrams and content words
   (:mod:`~storyline.brief.concepts`), and each concept is weighted by the chance that a human summary
   of the story would state it, predicted from how many articles use it, how often and how early
   (:mod:`~storyline.brief.importance`, :mod:`~storyline.brief.weights`).
3. An integer program chooses the sentences that cover the most concept weight within the word budget
   (:mod:`~storyline.brief.selection`, after Gillick & Favre 2009). A concept is paid once, so the same fact
   from five copies is said once, and rewordings of one statement exclude each other. Sentences that
   carry a disputed fact pay a penalty, so agreed statements are preferred when they cover as much;
   opening sentences get a small bonus.
4. Each chosen sentence cites every article that states the same thing (:mod:`~storyline.brief.citations`),
   and the sentences are put in chronological order: by the publication date of their article, then by
   their place in it, then by importance.

>>> from storyline.model import Article
>>> a = Article(id="a", raw_text="", text="Heavy rain flooded the river town of Ashby on Monday morning. "
...             "Officials said the old stone bridge over the river was closed until further notice.")
>>> b = Article(id="b", raw_text="", text="Heavy rain flooded the river town of Ashby on Monday morning. "
...             "Schools stayed open.")
>>> [(s.text, s.citations) for s in brief([a, b], words=12)]
[('Heavy rain flooded the river town of Ashby on Monday morning.', ['a', 'b'])]
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from storyline.brief import settings
from storyline.brief.citations import SupportUnit, support_units, supporting_articles
from storyline.brief.concepts import STOPWORDS, bigram_concepts, stem, words
from storyline.brief.importance import ImportanceModel
from storyline.brief.selection import select_sentences
from storyline.brief.sentences import split_sentences
from storyline.brief.weights import concept_weights
from storyline.model import Article

# A finished sentence ends in a terminal mark, perhaps inside quotes or brackets.
_FINISHED = re.compile(r"[.!?][\"'’”)\]]*$")


@dataclass
class BriefSentence:
    """One sentence of a brief.

    ``text`` is ``article``'s text from ``start`` to ``end`` (character offsets into its clean ``text``).
    ``citations`` lists every article of the story that contains the same or an equivalent sentence, the
    source article first, so a sentence repeated by ten outlets visibly has ten sources. ``disputed`` is
    true when the sentence (or an equivalent one it cites) mentions a fact the sources disagree on.
    """

    text: str
    article: str
    start: int
    end: int
    citations: list[str] = field(default_factory=list)
    disputed: bool = False


@dataclass
class Sentence:
    """A sentence of a story's article, with what weighting and selection need to know about it."""

    article_index: int
    article: str
    start: int
    end: int
    text: str
    position: int  # 0 for the article's first sentence
    n_words: int  # whitespace words, the unit of the budget
    tokens: list[str]
    stems: list[str]
    bigrams: set[tuple[str, str]]
    disputed: bool = False
    concepts: set[tuple[str, ...]] = field(default_factory=set)  # bigrams and content words, for selection


def brief(
    articles: Sequence[Article],
    words: int = settings.DEFAULT_WORDS,
    disputed_spans: Mapping[str, list[tuple[int, int]]] | None = None,
    *,
    bigram_model: ImportanceModel | None = None,
    word_model: ImportanceModel | None = None,
) -> list[BriefSentence]:
    """An extractive brief of ``articles`` (one story) of at most ``words`` words, in reading order.

    ``disputed_spans`` maps an article id to the character ranges where it mentions a fact the sources
    disagree on (from the facts stage); sentences overlapping them are marked ``disputed`` and are chosen
    only when they add clearly more than an agreed alternative. Without it the brief is a plain summary.
    ``bigram_model`` and ``word_model`` replace the importance models of ``settings`` (for evaluation).
    """
    articles = list(articles)
    if not articles or words <= 0:
        return []
    disputed_spans = disputed_spans or {}
    story = story_sentences(articles, disputed_spans)
    weights = concept_weights(story, bigram_model, word_model)
    pool = _candidates(story, articles, weights)
    concept_ids = {c: i for i, c in enumerate(weights)}
    chosen = select_sentences(
        [[concept_ids[c] for c in cand.concepts if c in concept_ids] for cand in pool],
        list(weights.values()),
        [cand.n_words for cand in pool],
        words,
        [_penalty(cand, weights) for cand in pool],
        _rewordings(pool),
    )
    units = [u for a, sentences in zip(articles, story, strict=True)
             for u in support_units(a.id, [(x.start, x.end) for x in sentences], a.text)]
    importance = {j: _value(pool[j], weights) for j in chosen}
    by_id = {a.id: a for a in articles}
    result = []
    for j in sorted(chosen, key=lambda j: _reading_order(pool[j], articles, importance[j])):
        cand = pool[j]
        citations = [cand.article] + [a for a in supporting_articles(cand.text, units) if a != cand.article]
        disputed = cand.disputed or _cited_disputed(cand.text, units, by_id, disputed_spans)
        result.append(BriefSentence(cand.text, cand.article, cand.start, cand.end, citations, disputed))
    return result


def story_sentences(
    articles: Sequence[Article], disputed_spans: Mapping[str, list[tuple[int, int]]] | None = None
) -> list[list[Sentence]]:
    """Every sentence of every article, in order (``result[a]`` for ``articles[a]``), marked disputed
    where it overlaps one of ``disputed_spans``."""
    disputed_spans = disputed_spans or {}
    return [_sentences(i, a, split_sentences(a.text), disputed_spans.get(a.id, [])) for i, a in enumerate(articles)]


def _sentences(
    index: int, article: Article, spans: list[tuple[int, int]], disputed: list[tuple[int, int]]
) -> list[Sentence]:
    out = []
    for position, (start, end) in enumerate(spans):
        text = article.text[start:end]
        tokens = words(text)
        stems = [stem(t) for t in tokens]
        hit = any(a < end and start < b for a, b in disputed)
        out.append(Sentence(index, article.id, start, end, text, position, len(text.split()), tokens, stems,
                            bigram_concepts(tokens), hit))
    return out


def _candidates(
    story: list[list[Sentence]], articles: list[Article], weights: Mapping[tuple[str, ...], float]
) -> list[Sentence]:
    """The sentences that may enter the brief: finished sentences of a length to stand alone, exact
    repeats (same words) kept once, from the earliest published article, and marked disputed if any copy
    is. In a very large story only the ``MAX_CANDIDATES`` densest in concept weight are kept, so that the
    integer program stays small."""
    order = sorted(range(len(articles)), key=lambda i: (_date_key(articles[i]), i))
    seen: dict[tuple[str, ...], Sentence] = {}
    for i in order:
        for sentence in story[i]:
            if not settings.MIN_SENTENCE_WORDS <= sentence.n_words <= settings.MAX_SENTENCE_WORDS:
                continue
            if not _stands_alone(sentence.text):
                continue
            key = tuple(sentence.tokens)
            if key in seen:
                seen[key].disputed = seen[key].disputed or sentence.disputed
                continue
            sentence.concepts = set(sentence.bigrams) | {
                (t,) for t, token in zip(sentence.stems, sentence.tokens, strict=True) if token not in STOPWORDS
            }
            seen[key] = sentence
    pool = list(seen.values())
    if len(pool) > settings.MAX_CANDIDATES:
        pool.sort(key=lambda c: -_value(c, weights) / c.n_words)
        pool = pool[: settings.MAX_CANDIDATES]
    return pool


def _stands_alone(text: str) -> bool:
    """A sentence fit for a brief is finished (headlines, captions, bylines and cut-off text are not) and
    has balanced quotation marks (otherwise it is one piece of a longer quotation). Checked on DUC dev:
    neither rule changed the scores (39.50 / 10.20 with, 39.52 / 10.21 without)."""
    if not _FINISHED.search(text):
        return False
    opening = text.count("``") + text.count("“")
    closing = text.count("''") + text.count("”")
    return opening == closing and text.count('"') % 2 == 0


def _rewordings(pool: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Pairs of candidates that say the same thing in other words: the content words of the shorter are
    mostly (``REDUNDANT_OVERLAP``) in the longer. Only one of each pair may enter the brief."""
    content = [{c for c in cand.concepts if len(c) == 1} for cand in pool]
    holders: dict[tuple[str, ...], list[int]] = {}
    for j, words_of_j in enumerate(content):
        for w in words_of_j:
            holders.setdefault(w, []).append(j)
    pairs = []
    for j, words_of_j in enumerate(content):
        shared: dict[int, int] = {}
        for w in words_of_j:
            for k in holders[w]:
                if k > j:
                    shared[k] = shared.get(k, 0) + 1
        for k, n in shared.items():
            if n >= settings.REDUNDANT_OVERLAP * min(len(words_of_j), len(content[k])):
                pairs.append((j, k))
    return pairs


def _penalty(cand: Sentence, weights: Mapping[tuple[str, ...], float]) -> float:
    """What choosing a sentence costs besides its words, as a share of the concept weight it carries.

    A disputed sentence gives back ``DISPUTED_PENALTY`` of it, so it wins only by a clear margin. An early
    sentence gets ``LEAD_BONUS`` back (a negative cost), fading with its position: news puts the gist of
    a story first, and the opening sentence is also the one that reads well without its context.
    """
    share = -settings.LEAD_BONUS * math.exp(-cand.position / settings.LEAD_BONUS_DECAY)
    if cand.disputed:
        share += settings.DISPUTED_PENALTY
    return share * _value(cand, weights)


def _value(cand: Sentence, weights: Mapping[tuple[str, ...], float]) -> float:
    return sum(weights.get(c, 0.0) for c in cand.concepts)


def _cited_disputed(
    text: str, units: Sequence[SupportUnit], articles: Mapping[str, Article],
    disputed_spans: Mapping[str, list[tuple[int, int]]],
) -> bool:
    """True when an equivalent sentence in another article mentions a disputed fact in words the brief
    sentence also uses: the brief sentence then states the disputed fact too, even where its own
    article's mention was not found. A copy that adds a disputed detail the brief sentence leaves out
    ("... on July 28 in 2023") does not mark it."""
    own = " ".join(words(text))
    for unit in units:
        spans = disputed_spans.get(unit.article)
        if not spans or not supporting_articles(text, [unit]):
            continue
        source = articles[unit.article].text
        for a, b in spans:
            mention = " ".join(words(source[max(a, unit.start):min(b, unit.end)]))
            if a < unit.end and unit.start < b and mention and f" {mention} " in f" {own} ":
                return True
    return False


def _reading_order(cand: Sentence, articles: list[Article], importance: float) -> tuple:
    return (_date_key(articles[cand.article_index]), cand.position, -importance, cand.article_index)


def _date_key(article: Article) -> str:
    # ISO dates and datetimes sort as text; undated articles go last rather than first.
    return article.published or "9999"
