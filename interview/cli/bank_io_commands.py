"""`interview bank dupes|import|export`: near-duplicates, importing question
lists, exporting for other tools. Added onto the `bank` group; importing this
module registers them."""

from __future__ import annotations

from pathlib import Path

import click

from interview.bank.import_defaults import DEFAULT_KIND, DEFAULT_LEVELS, MAX_MEGABYTES
from interview.cli.bank_commands import bank
from interview.cli.context import load_bank, pass_workspace, report_problems
from interview.cli.filters import check_options, chosen_filter, filter_options
from interview.cli.output import (
    FORMAT_OPTION,
    PARENTS_OPTION,
    check_output,
    fail,
    print_json,
    print_table,
    write_output,
)
from interview.workspace import Workspace

__all__ = ["bank"]


@bank.command()
@click.option("--threshold", type=click.FloatRange(0, 100),
              help="Lowest near-duplicate score (0-100, the share of content words two "
                   "prompts share; docs/formats.md) that counts. [default: the rule's own, 70, "
                   "as bank check and bank import use]")
@FORMAT_OPTION
@pass_workspace
def dupes(workspace: Workspace, /, threshold: float | None, output_format: str) -> None:
    """List pairs of questions whose prompts are near-duplicates, best match first."""
    from interview.search.dupes import THRESHOLD, near_duplicates

    threshold = THRESHOLD if threshold is None else threshold
    pairs = near_duplicates(list(load_bank(workspace)), threshold)
    if output_format == "json":
        print_json([
            {"score": round(p.score, 1), "first": p.first.id, "second": p.second.id,
             "first_source": f"{p.first.source}:{p.first.line}",
             "second_source": f"{p.second.source}:{p.second.line}"}
            for p in pairs
        ])
        return
    rows = [(round(p.score, 1), p.first.id, p.second.id, f"{p.second.source}:{p.second.line}")
            for p in pairs]
    print_table(("score", "first", "second", "second at"), rows)
    click.echo(f"{len(pairs)} near-duplicate pair(s) at score >= {threshold:g}")


@bank.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--competency", required=True,
              help="Competency of every imported question (e.g. concurrency-runtimes).")
@click.option("--role", "roles", multiple=True,
              help="Role for the questions; repeat for several. [default: every role in the "
                   "taxonomy]")
@click.option("--level", "levels", multiple=True,
              help=f"Level for the questions; repeat for several. [default: "
                   f"{', '.join(DEFAULT_LEVELS)}]")
@click.option("--kind", help="Kind of every question. [default: guessed from the wording "
                             "(design, behavioral, debugging, code-review), otherwise "
                             f"{DEFAULT_KIND}]")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="YAML file to write. [default: ./<competency>-import.yaml]")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@PARENTS_OPTION
@click.option("--dry-run", is_flag=True, help="Show what would be imported; write nothing.")
@click.option("--max-size", "max_size", type=click.FloatRange(min=0, min_open=True),
              default=MAX_MEGABYTES, show_default=True, metavar="MB",
              help="Refuse files larger than this many megabytes (1 MB = 1,000,000 bytes).")
@FORMAT_OPTION
@pass_workspace
def import_questions(workspace: Workspace, /, files: tuple[Path, ...], competency: str,
                     roles: tuple[str, ...], levels: tuple[str, ...], kind: str | None,
                     out: Path | None, force: bool, parents: bool, dry_run: bool,
                     max_size: float, output_format: str) -> None:
    """Import question lists as draft questions (draft: true, no rubric yet).

    Reads Markdown (questions as list items under headings, nested items as
    follow-ups and the heading as a tag; one question per heading with its
    paragraphs as the prompt; <details><summary> blocks; tables with a question
    column), HTML pages, and CSV with a header row naming a `question` column
    (optional: answer, tags, follow_ups). Difficulty marks (*, ***, [easy],
    (hard)) become the tags easy, medium and hard. Questions already in the
    bank, or near-duplicates of them, are skipped and reported; text that is
    not a question (a table of contents, a note, a list of links) is left out
    with its reason (`not_questions` in --format json).
    Writes a YAML file in the bank format that `interview bank check` accepts.
    Files over --max-size are refused before they are read.
    """
    from interview.bank.importer import ImportOptions, plan_import, read_source
    from interview.bank.importer.sources import over_limit
    from interview.bank.importer.writer import OutputExists, to_yaml, write_new
    from interview.search.dupes import near_duplicates

    for path in files:
        if (too_large := over_limit(path, max_size)) is not None:
            fail(too_large)
    loaded = load_bank(workspace, quiet=True)
    taxonomy = loaded.taxonomy
    check_options(taxonomy, competency=competency, role=roles, level=levels, kind=kind)
    target = out or Path(f"{competency}-import.yaml")
    if not dry_run:
        check_output(target, force=force, parents=parents)
    found = [read_source(path) for path in files]
    problems = [problem for result in found for problem in result.problems]
    if problems:
        report_problems(problems)
        fail(f"nothing imported: {len(problems)} file(s) could not be used")
    options = ImportOptions(
        competency=competency,
        roles=tuple(dict.fromkeys(roles)) or tuple(taxonomy.roles),
        levels=tuple(dict.fromkeys(levels)) or DEFAULT_LEVELS,
        kind=kind,
        kinds=tuple(taxonomy.kinds),
    )
    drafts = [draft for result in found for draft in result.drafts]
    plan = plan_import(drafts, list(loaded), options, near_duplicates)
    written = None
    if not dry_run and plan.questions:
        try:
            write_new(target, to_yaml(plan.questions, competency), force=force)
        except OutputExists:
            fail(f"{target} already exists; choose another --out or pass --force to replace it")
        except OSError as exc:
            fail(f"{target}: cannot write: {exc.strerror or exc}")
        written = str(target)
    _report(plan, written, dry_run, output_format)


def _report(plan: object, written: str | None, dry_run: bool, output_format: str) -> None:
    from interview.bank.importer.plan import ImportPlan
    from interview.bank.importer.writer import question_data

    assert isinstance(plan, ImportPlan)
    if output_format == "json":
        print_json({
            "dry_run": dry_run,
            "out": written,
            "imported": [{**question_data(q), "source": f"{q.source}:{q.line}"}
                         for q in plan.questions],
            "skipped": [s.to_dict() for s in plan.skipped],
            # Read but not questions (notes, links, tables of contents), with the reason.
            "not_questions": [n.to_dict() for n in plan.not_questions],
        })
        return
    print_table(("id", "kind", "from", "title"),
                [(q.id, q.kind, f"{q.source}:{q.line}", q.title) for q in plan.questions])
    for skip in plan.skipped:
        click.echo(f"skipped {skip.source}:{skip.line}: {skip.title}: {skip.reason}")
    if plan.not_questions:
        click.echo(f"left out {len(plan.not_questions)} item(s) that are not questions "
                   "(--format json lists them with the reason)")
    count = len(plan.questions)
    if dry_run:
        click.echo(f"dry run: would import {count} question(s), skip {len(plan.skipped)}")
    elif written:
        click.echo(f"imported {count} draft question(s) into {written}; "
                   f"skipped {len(plan.skipped)}")
    else:
        click.echo(f"nothing new to import: all {len(plan.skipped)} question(s) were skipped")


@bank.command()
@click.option("--format", "export_format", type=click.Choice(["csv", "anki"]), required=True,
              help="csv: one row per question; anki: Anki's tab-separated text import, "
                   "tagged with role, level and competency.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False),
              help="File to write. [default: standard output]")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@PARENTS_OPTION
@filter_options
@pass_workspace
def export(workspace: Workspace, /, export_format: str, out: Path | None, force: bool,
           parents: bool, **filters: str | None) -> None:
    """Export questions (optionally filtered) for spreadsheets or Anki."""
    from interview.bank.export import to_anki, to_csv

    loaded = load_bank(workspace)
    chosen = loaded.select(chosen_filter(loaded.taxonomy, **filters))
    levels = list(loaded.taxonomy.levels)
    text = to_csv(chosen, levels) if export_format == "csv" else to_anki(chosen, levels)
    if out is None:
        click.echo(text, nl=False)
        return
    check_output(out, force=force, parents=parents)
    write_output(out, text, force=force, parents=parents)
    click.echo(f"exported {len(chosen)} question(s) to {out}", err=True)
