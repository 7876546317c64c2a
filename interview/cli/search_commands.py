"""`interview search QUERY`: fuzzy search over titles, prompts, tags and competencies."""

from __future__ import annotations

import click

from interview.cli.context import load_bank, pass_workspace
from interview.cli.filters import chosen_filter, filter_options
from interview.cli.output import FORMAT_OPTION, print_json, print_table
from interview.workspace import Workspace


@click.command()
@click.argument("query", nargs=-1, required=True)
@filter_options
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True,
              help="Show at most this many questions.")
@FORMAT_OPTION
@pass_workspace
def search(workspace: Workspace, /, query: tuple[str, ...], limit: int, output_format: str,
           **filters: str | None) -> None:
    """Find questions by title, prompt, tags and competency, tolerating typos.

    Ranked by how well the title, tags and competencies match (rapidfuzz's
    WRatio, 0-100); among equal scores an exact phrase comes first, then the
    phrase with its last word unfinished, then every word (or a close
    spelling), then words found only in the prompt, then the shortest; the
    `match` column says which. A misspelt word puts the questions holding a
    close spelling of every word first. QUERY may be several words:
    `interview search rate limter`. JSON gives id, title, score, match,
    competency, kind, levels and roles.
    """
    from interview.search.index import SearchIndex

    text = " ".join(query).strip()
    if not text:
        raise click.UsageError("the search query is empty")
    loaded = load_bank(workspace)
    chosen = chosen_filter(loaded.taxonomy, **filters)
    index = SearchIndex.load_or_build(loaded)
    hits = index.search(text, limit, chosen)
    if output_format == "json":
        print_json([
            {
                "id": hit.question.id,
                "title": hit.question.title,
                "score": hit.score,
                "match": hit.match,
                "competency": hit.question.competency,
                "kind": hit.question.kind,
                "levels": list(hit.question.levels),
                "roles": list(hit.question.roles),
            }
            for hit in hits
        ])
        return
    rows = [(hit.score, hit.match, hit.question.id, hit.question.competency, hit.question.kind,
             hit.question.levels, hit.question.title) for hit in hits]
    print_table(("score", "match", "id", "competency", "kind", "levels", "title"), rows)
    click.echo(f"{len(hits)} question(s)")
