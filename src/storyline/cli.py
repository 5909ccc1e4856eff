"""The ``storyline`` command: parse, call the pipeline or the store, render. Nothing else lives here."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storyline import render
from storyline.store import DB_ENV, Library, LibraryError, default_db_path
from storyline.wording import counted

# Markdown: a help text's lines join into paragraphs (in "rich" mode the command list broke each docstring
# where its source line ended).
app = typer.Typer(
    help="storyline: turn a pile of news articles into stories.",
    rich_markup_mode="markdown",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure quality against gold data, with baselines beside it.", no_args_is_help=True,
                       rich_markup_mode="markdown")
app.add_typer(eval_app, name="eval")

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar=DB_ENV, help="Library file (default ./storyline.db).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the JSON contract and nothing else.")]
StoryArgument = Annotated[
    str, typer.Argument(metavar="STORY", help="A story id (event or storyline), or the id of one of its articles.")
]


def _open(db: str | None, must_exist: bool = True) -> Library:
    path = db or default_db_path()
    if must_exist and path != ":memory:" and not Path(path).exists():
        errors.print(f"[red]No library at {path}.[/] Ingest something first: storyline ingest PATH --db {path}")
        raise typer.Exit(2)
    try:
        return Library(path)
    except LibraryError as exc:
        errors.print(f"[red]{exc}[/]")
        raise typer.Exit(2) from exc


WorkersOption = Annotated[
    int | None,
    typer.Option("--workers", min=1, help="Processes analysing stories side by side (default: one per core)."),
]


def _print_json(payload: object) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (recursively); '-' reads stdin.")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    analysis: Annotated[
        bool, typer.Option(help="Analyse changed stories now (provenance, facts, brief); else on first show.")
    ] = True,
    workers: WorkersOption = None,
) -> None:
    """Read articles into the library (.txt, .html, .jsonl/.json, .csv, RSS/Atom, .warc(.gz)), then
    group them into events and storylines."""
    from storyline import pipeline

    with _open(db, must_exist=False) as library:
        stdin = sys.stdin.buffer if "-" in paths else None
        summary = render.run_with_progress(
            lambda progress: pipeline.ingest(library, paths, stdin=stdin, progress=progress),
            errors,
            enabled=not quiet,
        )
        render.ingest_summary(summary, errors)
        _cluster_and_analyse(library, quiet, analysis, workers=workers)
    raise typer.Exit(0 if summary.ok else 1)


def _cluster_and_analyse(library: Library, quiet: bool, analysis: bool, rebuild: bool = False,
                         workers: int | None = None) -> None:
    from storyline import pipeline

    clustered = render.run_with_count_progress(
        "stories", lambda progress: pipeline.cluster(library, progress=progress, rebuild=rebuild), errors,
        enabled=not quiet,
    )
    if clustered.rebuilt_stale_state:
        errors.print("the stories were built by an earlier version of storyline: rebuilt them all")
    if clustered.clustered:
        errors.print(
            f"clustered {counted(clustered.clustered, 'article')} "
            f"({counted(len(clustered.events_changed), 'event')} changed): the library holds "
            f"{counted(clustered.events, 'event')} in {counted(clustered.storylines, 'storyline')}"
        )
    if analysis and clustered.events_changed:
        done = render.run_with_count_progress(
            "analyse", lambda progress: pipeline.analyse(library, progress=progress, workers=workers), errors,
            enabled=not quiet,
        )
        errors.print(f"analysed {counted(done, 'story')}: provenance, facts, brief, timeline")


@app.command()
def recluster(
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    analysis: Annotated[bool, typer.Option(help="Analyse the rebuilt stories now.")] = True,
    workers: WorkersOption = None,
) -> None:
    """Rebuild every story from the stored articles (after a change of settings)."""
    with _open(db) as library:
        _cluster_and_analyse(library, quiet, analysis, rebuild=True, workers=workers)


@app.command()
def stories(
    db: DbOption = None,
    as_json: JsonOption = False,
    storylines: Annotated[bool, typer.Option("--storylines", help="List storylines with their events.")] = False,
    limit: Annotated[int, typer.Option(help="Show at most this many.", min=1)] = 50,
) -> None:
    """Stories, newest first: title, articles, sources, time span."""
    with _open(db) as library:
        level = "storyline" if storylines else "event"
        listing = [
            (story, library.story_members(story["id"])) for story in library.list_stories(level, limit=limit)
        ]
        events = {s["id"]: library.events_of_storyline(s["id"]) for s, _ in listing} if storylines else {}
    if as_json:
        _print_json([render.story_listing_json(s, m, events.get(s["id"])) for s, m in listing])
    else:
        render.stories(listing, events, console)


def _story_or_exit(library: Library, story_id: str) -> dict:
    story = library.get_story(story_id)
    if story is None:
        article = library.get_article(story_id)
        story = library.get_story(article.story) if article and article.story else None
        if story is None:
            errors.print(f"[red]No story {story_id!r} in {library.path}.[/] List them with: storyline stories")
            raise typer.Exit(1)
    return story


def _analysed(library: Library, story: dict) -> dict:
    """The story's stored analysis, computed now if its articles changed since."""
    from storyline import pipeline

    if story.get("analysis") is None or (story.get("analysed_at") or "") < story["changed_at"]:
        pipeline.analyse(library, [story["id"]])
        story = library.get_story(story["id"]) or story
    return story["analysis"] or {}


@app.command()
def show(story_id: StoryArgument, db: DbOption = None, as_json: JsonOption = False) -> None:
    """One story: articles and sources, why they belong together, origin and copy graph, facts, brief,
    timeline. STORY may be a story id or the id of one of its articles."""
    with _open(db) as library:
        story = _story_or_exit(library, story_id)
        members = library.story_members(story["id"])
        analysis = _analysed(library, story)
        events = library.events_of_storyline(story["id"]) if story["level"] == "storyline" else []
    if as_json:
        _print_json(render.show_json(story, members, analysis, events))
    else:
        render.show(story, members, analysis, events, console)


@app.command()
def facts(story_id: StoryArgument, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The fact table of a story: value, status, sources, mentions; conflicts first."""
    with _open(db) as library:
        story = _story_or_exit(library, story_id)
        analysis = _analysed(library, story)
    if as_json:
        _print_json(analysis.get("facts", []))
    else:
        render.facts(analysis.get("facts", []), console)


@app.command()
def brief(
    story_id: StoryArgument,
    db: DbOption = None,
    as_json: JsonOption = False,
    words: Annotated[int, typer.Option(help="Length of the brief in words.", min=1)] = 100,
) -> None:
    """A short cited summary of a story; disputed sentences are marked."""
    from storyline.analysis import BRIEF_WORDS, analyse_story

    with _open(db) as library:
        story = _story_or_exit(library, story_id)
        if words == BRIEF_WORDS:
            sentences = _analysed(library, story).get("brief", [])
        else:
            articles = library.get_articles([m["id"] for m in library.story_members(story["id"])])
            sentences = analyse_story(articles, words=words)["brief"]
    if as_json:
        _print_json(sentences)
    elif not sentences:
        hint = (f"no sentence of it fits in {words} words" if words < BRIEF_WORDS
                else "no sentence of it is fit for one (finished, of a length to stand alone)")
        console.print(f"No brief for this story: {hint}.", style="dim")
    else:
        render.brief(story, sentences, console)


@app.command()
def timeline(story_id: StoryArgument, db: DbOption = None, as_json: JsonOption = False) -> None:
    """The dated happenings of a story, oldest first, each with its sources."""
    with _open(db) as library:
        story = _story_or_exit(library, story_id)
        entries = _analysed(library, story).get("timeline", [])
    if as_json:
        _print_json(entries)
    elif not entries:
        console.print("No timeline for this story: its articles date no happening (a date needs a day or month "
                      "named in the text, read against a publication date).", style="dim")
    else:
        render.timeline(story, entries, console)


@app.command()
def compare(
    first: Annotated[str, typer.Argument(metavar="ID1", help="An article id.")],
    second: Annotated[str, typer.Argument(
        metavar="ID2", help="Another article id. Which of the two copied the other is read from their texts and "
        "dates, not from this order.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Two articles side by side, reused passages highlighted, with how one derives from the other."""
    from storyline.reuse import relate

    if first == second:
        errors.print(f"[red]compare needs two different articles ({first!r} was given twice).[/]")
        raise typer.Exit(2)
    with _open(db) as library:
        pair = library.get_articles([first, second])
        if len(pair) != 2:
            missing = {first, second} - {a.id for a in pair}
            errors.print(f"[red]No article {', '.join(sorted(missing))} in {library.path}.[/]")
            raise typer.Exit(1)
        context = []
        if pair[0].story and pair[0].story == pair[1].story:
            context = library.get_articles([m["id"] for m in library.story_members(pair[0].story)])
    relation = relate(pair[0], pair[1], context=context)
    if as_json:
        _print_json(render.compare_json(pair[0], pair[1], relation))
    else:
        render.compare(pair[0], pair[1], relation, console)


@app.command()
def article(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (see show, export or --json).")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One article: cleaned text, metadata, removed boilerplate, family members."""
    with _open(db) as library:
        found = library.get_article(article_id)
        if found is None:
            errors.print(f"[red]No article {article_id!r} in {library.path}.[/]")
            raise typer.Exit(1)
        members = library.family_members(found.family or found.id)
        sightings = library.sightings(found.id)
    if as_json:
        _print_json(render.article_json(found, members, sightings))
    else:
        render.article(found, members, sightings, console)


@app.command()
def families(
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option(help="Show at most this many families.", min=1)] = 50,
) -> None:
    """Near-duplicate families with more than one member, largest first."""
    with _open(db) as library:
        listing = [
            (family, library.family_members(family)) for family, _ in library.families(min_size=2, limit=limit)
        ]
        titles = {a.id: a for fam in listing for a in library.get_articles([m.article for m in fam[1]])}
    if as_json:
        _print_json(render.families_json(listing, titles))
    else:
        render.families(listing, titles, console)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write articles.FORMAT into.")] = None,
    db: DbOption = None,
) -> None:
    """Export every article with its metadata, family and story."""
    from storyline import export as exporter

    if fmt not in exporter.FORMATS:
        errors.print(f"[red]Unknown format {fmt!r}[/]: choose one of {', '.join(exporter.FORMATS)}.")
        raise typer.Exit(2)
    if fmt == "parquet" and out is None:
        errors.print("[red]Parquet is binary:[/] give --out DIR.")
        raise typer.Exit(2)
    with _open(db) as library:
        if out is None:
            exporter.write(library, fmt, sys.stdout)
        else:
            path = exporter.write_file(library, fmt, out)
            errors.print(f"Wrote {path}")


@app.command()
def demo(
    keep: Annotated[Path | None, typer.Option(help="Keep the demo library at this path.")] = None,
) -> None:
    """Ingest the bundled example corpus into a temporary library and show what storyline finds."""
    from storyline.pipeline import ingest as run_ingest

    examples = Path(__file__).parent / "examples"
    workdir = Path(tempfile.mkdtemp(prefix="storyline-demo-"))
    db_path = workdir / "demo.db"
    try:
        with Library(db_path) as library:
            summary = run_ingest(library, [str(examples)])
            render.ingest_summary(summary, console)
            _cluster_and_analyse(library, quiet=True, analysis=True)
            render.demo(library, console)
        if keep is not None:
            shutil.copy(db_path, keep)
            console.print(f"\nThe demo library is kept at {keep}: try [bold]storyline families --db {keep}[/].")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="STORYLINE_TOKEN", show_default=False,
            help="Secret every request must carry ('Authorization: Bearer TOKEN', or ?token=TOKEN once in a "
            "browser). Required off loopback.",
        ),
    ] = None,
) -> None:
    """Browse the library in a web browser (stories, provenance, disputed facts), with a JSON API under
    /api/. Listens on 127.0.0.1 unless told otherwise."""
    from storyline.web.server import ServeRefused
    from storyline.web.server import serve as run_server

    try:
        run_server(host, port, token, db or default_db_path())
    except ServeRefused as exc:
        errors.print(str(exc), style="red", markup=False, highlight=False)
        raise typer.Exit(2) from exc


@eval_app.command("dedup")
def eval_dedup(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL with labels.family.", exists=True, dir_okay=False)],
    pairs: Annotated[Path, typer.Argument(help="Gold pairs JSONL.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Near-duplicate families against gold, beside text-dedup's MinHash LSH baseline."""
    from storyline.eval.runner import evaluate_dedup_via_library

    _report(_evaluated(lambda: evaluate_dedup_via_library(str(articles), str(pairs)), articles, pairs), as_json)


@eval_app.command("clusters")
def eval_clusters(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL with labels.event / labels.topic.", exists=True, dir_okay=False)],
    label: Annotated[str, typer.Option(help="event (compare events) or topic (compare storylines).")] = "event",
    tune: Annotated[Path | None, typer.Option(
        help="Dev file the baselines' thresholds are tuned on (default: the scored file itself, their best case).",
        exists=True, dir_okay=False)] = None,
    batches: Annotated[
        int, typer.Option(help="Also cluster the file in N batches and compare with one batch (B-cubed F1).")
    ] = 0,
    shuffles: Annotated[int, typer.Option(help="With --batches: also in K seeded random orders.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Events or storylines against gold, beside TF-IDF and wordllama agglomerative baselines."""
    from storyline.eval.clusters import batching_agreement, evaluate_clusters

    if label not in ("event", "topic"):
        errors.print("[red]--label must be event or topic.[/]")
        raise typer.Exit(2)
    result = _evaluated(lambda: evaluate_clusters(str(articles), label, str(tune) if tune else None), articles)
    if batches:
        result["batching"] = _evaluated(lambda: batching_agreement(str(articles), batches, shuffles))
    _report(result, as_json)


@eval_app.command("reuse")
def eval_reuse(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL.", exists=True, dir_okay=False)],
    pairs: Annotated[Path, typer.Argument(help="Gold pairs JSONL with relation and spans.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Relations, direction and reused spans against gold, beside a sentence-matching baseline."""
    from storyline.eval.reuse import evaluate_reuse

    _report(_evaluated(lambda: evaluate_reuse(str(articles), str(pairs)), articles, pairs), as_json)


@eval_app.command("facts")
def eval_facts(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL.", exists=True, dir_okay=False)],
    pairs: Annotated[Path, typer.Argument(help="Gold pairs JSONL with changed_numbers.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Changed numbers between copies found as conflicts, beside an aligned-number baseline."""
    from storyline.eval.facts import evaluate_facts

    _report(_evaluated(lambda: evaluate_facts(str(articles), str(pairs)), articles, pairs), as_json)


@eval_app.command("summaries")
def eval_summaries(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL.", exists=True, dir_okay=False)],
    summaries: Annotated[Path, typer.Argument(help="Clusters with reference summaries and peers.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """100-word briefs scored with ROUGE beside every published peer in the file."""
    from storyline.eval.summaries import evaluate_summaries

    _report(_evaluated(lambda: evaluate_summaries(str(articles), str(summaries)), articles, summaries), as_json)


@eval_app.command("timelines")
def eval_timelines(
    articles: Annotated[Path, typer.Argument(help="Articles JSONL with published dates.", exists=True, dir_okay=False)],
    timelines: Annotated[Path, typer.Argument(help="Reference timelines JSONL.", exists=True, dir_okay=False)],
    as_json: JsonOption = False,
) -> None:
    """Timelines scored by date F1 and concat/alignment ROUGE (tilse conventions), beside a baseline."""
    from storyline.eval.timelines import evaluate_timelines

    _report(_evaluated(lambda: evaluate_timelines(str(articles), str(timelines)), articles, timelines), as_json)


def _evaluated(run: Callable[[], dict[str, Any]], *paths: Path) -> dict[str, Any]:
    """An evaluation's result, or a clear error (file and line) and exit code 2 when its data (``paths``) is
    empty or unreadable."""
    from storyline.eval.data import EvalDataError, require_rows

    try:
        require_rows(*paths)
        result = run()
    except EvalDataError as exc:
        errors.print(f"error: {exc}", style="red", markup=False, highlight=False)
        raise typer.Exit(2) from exc
    except KeyError as exc:  # a row without a field the task reads (its gold, say): the files, not the code
        names = ", ".join(str(p) for p in paths)
        errors.print(f"error: {names}: a row lacks the field {exc} this evaluation reads", style="red",
                     markup=False, highlight=False)
        raise typer.Exit(2) from exc
    return result


def _report(result: dict, as_json: bool) -> None:
    if not any(result.get("systems", {}).values()):
        errors.print("error: nothing to score: the files hold no row the evaluation can use", style="red")
        raise typer.Exit(2)
    if as_json:
        _print_json(result)
    else:
        render.eval_table(result, console)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
