"""Declared sources: the outside outlet an article says its report came from, and two articles retelling it.

A copy desk that rewrites a wire or a broadcaster's report usually says so: ``"…, Al Jazeera reported"``,
``"Original Source: www.aljazeera.com"``, an ``attributed_to`` the cleaner read from such a line. Two
articles that credit the same outside outlet and retell the same report in the same order are two
derivations of that outlet's report, even when, condensed and reworded, they retell too little of each
other for the text alone to tell them from two reporters covering the same event:

- :func:`declared_sources` lists the outlets an article credits with its report, each with its evidence
  (the quote, or the credit line the cleaner set apart from the text);
- :func:`copies_in` finds the articles of a story that carry an article's text (long shared passages
  covering most of one side), :func:`retellings_in` those that retell it sentence by sentence: a copy or a
  rewrite carries its original's report, so a credit on it speaks for the original too;
- :func:`shared_report` puts both together for a pair with no long shared passage.

An outlet is *outside* when it is not the outlet of any article at hand (the pair and its context): an
article's own signature, or a credit to the outlet of another article of the story, is not a declared
outside source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storyline.model import Article
from storyline.reuse import settings
from storyline.reuse.align import align_texts
from storyline.reuse.classify import is_reuse
from storyline.reuse.credits import COPY_CREDIT_KINDS, find_credits, outlet_key, outlet_keys
from storyline.reuse.features import pair_features
from storyline.reuse.similarity import retold, topic_similarity
from storyline.reuse.text import profile


@dataclass(frozen=True, slots=True)
class Declaration:
    """An outlet an article credits with its report.

    ``key`` is the outlet's comparison key (:func:`~storyline.reuse.credits.outlet_key`), ``name`` the
    spelling found (the cleaner's ``attributed_to`` reading when there is one), ``evidence`` one line
    saying where the article credits it, and ``quoted`` whether that line quotes the article.
    """

    key: str
    name: str
    evidence: str
    quoted: bool


def own_keys(articles: Iterable[Article]) -> frozenset[str]:
    """The keys of the articles' own outlets: credits to these are signatures, not outside sources."""
    keys: set[str] = set()
    for art in articles:
        keys |= outlet_keys(art.site or "")
    return frozenset(keys)


def declared_sources(article: Article, inside: Iterable[str] = ()) -> dict[str, Declaration]:
    """The outlets ``article`` credits with its report, by key, in order of first credit.

    Read from ``attributed_to`` and from the credits in the text (credit lines, ``"X reported"``,
    wire datelines, copyright lines naming another outlet when the article's own outlet is known); a
    credit the cleaner set apart from the text (``removed_boilerplate``) is quoted from there. Outlets
    whose key is in ``inside`` (outlets of the library or of the story) and the article's own are left out.

    >>> a = Article("a", "Floods cut the road, Harbor Wire reported.", "", source="Valley Times")
    >>> [(d.name, d.evidence) for d in declared_sources(a).values()]
    [('Harbor Wire', 'a: "Floods cut the road, Harbor Wire reported."')]
    """
    own = outlet_keys(article.site or "")
    skip = own | set(inside)
    found: dict[str, Declaration] = {}

    def credits_of(text: str) -> list[tuple[str, str]]:
        out = []
        for c in find_credits(text):
            if c.kind not in COPY_CREDIT_KINDS:
                continue
            if c.kind == "copyright" and not own:
                continue  # "© X" may be the article's own outlet when that is unknown
            out.append((c.name, c.snippet(text)))
        return out

    quotes: dict[str, tuple[str, str]] = {}
    for name, quote in credits_of(article.text):
        quotes.setdefault(outlet_key(name), (name, f'"{quote}"'))
    for line in article.removed_boilerplate:
        for name, quote in credits_of(line):
            quotes.setdefault(outlet_key(name), (name, f'"{quote}" (a credit line set apart from the text)'))
    for name in article.attributed_to:
        key = outlet_key(name)
        if not key or key in skip or key in found:
            continue
        if key in quotes:
            found[key] = Declaration(key, name, f"{article.id}: {quotes[key][1]}", True)
        else:
            found[key] = Declaration(key, name, f"{article.id}: attributed to {name}", False)
    for key, (name, quote) in quotes.items():
        if key and key not in skip and key not in found:
            found[key] = Declaration(key, name, f"{article.id}: {quote}", True)
    return found


def copies_in(article: Article, context: Sequence[Article], exclude: Iterable[str] = ()) -> list[Article]:
    """The articles of ``context`` that carry ``article``'s text: a shared passage of ``REUSE_MIN_WORDS``
    words or more, with the passages covering at least ``PARTIAL_MAX_SHARE`` of one of the two (a copy
    either way, not a quoted excerpt). Articles whose id is in ``exclude`` are skipped."""
    skip = set(exclude) | {article.id}
    grams = profile(article.text).grams
    out = []
    for c in context:
        if c.id in skip:
            continue
        # most context articles share no n-gram worth aligning: a set intersection rules them out
        if len(grams.keys() & profile(c.text).grams.keys()) < settings.CANDIDATE_MIN_SHARED:
            continue
        if _carries(article.text, c.text, article.site, c.site):
            out.append(c)
    return out


@lru_cache(maxsize=settings.PAIR_CACHE_SIZE)
def _carries(text: str, other: str, site: str | None, other_site: str | None) -> bool:
    """Whether ``other`` carries ``text`` (see :func:`copies_in`). Cached: the same context articles are
    checked for every pair of a story they are context to."""
    passages = align_texts(text, other)
    feats = pair_features(text, other, passages, site, other_site)
    return is_reuse(feats) and max(feats.source.share, feats.target.share) >= settings.PARTIAL_MAX_SHARE


@dataclass(frozen=True, slots=True)
class SharedReport:
    """Two articles retelling one report of an outside outlet: which outlet, how far the closest texts of
    the two sides retell each other in order, and the evidence lines."""

    outlet: str
    retold: float
    evidence: list[str]


def retellings_in(article: Article, context: Sequence[Article], exclude: Iterable[str] = ()) -> list[Article]:
    """The articles of ``context`` that retell ``article`` sentence by sentence in order far enough to be a
    rewrite by the text alone (``REWRITE_MIN_RETOLD``): they carry its report, if not its text."""
    skip = set(exclude) | {article.id}
    return [c for c in context if c.id not in skip
            and topic_similarity(article.text, c.text) >= settings.SAME_EVENT_MIN_TOPIC
            and retold(article.text, c.text) >= settings.REWRITE_MIN_RETOLD]


def shared_report(a: Article, b: Article, context: Sequence[Article] = (),
                  told: float | None = None) -> SharedReport | None:
    """Whether ``a`` and ``b`` (no long shared passage) retell one report of an outside outlet, or
    ``None``.

    Both conditions must hold:

    1. **a common declared source**: an outlet outside the story that ``a`` or ``b`` credits itself, and
       the other credits too, itself or through an article of ``context`` that carries its text (a copy,
       :func:`copies_in`) or its report (a rewrite by the text alone, :func:`retellings_in`);
    2. **the same report, in order**: one of the two (or a copy of it) retells the other (or a copy of it)
       sentence by sentence in order at least ``REWRITE_SHARED_SOURCE_MIN_RETOLD``
       (:func:`~storyline.reuse.similarity.retold`), which reports of other events than the one told
       seldom reach.

    ``told``: ``retold(a.text, b.text)`` when the caller has it already.
    """
    inside = own_keys([a, b, *context])
    da, db = declared_sources(a, inside), declared_sources(b, inside)
    if not da and not db:
        return None
    told = retold(a.text, b.text) if told is None else told
    exclude = (a.id, b.id)
    # the texts each side is carried by: itself, then its copies (computed only when needed)
    groups: dict[str, list[Article] | None] = {a.id: None, b.id: None}

    def group(x: Article) -> list[Article]:
        found = groups[x.id]
        if found is None:
            found = groups[x.id] = [x, *copies_in(x, context, exclude)]
        return found

    # a common outlet must be credited by a or b itself; the other may credit it itself, or a copy of it may
    common: dict[str, list[Declaration]] = {}
    for mine, other_own in ((da, db), (db, da)):
        for key, decl in mine.items():
            if key in other_own and key not in common:
                common[key] = [decl, other_own[key]]
    carried: list[str] = []  # "wire carries report's text", for credits read on a copy or a retelling
    if not common:
        for mine, other in ((da, b), (db, a)):
            if not mine:
                continue
            carriers = [(c, "text") for c in group(other)[1:]]
            carriers += [(c, "report") for c in retellings_in(other, context, [*exclude, *(c.id for c, _ in carriers)])]
            for key, decl in mine.items():
                via = [(c, how, d) for c, how in carriers for k, d in declared_sources(c, inside).items() if k == key]
                if via and key not in common:
                    common[key] = [decl, *(d for _, _, d in via)]
                    carried += [f"{c.id} carries {other.id}'s {how}" for c, how, _ in via]
    if not common:
        return None

    retelling = _retelling(a, b, told, group)
    if retelling is None:
        return None
    decls = next(iter(common.values()))
    name = next((d.name for d in decls if "." not in d.name), decls[0].name)  # "Al Jazeera", not its domain
    line = f"both retell a report credited to {name}, an outlet outside the story: " + "; ".join(
        d.evidence for d in decls) + (f" ({', '.join(carried)})" if carried else "")
    return SharedReport(name, retelling[0], [line, retelling[1]])


def _retelling(a: Article, b: Article, told: float,
               group: Callable[[Article], list[Article]]) -> tuple[float, str] | None:
    """How far, and which, texts of the two sides retell each other in order; ``None`` when too little."""
    need = settings.REWRITE_SHARED_SOURCE_MIN_RETOLD
    if told >= need:
        return told, f"{a.id} and {b.id} tell it in the same order ({told:.0%} of the shorter text's sentences)"
    best: tuple[float, Article, Article] | None = None
    for x in group(a):
        for y in group(b):
            if x.id == y.id or (x is a and y is b):
                continue
            score = retold(x.text, y.text)
            if score >= need and (best is None or score > best[0]):
                best = (score, x, y)
    if best is None:
        return None
    score, x, y = best
    via = [f"{c.id} carries {o.id}'s text" for c, o in ((x, a), (y, b)) if c is not o]
    return score, (f"{x.id} and {y.id} tell it in the same order ({score:.0%} of the shorter text's sentences; "
                   + ", ".join(via) + ")")
