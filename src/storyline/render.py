"""Terminal rendering (rich) and the JSON contract's shapes, shared by the CLI and the web layer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from storyline.clean.text import clip
from storyline.model import Article, url_host
from storyline.reuse.settings import ROOT_MIN_CONFIDENCE
from storyline.store import FamilyLink, Library
from storyline.wording import counted, value_text

# -- JSON contract ------------------------------------------------------------------------------------


def article_json(article: Article, members: Sequence[FamilyLink] = (), sightings: Sequence[str] = ()) -> dict:
    """The contract's ``article`` object, plus the family's members and where the article was seen."""
    return {
        "id": article.id,
        "title": article.title,
        "text": article.text,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "byline": article.byline,
        "dateline": article.dateline,
        "attributed_to": article.attributed_to,
        "family": article.family,
        "story": article.story,
        "removed_boilerplate": article.removed_boilerplate,
        "language": article.language,
        "guessed": article.guessed,
        "family_members": [_member_json(m) for m in members],
        "sightings": list(sightings),
    }


def _member_json(member: FamilyLink) -> dict:
    return {
        "id": member.article,
        "kind": member.kind,
        "matched": member.matched,
        "similarity": round(member.similarity, 4),
        "containment": round(member.containment, 4),
    }


def families_json(listing: Sequence[tuple[str, Sequence[FamilyLink]]], articles: dict[str, Article]) -> list:
    out = []
    for family, members in listing:
        rows = []
        for m in members:
            a = articles.get(m.article)
            row = _member_json(m)
            row.update(
                title=a.title if a else None, source=a.source if a else None, published=a.published if a else None
            )
            rows.append(row)
        out.append({"family": family, "size": len(members), "members": rows})
    return out


# -- progress and summaries ---------------------------------------------------------------------------


def run_with_progress(work: Callable[[Callable], Any], console: Console, enabled: bool = True) -> Any:
    """Run ``work(progress_callback)`` under a rich progress bar measured in input bytes."""
    if not enabled:
        return work(None)
    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=None, status="")

        def update(done: int, total: int, summary: Any) -> None:
            status = f"{summary.new} new, {summary.known} known, {summary.failed} failed"
            progress.update(task, completed=done, total=total or None, status=status)

        return work(update)


def ingest_summary(summary: Any, console: Console) -> None:
    for problem in summary.problems:
        label = "[yellow]warning[/]" if problem.warning else "[red]error[/]"
        console.print(f"{label} {escape(str(problem))}", soft_wrap=True)  # one line per problem: greppable
    colour = "green" if summary.ok else "yellow"
    renamed = f", {summary.renamed} stored as new versions of an existing id" if summary.renamed else ""
    console.print(
        f"[{colour}]read {summary.read}, new {summary.new}, already known {summary.known}, "
        f"failed {summary.failed}[/]{renamed}"
    )


# -- articles and families ----------------------------------------------------------------------------


def article(article: Article, members: Sequence[FamilyLink], sightings: Sequence[str], console: Console) -> None:
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("id", article.id),
        ("title", article.title),
        ("published", article.published),
        ("source", article.source),
        ("url", article.url),
        ("byline", article.byline),
        ("dateline", article.dateline),
        ("attributed to", ", ".join(article.attributed_to)),
        ("family", article.family),
        ("story", article.story),
    ):
        if value:
            guessed = " [dim](from the text)[/]" if label.replace(" ", "_") in article.guessed else ""
            meta.add_row(label, escape(str(value)) + guessed)
    meta.add_row("seen in", escape("; ".join(sightings)))
    console.print(meta)
    if article.removed_boilerplate:
        console.print(
            Panel("\n".join(escape(line) for line in article.removed_boilerplate), title="removed boilerplate",
                  style="dim")
        )
    console.print(Panel(escape(article.text), title="text"))
    if len(members) > 1:
        table = Table(title="family members")
        for col in ("article", "joined as", "matched", "similarity", "containment"):
            table.add_column(col)
        for m in members:
            table.add_row(
                escape(m.article), m.kind, escape(m.matched or ""), f"{m.similarity:.2f}", f"{m.containment:.2f}"
            )
        console.print(table)


def families(
    listing: Sequence[tuple[str, Sequence[FamilyLink]]], articles: dict[str, Article], console: Console
) -> None:
    if not listing:
        console.print("No family has more than one member.")
        return
    for family, members in listing:
        table = Table(title=f"family {escape(family)} ({counted(len(members), 'article')})", title_justify="left")
        for col in ("article", "source", "published", "joined as", "similarity", "containment", "title"):
            table.add_column(col, overflow="fold")
        for m in members:
            a = articles.get(m.article)
            table.add_row(
                escape(m.article),
                escape((a.source if a else "") or ""),
                (a.published if a else "") or "",
                m.kind,
                f"{m.similarity:.2f}",
                f"{m.containment:.2f}",
                escape(((a.title if a else "") or "")[:60]),
            )
        console.print(table)


def demo(library: Library, console: Console) -> None:
    """What storyline found in the example corpus, stage by stage."""
    console.rule("[bold]Cleaning: metadata found and boilerplate removed")
    table = Table()
    for col in ("article", "title", "published", "dateline", "attributed to", "removed"):
        table.add_column(col, overflow="fold")
    for a in library.iter_articles():
        table.add_row(
            escape(a.id),
            escape(clip(a.title or "", 70)),
            a.published or "",
            escape(a.dateline or ""),
            escape(", ".join(a.attributed_to)),
            counted(len(a.removed_boilerplate), "line") if a.removed_boilerplate else "",
        )
    console.print(table)
    console.rule("[bold]Near-duplicate families")
    listing = [(f, library.family_members(f)) for f, _ in library.families(min_size=2)]
    if listing:
        arts = {a.id: a for f in listing for a in library.get_articles([m.article for m in f[1]])}
        families(listing, arts, console)
    else:
        console.print("No two articles are copies of each other closely enough to be one family.")
    console.rule("[bold]Stories: storylines and their events")
    lines = library.list_stories("storyline", limit=None)
    stories([(s, library.story_members(s["id"])) for s in lines],
            {s["id"]: library.events_of_storyline(s["id"]) for s in lines}, console)
    for event in library.list_stories("event", limit=None):
        if event["size"] < 2 or not event.get("analysis"):
            continue
        console.rule(f"[bold]Story {escape(event['id'])}")
        show(event, library.story_members(event["id"]), event["analysis"], [], console)


# -- evaluation ---------------------------------------------------------------------------------------


def eval_table(result: dict, console: Console) -> None:
    """One table of every system's scores, storyline first, as ``storyline eval`` prints them."""
    systems: dict[str, dict] = result["systems"]
    keys: list[str] = []
    for scores in systems.values():
        keys += [k for k in scores if k not in keys and isinstance(scores[k], int | float)]
    title = f"{result['task']} — {result.get('dataset', '')}"
    if result.get("label"):
        title += f" (label: {result['label']})"
    table = Table(title=title, pad_edge=False)
    # Names and figures are never cut or folded; the headers wrap instead.
    table.add_column("system", style="bold", no_wrap=True, min_width=max(map(len, systems), default=6))
    for key in keys:
        header = key.replace("_", " ")
        table.add_column(header, justify="right", min_width=max(6, *map(len, header.split())))
    # Shares (0..1) get four decimals; percentages, rates and counts two.
    precise = {k: all(abs(s.get(k) or 0) <= 1 for s in systems.values()) for k in keys}
    for name, scores in systems.items():
        table.add_row(name, *[_fmt(scores.get(k), precise[k]) for k in keys])
    console.print(table)
    if result.get("baselines_tuned_on"):
        console.print(f"baselines' thresholds tuned on {result['baselines_tuned_on']}", style="dim")
    batching = result.get("batching")
    if batching:
        agreement = Table(title=f"{batching['batches']} batches against one (B-cubed F1)", title_justify="left")
        for col in ("order", "events", "storylines"):
            agreement.add_column(col, justify="right" if col != "order" else "left")
        rows = [("file", batching)] + [(f"shuffled (seed {o['seed']})", o) for o in batching.get("orders", [])]
        for name, row in rows:
            agreement.add_row(name, f"{row['event_bcubed_f1']:.4f}", f"{row['storyline_bcubed_f1']:.4f}")
        console.print(agreement)


def _fmt(value: Any, precise: bool) -> str:
    if value is None:
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"{value:.4f}" if precise else f"{value:.2f}"


def run_with_count_progress(label: str, work: Callable[[Callable], Any], console: Console, enabled: bool = True) -> Any:
    """Run ``work(progress_callback)`` under a progress bar counting items (done, total)."""
    if not enabled:
        return work(None)
    columns = (TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(label, total=None)
        return work(lambda done, total: progress.update(task, completed=done, total=total))


# -- stories ------------------------------------------------------------------------------------------


def _sources(members: Sequence[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for m in members:
        name = m.get("source") or url_host(m.get("url"))
        if name:
            seen.setdefault(name, None)
    return list(seen)


def story_listing_json(story: dict, members: Sequence[dict], events: Sequence[dict] | None = None) -> dict:
    """The contract's ``stories`` item (plus ``level``, and a storyline's ``events``)."""
    out = {
        "id": story["id"],
        "title": story["title"],
        "storyline": story["storyline"] if story["level"] == "event" else story["id"],
        "articles": [m["id"] for m in members],
        "sources": _sources(members),
        "first_published": story["first_published"],
        "last_published": story["last_published"],
        "level": story["level"],
    }
    if events is not None:
        out["events"] = [
            {"id": e["id"], "title": e["title"], "articles": e["size"], "first_published": e["first_published"],
             "last_published": e["last_published"]}
            for e in events
        ]
    return out


def _sources_phrase(n: int) -> str:
    return "no named source" if n == 0 else counted(n, "source")


def _span(story: dict) -> str:
    first, last = (story.get("first_published") or "")[:10], (story.get("last_published") or "")[:10]
    if not first and not last:
        return "undated"
    return first if first == last else f"{first} – {last}"


# Console width below which the stories table breaks its time spans over two lines.
NARROW_CONSOLE = 110
# Characters of a story's title in the stories listing (headlines fit; a title sentence shows its start).
LISTING_TITLE_CHARS = 100


def stories(listing: Sequence[tuple[dict, Sequence[dict]]], events: dict[str, list[dict]], console: Console) -> None:
    if not listing:
        console.print("No stories yet: ingest some articles first.")
        return
    table = Table()
    # Ids are what the other commands take, so they are never broken. On a narrow terminal (or a pipe: 80
    # columns) a story's id goes under its title, which keeps a readable width, and a time span breaks after
    # its dash.
    narrow = console.width < NARROW_CONSOLE
    columns = [] if narrow else [("story", {"no_wrap": True})]
    columns += [("title" if not narrow else "story", {"ratio": 1, "min_width": 18}),
                ("articles", {"justify": "right"}), ("sources", {"justify": "right"}),
                ("time span", {"max_width": 12} if narrow else {"no_wrap": True})]
    for col, kw in columns:
        table.add_column(col, **kw)
    for story, _members in listing:
        # A headline-less story is titled by a sentence of up to 200 characters: the listing shows its start
        # (`show` and --json give it whole).
        title = escape(clip(story["title"] or "", LISTING_TITLE_CHARS))
        if narrow:
            title += f"\n[dim]{escape(story['id'])}[/]"
        if story["id"] in events:
            title += "".join(
                f"\n  [dim]• {escape(clip(e['title'] or '', 80))} ({counted(e['size'], 'article')}, {_span(e)})[/]"
                for e in events[story["id"]]
            )
        cells = [str(story["size"]), str(story["sources"] or "–"), _span(story)]
        table.add_row(*([] if narrow else [escape(story["id"])]), title, *cells)
    console.print(table)


def show_json(story: dict, members: Sequence[dict], analysis: dict, events: Sequence[dict] = ()) -> dict:
    """The contract's ``show`` object (plus ``level``, ``why``, per-article ``why``, and ``events``)."""
    out = {
        "id": story["id"],
        "title": story["title"],
        "storyline": story["storyline"] if story["level"] == "event" else story["id"],
        "level": story["level"],
        "first_published": story["first_published"],
        "last_published": story["last_published"],
        "sources": _sources(members),
        "why": story["why"],
        "articles": [
            {"id": m["id"], "title": m["title"], "source": m["source"], "published": m["published"],
             "event": m["story"], "family": m["family"], "why": m["join_why"]}
            for m in members
        ],
        "origin": analysis.get("origin", {"article": None, "external": None, "evidence": []}),
        "relations": analysis.get("relations", []),
        "facts": analysis.get("facts", []),
        "brief": analysis.get("brief", []),
        "timeline": analysis.get("timeline", []),
    }
    if story["level"] == "storyline":
        out["events"] = [{"id": e["id"], "title": e["title"], "articles": e["size"]} for e in events]
    return out


def _why_line(why: dict) -> str:
    parts = []
    for key in ("entities", "terms", "dates", "numbers"):
        items = why.get(key) or []
        if items:
            shown = ", ".join(f"{i['term']} ({i['articles']})" if isinstance(i, dict) else str(i) for i in items[:8])
            parts.append(f"[bold]{key}[/]: {escape(shown)}")
    return "\n".join(parts)


def show(story: dict, members: Sequence[dict], analysis: dict, events: Sequence[dict], console: Console) -> None:
    console.print(Panel(
        f"[bold]{escape(story['title'])}[/]\n{story['level']} {escape(story['id'])}"
        + (f" in {escape(story['storyline'])}" if story.get("storyline") else "")
        + f"\n{counted(story['size'], 'article')} from {_sources_phrase(story['sources'])}, {_span(story)}",
        expand=False,
    ))
    if events:
        table = Table(title="events", title_justify="left")
        for col in ("event", "title", "articles", "time span"):
            table.add_column(col)
        for e in events:
            table.add_row(escape(e["id"]), escape(e["title"]), str(e["size"]), _span(e))
        console.print(table)
    table = Table(title="articles", title_justify="left")
    for col in ("article", "source", "published", "title"):
        table.add_column(col, overflow="fold")
    for m in members:
        table.add_row(escape(m["id"]), escape(m["source"] or ""), (m["published"] or "")[:16],
                      escape(clip(m["title"] or "", 70)))
    console.print(table)
    why = _why_line(story.get("why") or {}) if story["size"] > 1 else ""  # one article: nothing joined it
    if why:
        console.print(Panel(why, title="why these articles belong together", title_align="left", expand=False))
    origin = analysis.get("origin") or {}
    if analysis.get("copy_tree"):
        console.print(Panel(escape(analysis["copy_tree"]), title="origin and copy graph", title_align="left",
                            expand=False))
        for line in origin.get("evidence", []):
            console.print(f"  [dim]{escape(line)}[/]")
    facts(analysis.get("facts", []), console, limit=15)
    brief(story, analysis.get("brief", []), console)
    timeline(story, analysis.get("timeline", []), console)


_STATUS_STYLE = {"conflict": "bold red", "updated": "yellow", "agreed": "green", "unique": "dim"}


def facts(items: Sequence[dict], console: Console, limit: int | None = None) -> None:
    if not items:
        console.print("No facts found.")
        return
    order = {"conflict": 0, "updated": 1, "agreed": 2, "unique": 3}
    ranked = sorted(items, key=lambda f: (order.get(f["status"], 9), -len({m["article"] for m in f["mentions"]})))
    table = Table(title="facts (conflicts first)", title_justify="left")
    # "articles": how many articles state it; how many of them are independent (not copies of one another)
    # is in the fact's note, shown under its mentions.
    for col in ("status", "kind", "about", "value", "articles", "mentions"):
        table.add_column(col, overflow="fold")
    for f in ranked[:limit]:
        style = _STATUS_STYLE.get(f["status"], "")
        sources = sorted({m["article"] for m in f["mentions"]})
        label = "odd one out" if len(f.get("odd_ones_out") or ()) == 1 else "odd ones out"
        odd = f" [red]{label}: {escape(', '.join(f['odd_ones_out']))}[/]" if f.get("odd_ones_out") else ""
        mentions = "; ".join(f"“{escape(m['text'])}” ({escape(m['article'])})" for m in f["mentions"][:4])
        if len(f["mentions"]) > 4:
            mentions += f"; … {len(f['mentions']) - 4} more"
        if odd:
            mentions += "\n" + odd.strip()
        if f.get("note"):
            mentions += f"\n[dim]{escape(f['note'])}[/]"
        table.add_row(f"[{style}]{f['status']}[/]", f["kind"], escape(str(f["subject"])),
                      escape(value_text(f["value"], f.get("unit"))),
                      str(len(sources)), mentions)
    console.print(table)
    if limit is not None and len(ranked) > limit:
        console.print(f"[dim]… {len(ranked) - limit} more facts: storyline facts STORY[/]")


def brief(story: dict, sentences: Sequence[dict], console: Console) -> None:
    if not sentences:
        return
    lines = []
    for s in sentences:
        mark = " [bold red](disputed)[/]" if s.get("disputed") else ""
        # The brackets are escaped with the ids: "[duc-d30038]" would read as a markup tag and vanish.
        lines.append(f"{escape(s['text'])}{mark} [dim]{escape('[' + ', '.join(s['citations']) + ']')}[/]")
    console.print(Panel("\n".join(lines), title="brief", title_align="left"))


def timeline(story: dict, entries: Sequence[dict], console: Console) -> None:
    if not entries:
        return
    table = Table(title="timeline", title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("what happened", ratio=1)
    table.add_column("sources", overflow="fold")
    for e in entries:
        table.add_row(e["date"], escape(e["text"]), escape(", ".join(e["citations"])))
    console.print(table)


def compare_json(first: Article, second: Article, relation: Any) -> dict:
    if relation is None:
        return {"source": first.id, "target": second.id, "relation": None, "score": 0.0, "spans": []}
    return {
        "source": relation.source, "target": relation.target, "relation": relation.relation,
        "score": relation.score, "reused_share": relation.reused_share,
        "direction_confidence": relation.direction_confidence, "evidence": list(relation.evidence),
        "spans": [p.as_list() for p in relation.passages],
    }


_HIGHLIGHTS = ("on dark_green", "on dark_blue", "on dark_magenta", "on dark_cyan", "on grey30")


def compare(first: Article, second: Article, relation: Any, console: Console) -> None:
    from rich.columns import Columns
    from rich.text import Text

    if relation is None:
        console.print(f"{escape(first.id)} and {escape(second.id)} share no passage and report different things.")
        source, target, passages = first, second, []
    else:
        by_id = {first.id: first, second.id: second}
        source, target, passages = by_id[relation.source], by_id[relation.target], relation.passages
        if relation.direction_confidence > ROOT_MIN_CONFIDENCE:
            head = (f"[bold]{escape(relation.target)}[/] is [bold]{relation.relation}[/] from "
                    f"[bold]{escape(relation.source)}[/]: {relation.reused_share:.0%} of it reused, direction "
                    f"confidence {relation.direction_confidence:.2f}")
        else:
            # A coin flip: say what they share, not who copied whom (the order shown is the one given).
            head = (f"[bold]{escape(relation.source)}[/] and [bold]{escape(relation.target)}[/]: "
                    f"[bold]{relation.relation}[/] copies of each other, {relation.reused_share:.0%} of the second "
                    "reused; no sign of which came first")
        console.print(head)
        for line in relation.evidence:
            console.print(f"  [dim]{escape(line)}[/]")
    left, right = Text(source.text), Text(target.text)
    for k, p in enumerate(passages):
        style = _HIGHLIGHTS[k % len(_HIGHLIGHTS)]
        left.stylize(style, p.source_start, p.source_end)
        right.stylize(style, p.target_start, p.target_end)
    width = max(40, (console.width - 4) // 2)
    console.print(Columns([
        Panel(left, title=f"source: {escape(source.id)}", width=width),
        Panel(right, title=f"target: {escape(target.id)}", width=width),
    ]))
