"""`interview plan ...`: check and list session plans."""

from __future__ import annotations

from pathlib import Path

import click

from interview.bank.locations import active_plans_dir, yaml_files
from interview.bank.plans import check_plan_files
from interview.cli.context import load_bank, load_plans, pass_workspace
from interview.cli.output import FORMAT_OPTION, print_json, print_table
from interview.workspace import Workspace


@click.group()
def plan() -> None:
    """Check and list session plans (question sets and interview loops)."""


@plan.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_workspace
def check(workspace: Workspace, paths: tuple[Path, ...]) -> None:
    """Validate the active plans, or the given plan files and directories.

    Explicit question ids must exist in the active bank, and selectors must
    name taxonomy values.
    """
    loaded = load_bank(workspace)
    files: dict[Path, Path] = {}  # by resolved path: a file named twice is checked once
    missing: list[str] = []
    for path in paths or (active_plans_dir(workspace.plans_dir),):
        if path.is_dir():
            for file in yaml_files(path):
                files.setdefault(file.resolve(), file)
        elif path.is_file():
            files.setdefault(path.resolve(), path)
        else:
            missing.append(f"{path}:1: -: -: no such file or directory")
    for line in missing:
        click.echo(line)
    plans, problems = check_plan_files(list(files.values()), loaded.taxonomy, loaded.questions)
    for problem in problems:
        click.echo(str(problem))
    valid = len(plans)
    if problems or missing:
        click.echo(f"{len(problems) + len(missing)} error(s); {valid} valid plan(s)", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {valid} valid plan(s)")


@plan.command(name="list")
@FORMAT_OPTION
@pass_workspace
def list_plans(workspace: Workspace, output_format: str) -> None:
    """List the valid plans with their role, level, rounds and total minutes."""
    found = load_plans(workspace)
    plans, problems = found.plans, found.problems
    if problems:
        click.echo(f"interview: warning: {len(problems)} problem(s) in plans; run "
                   "`interview plan check` for details. Invalid plans are left out.", err=True)
    if output_format == "json":
        print_json([{**p.to_dict(), "minutes": p.minutes, "source": p.source} for p in plans])
        return
    rows = [(p.id, p.role, p.level, len(p.rounds), p.minutes, p.title) for p in plans]
    print_table(("id", "role", "level", "rounds", "min", "title"), rows)
