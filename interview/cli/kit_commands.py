"""`interview kit`: the kit an interviewer takes into the room for one plan.

The bank and the reports are imported inside the command, never at module
level: the CLI's start-up time is budgeted.
"""

from __future__ import annotations

from pathlib import Path

import click

from interview.cli.context import load_plans, pass_workspace
from interview.cli.output import PARENTS_OPTION, check_output, fail, write_output
from interview.workspace import Workspace


@click.command()
@click.argument("plan_id", metavar="PLAN")
@click.option("--format", "output_format", type=click.Choice(["md", "html"]), required=True,
              help="md: Markdown; html: one self-contained page that prints a round per "
                   "page.")
@click.option("--out", metavar="FILE", required=True,
              help="File to write, or - for standard output.")
@click.option("--level", help="Show the bars for this level. [default: the plan's level]")
@click.option("--no-outline", is_flag=True, help="Leave the model answer outlines out.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@PARENTS_OPTION
@pass_workspace
def kit(workspace: Workspace, /, plan_id: str, output_format: str, out: str,
        level: str | None, no_outline: bool, force: bool, parents: bool) -> None:
    """Write the kit for interviewing with PLAN (a plan id, as `interview plan
    list` shows): each round's notes and questions with prompt, hints,
    follow-ups, the rubric as a checklist, red flags, the bar at the level
    and the levels around it, and the outline; a `pick` round lists every
    question it could pick. A scorecard to fill in comes last."""
    target_path = None if out == "-" else Path(out)
    if target_path is not None:
        check_output(target_path, force=force, parents=parents)

    from interview.cli.filters import check_options
    from interview.practice.selection import SelectionError
    from interview.reports.kit import render
    from interview.reports.kit.model import build_kit

    load_plans(workspace)  # an unusable bank is one line and exit 1
    try:
        plan = workspace.plan(plan_id)
    except SelectionError as exc:
        fail(str(exc))
    bank = workspace.bank()
    if level is not None:
        check_options(bank.taxonomy, level=level)
    built = build_kit(plan, bank.questions, tuple(bank.taxonomy.levels), level=level,
                      outlines=not no_outline)
    text = render(built, output_format)
    if target_path is None:
        click.echo(text, nl=False)
        return
    write_output(target_path, text, force=force, parents=parents)
    click.echo(f"wrote the {output_format} kit for {plan.id} ({len(built.rounds)} round(s), "
               f"{built.question_count} question(s)) to {target_path}", err=True)
