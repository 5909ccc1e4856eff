"""Evaluate timelines on Timeline17 (Tran et al. 2013) with the metrics of the tilse toolkit, beside a
first-sentence baseline scored in the same run.

For each reference timeline (one row of ``TIMELINES.jsonl``: ``topic``, ``collection``, ``name``,
``timeline: [{date, sentences}]``), the collection's articles (those whose ``labels.topic`` and ``source``
make ``{topic}_{source}`` = ``collection``) published within the reference's first and last date are the
input, and each system builds a timeline with as many dates as the reference and, per date, the rounded
average number of sentences the reference has per date; candidate dates are kept inside the same span.
This is the setting of Martschat & Markert (2018) and Ghalandari & Ifrim (2020, news-tls); good systems
there reach alignment ROUGE-1 F of about 0.08-0.10 and date F1 0.4-0.5 on all of Timeline17. This dev
split is 10 of its timelines, on which even the first-sentence baseline scores well, so compare the two
systems of one run rather than with the papers.

Systems:

- ``storyline``: :func:`storyline.brief.timeline.timeline` with ``days_only=True`` (reference dates are
  days);
- ``first_sentence_baseline``: dates ranked by how many articles were published that day (ties: the
  earlier day); for each, the first sentence of the first article published that day (in file order), and
  when a date needs k sentences, the first sentences of the day's first k articles.

Metrics, re-implemented here from tilse 0.2.1 (``tilse.evaluation.rouge``, ``dates``) so that no Perl is
needed (the tilse package runs ROUGE-1.5.5 through Perl with XML::DOM, which this machine lacks):

- **date F1**: precision and recall of the set of predicted dates against the reference's dates.
- **ROUGE counts** of a predicted text against a reference text, as ROUGE-1.5.5 run by tilse
  (``-m -s``, raw counts): lower case, tokens are runs of ``[a-z0-9]`` (every other character separates),
  stopwords of ROUGE's SMART list (``smart_common_words.txt``) removed *before* n-grams are formed, words
  longer than 3 letters Porter-stemmed with NLTK's stemmer as ``rouge-score`` does (ROUGE-1.5.5 looks up
  WordNet's irregular forms first and uses its own Porter code, so a few words stem differently:
  "ran" stays "ran" here and there). All sentences of a date (or of a whole timeline) are one token
  stream, so bigrams run across sentence ends, as in ROUGE-1.5.5. Matches are clipped counts.
- **concat** ROUGE-N: all predicted sentences (dates in order) against all reference sentences.
- **align+ m:1** ROUGE-N (Martschat & Markert 2017, tilse's
  ``evaluate_align_date_content_costs_many_to_one``): for precision, each predicted date is aligned to the
  reference date of least cost, cost = (1 - 1/(|days apart| + 1)) x (1 - approximate ROUGE-1 F of the
  two dates' texts), where the approximation counts whitespace tokens as written (case kept, tokens that
  occur inside ``string.punctuation`` dropped); ties go to the earliest reference date. Precision is the
  sum over predicted dates of match count x 1/(|days apart| + 1) over the sum of predicted n-grams.
  Recall aligns each reference date to a predicted date the same way and divides the weighted matches by
  the reference n-grams. F = 2PR/(P+R).
- **averages** over timelines as tilse and news-tls report them: precision and recall are averaged over
  the timelines, and the F figure is the F of those averages.

Checked against tilse 0.2.1's own evaluator driving ROUGE-1.5.5 (Perl) on the same predicted timelines of
Timeline17 dev: date F1 identical, ROUGE figures within 0.003 (these a little lower, from the stemming
differences above), and the toy cases of ``tests/eval/test_timelines.py`` identical.

Usage::

    python -m storyline.eval.timelines ARTICLES.jsonl TIMELINES.jsonl     # prints the JSON
"""

from __future__ import annotations

import json
import re
import string
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from storyline.brief.concepts import stem
from storyline.brief.sentences import split_sentences
from storyline.brief.timeline import timeline
from storyline.eval.data import article_from_row, read_jsonl
from storyline.model import Article

STORYLINE = "storyline"
BASELINE = "first_sentence_baseline"
METRICS = ("date_f1", "concat_rouge1_f", "concat_rouge2_f", "align_rouge1_f", "align_rouge2_f")

# ROUGE-1.5.5's stopword list (data/smart_common_words.txt, the SMART information retrieval system's
# list plus news words such as "reuters", "ap" and month and weekday abbreviations), as shipped with tilse
# 0.2.1. Its entries with an apostrophe or a period ("it's", "e.g.") can never equal a token and are left
# out.
SMART_STOPWORDS = frozenset("""
reuters ap jan feb mar apr may jun jul aug sep oct nov dec tech news index mon tue wed thu fri sat a
able about above according accordingly across actually after afterwards again against all allow allows
almost alone along already also although always am amid among amongst an and another any anybody anyhow
anyone anything anyway anyways anywhere apart appear appreciate appropriate are around as aside ask
asking associated at available away awfully b be became because become becomes becoming been before
beforehand behind being believe below beside besides best better between beyond both brief but by c
came can cannot cant cause causes certain certainly changes clearly co com come comes concerning
consequently consider considering contain containing contains corresponding could course currently d
definitely described despite did different do does doing done down downwards during e each edu eg eight
either else elsewhere enough entirely especially et etc even ever every everybody everyone everything
everywhere ex exactly example except f far few fifth five followed following follows for former
formerly forth four from further furthermore g get gets getting given gives go goes going gone got
gotten greetings h had happens hardly has have having he hello help hence her here hereafter hereby
herein hereupon hers herself hi him himself his hither hopefully how howbeit however i ie if ignored
immediate in inasmuch inc indeed indicate indicated indicates inner insofar instead into inward is it
its itself j just k keep keeps kept know knows known l lately later latter latterly least less lest let
like liked likely little look looking looks ltd m mainly many maybe me mean meanwhile merely might more
moreover most mostly much must my myself n namely nd near nearly necessary need needs neither never
nevertheless new next nine no nobody non none noone nor normally not nothing novel now nowhere o
obviously of off often oh ok okay old on once one ones only onto or other others otherwise ought our
ours ourselves out outside over overall own p particular particularly per perhaps placed please plus
possible presumably probably provides q que quite qv r rather rd re really reasonably regarding
regardless regards relatively respectively right s said same saw say saying says second secondly see
seeing seem seemed seeming seems seen self selves sensible sent serious seriously seven several shall
she should since six so some somebody somehow someone something sometime sometimes somewhat somewhere
soon sorry specified specify specifying still sub such sup sure t take taken tell tends th than thank
thanks thanx that thats the their theirs them themselves then thence there thereafter thereby therefore
therein theres thereupon these they think third this thorough thoroughly those though three through
throughout thru thus to together too took toward towards tried tries truly try trying twice two u un
under unfortunately unless unlikely until unto up upon us use used useful uses using usually uucp v
value various very via viz vs w want wants was way we welcome well went were what whatever when whence
whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who
whoever whole whom whose why will willing wish with within without wonder would x y yes yet you your
yours yourself yourselves z zero
""".split())

# A reference or predicted timeline: ISO day -> its sentences.
TimelineText = Mapping[str, Sequence[str]]
# A system: (the collection's articles in file order, number of dates, sentences per date, first day,
# last day) -> timeline.
System = Callable[[Sequence[Article], int, int, str, str], dict[str, list[str]]]

_TOKEN = re.compile(r"[a-z0-9]+")


# --- ROUGE as tilse computes it ---------------------------------------------------------------------------


def rouge_tokens(text: str) -> list[str]:
    """The tokens ROUGE-1.5.5 counts with ``-m -s``: lower case ``[a-z0-9]`` runs, SMART stopwords
    removed, longer words stemmed.

    >>> rouge_tokens("The children were running to the U.S. embassy.")
    ['children', 'run', 'embassi']
    """
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in SMART_STOPWORDS]


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


class _Text:
    """The counts one date's (or one timeline's) sentences are scored with."""

    __slots__ = ("grams", "approx")

    def __init__(self, sentences: Iterable[str]):
        sentences = list(sentences)
        tokens = rouge_tokens(" ".join(sentences))
        self.grams = {1: _ngrams(tokens, 1), 2: _ngrams(tokens, 2)}
        # tilse's content similarity for alignment: raw whitespace tokens, punctuation tokens dropped
        self.approx = Counter(t for s in sentences for t in s.split() if t not in string.punctuation)


def _match(pred: Counter, ref: Counter) -> int:
    return sum(min(c, ref[g]) for g, c in pred.items() if g in ref)


def _approx_rouge1_f(pred: _Text, ref: _Text) -> float:
    """tilse's ``compute_rouge_approximation`` for one reference."""
    match = _match(pred.approx, ref.approx)
    p_total, r_total = sum(pred.approx.values()), sum(ref.approx.values())
    precision = match / p_total if p_total else 0.0
    recall = match / r_total if r_total else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _f(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_timeline(predicted: TimelineText, reference: TimelineText) -> dict[str, tuple[float, float]]:
    """Precision and recall of ``predicted`` against ``reference`` for date selection (``"date"``), concat
    ROUGE-1/2 (``"concat_rouge1"``, ``"concat_rouge2"``) and align+ m:1 ROUGE-1/2 (``"align_rouge1"``,
    ``"align_rouge2"``), each as defined in the module docstring. Dates are ISO days.

    >>> ref = {"2010-01-02": ["Just a test ."], "2010-01-04": ["This one does not match ."]}
    >>> pred = {"2010-01-01": ["Just a test .", "Another sentence ."],
    ...         "2010-01-03": ["Some more content .", "Even more !"]}
    >>> scores = score_timeline(pred, ref)
    >>> scores["date"], [round(x, 4) for x in scores["concat_rouge1"]]
    ((0.0, 0.0), [0.3333, 0.5])
    """
    pred_dates, ref_dates = sorted(predicted), sorted(reference)
    shared = len(set(pred_dates) & set(ref_dates))
    out = {"date": (shared / len(pred_dates) if pred_dates else 0.0, shared / len(ref_dates) if ref_dates else 0.0)}
    pred_all = _Text(s for d in pred_dates for s in predicted[d])
    ref_all = _Text(s for d in ref_dates for s in reference[d])
    for n in (1, 2):
        matched = _match(pred_all.grams[n], ref_all.grams[n])
        p_total, r_total = sum(pred_all.grams[n].values()), sum(ref_all.grams[n].values())
        out[f"concat_rouge{n}"] = (matched / p_total if p_total else 0.0, matched / r_total if r_total else 0.0)
    pred_texts = {d: _Text(predicted[d]) for d in pred_dates}
    ref_texts = {d: _Text(reference[d]) for d in ref_dates}
    ordinal = {d: date.fromisoformat(d).toordinal() for d in {*pred_dates, *ref_dates}}
    similarity = {(p, r): _approx_rouge1_f(pred_texts[p], ref_texts[r]) for p in pred_dates for r in ref_dates}

    def cost(p: str, r: str) -> float:
        return (1 - 1 / (abs(ordinal[p] - ordinal[r]) + 1)) * (1 - similarity[p, r])

    def weight(p: str, r: str) -> float:
        return 1 / (abs(ordinal[p] - ordinal[r]) + 1)

    # many-to-one: every date of one side goes to its cheapest partner (the first on ties, as argmin)
    to_ref = {p: min(ref_dates, key=lambda r: cost(p, r)) for p in pred_dates} if ref_dates else {}
    to_pred = {r: min(pred_dates, key=lambda p: cost(p, r)) for r in ref_dates} if pred_dates else {}
    for n in (1, 2):
        p_num = p_den = r_num = r_den = 0.0
        for p in pred_dates:
            grams = pred_texts[p].grams[n]
            p_den += sum(grams.values())
            if p in to_ref:
                r = to_ref[p]
                p_num += weight(p, r) * _match(grams, ref_texts[r].grams[n])
        for r in ref_dates:
            grams = ref_texts[r].grams[n]
            r_den += sum(grams.values())
            if r in to_pred:
                p = to_pred[r]
                r_num += weight(p, r) * _match(pred_texts[p].grams[n], grams)
        out[f"align_rouge{n}"] = (p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)
    return out


def average_scores(scores: Sequence[Mapping[str, tuple[float, float]]]) -> dict[str, float]:
    """The F figures of a system over timelines: the F of the averaged precision and recall (tilse's and
    news-tls's convention), rounded to 4 places, under the names of :data:`METRICS`."""
    names = {"date_f1": "date", "concat_rouge1_f": "concat_rouge1", "concat_rouge2_f": "concat_rouge2",
             "align_rouge1_f": "align_rouge1", "align_rouge2_f": "align_rouge2"}
    out = {}
    for metric, key in names.items():
        if not scores:
            out[metric] = 0.0
            continue
        precision = sum(s[key][0] for s in scores) / len(scores)
        recall = sum(s[key][1] for s in scores) / len(scores)
        out[metric] = round(_f(precision, recall), 4)
    return out


# --- the systems ------------------------------------------------------------------------------------------


def storyline_timeline(
    articles: Sequence[Article], n_dates: int, per_date: int, first: str, last: str
) -> dict[str, list[str]]:
    """storyline's timeline of the collection, as date -> sentences."""
    entries = timeline(articles, max_dates=n_dates, sentences_per_date=per_date, start=first, end=last,
                       days_only=True)
    return {e.date: list(e.sentences) or [e.text] for e in entries}


def first_sentence_baseline(
    articles: Sequence[Article], n_dates: int, per_date: int, first: str, last: str
) -> dict[str, list[str]]:
    """The most-published-about days, each with the first sentence of its first ``per_date`` articles."""
    by_day: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        day = (article.published or "")[:10]
        if day and first <= day <= last:
            by_day[day].append(article)
    ranked = sorted(by_day, key=lambda d: (-len(by_day[d]), d))
    out: dict[str, list[str]] = {}
    for day in ranked:
        leads = []
        for article in by_day[day]:
            spans = split_sentences(article.text)
            if spans:
                leads.append(article.text[spans[0][0]:spans[0][1]])
            if len(leads) >= per_date:
                break
        if leads:
            out[day] = leads
        if len(out) >= n_dates:
            break
    return out


# --- the run ----------------------------------------------------------------------------------------------


def evaluate_timelines(
    articles_path: str, timelines_path: str, systems: Mapping[str, System] | None = None
) -> dict:
    """Score storyline and the first-sentence baseline on every reference timeline of ``timelines_path``.

    Returns ``{"task": "timelines", "dataset", "timelines", "systems": {name: {metric: value}}}`` with the
    metrics of :data:`METRICS` (fractions, not percent). ``systems`` replaces the two systems (for
    experiments).
    """
    systems = systems or {STORYLINE: storyline_timeline, BASELINE: first_sentence_baseline}
    collections = load_collections(articles_path)
    references = load_references(timelines_path)
    scores: dict[str, list[dict]] = {name: [] for name in systems}
    for row in references:
        reference: dict[str, list[str]] = defaultdict(list)
        for item in row["timeline"]:  # a date listed twice is one date with both lists of sentences
            reference[item["date"][:10]].extend(item["sentences"])
        if not reference:
            continue
        dates = sorted(reference)
        first, last = dates[0], dates[-1]
        per_date = max(1, round(sum(len(s) for s in reference.values()) / len(reference)))
        members = [a for a in collections.get(row["collection"], []) if first <= (a.published or "")[:10] <= last]
        for name, system in systems.items():
            predicted = system(members, len(reference), per_date, first, last)
            scores[name].append(score_timeline(predicted, reference))
    return {
        "task": "timelines",
        "dataset": Path(timelines_path).name,
        "timelines": len(references),
        "systems": {name: average_scores(s) for name, s in scores.items()},
    }


def load_collections(path: str) -> dict[str, list[Article]]:
    """Articles by collection (``{labels.topic}_{source}``), in file order. The gold topic label is read
    here, by the evaluation, only to find each reference timeline's input; the systems never see it."""
    out: dict[str, list[Article]] = defaultdict(list)
    for row in read_jsonl(path):
        labels = row.get("labels") or {}
        collection = labels.get("collection") or f"{labels.get('topic')}_{row.get('source')}"
        out[collection].append(article_from_row(row))
    return out


def load_references(path: str) -> list[dict]:
    """The reference timelines, in file order."""
    return list(read_jsonl(path))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print("usage: python -m storyline.eval.timelines ARTICLES.jsonl TIMELINES.jsonl", file=sys.stderr)
        return 2
    missing = [path for path in args if not Path(path).is_file()]
    if missing:
        # Benchmarks skip cleanly where the data set is not present (it is not part of the repository).
        print(json.dumps({"task": "timelines", "skipped": f"not found: {', '.join(missing)}"}))
        return 0
    print(json.dumps(evaluate_timelines(args[0], args[1]), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
