"""Terminal rendering (rich) and the JSON contract's shapes, shared by the CLI and the web layer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storyline.model import Article
from storyline.store import FamilyLink, Library

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
        table = Table(title=f"family {escape(family)} ({len(members)} articles)", title_justify="left")
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
            escape((a.title or "")[:70]),
            a.published or "",
            escape(a.dateline or ""),
            escape(", ".join(a.attributed_to)),
            str(len(a.removed_boilerplate)) + " lines" if a.removed_boilerplate else "",
        )
    console.print(table)
    console.rule("[bold]Near-duplicate families")
    listing = [(f, library.family_members(f)) for f, _ in library.families(min_size=2)]
    if listing:
        arts = {a.id: a for f in listing for a in library.get_articles([m.article for m in f[1]])}
        families(listing, arts, console)
    else:
        console.print(
            "No two articles are copies of each other: they tell the story in their own words or trim it "
            "heavily (provenance and rewrites are the next stages)."
        )


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
    table = Table(title=title)
    table.add_column("system", style="bold")
    for key in keys:
        table.add_column(key.replace("_", " "), justify="right")
    for name, scores in systems.items():
        table.add_row(name, *[_fmt(scores.get(k)) for k in keys])
    console.print(table)


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}" if abs(value) < 10 else f"{value:.2f}"
