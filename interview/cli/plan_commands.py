"""`interview plan ...`: check, list, write and edit session plans."""

from __future__ import annotations

from pathlib import Path

import click

from interview.bank.locations import plan_dirs, yaml_files
from interview.bank.plans import check_plan_files
from interview.bank.problems import errors
from interview.cli.context import load_bank, load_plans, pass_workspace
from interview.cli.output import FORMAT_OPTION, fail, print_json, print_table
from interview.workspace import Workspace


@click.group()
def plan() -> None:
    """Check, list, write and edit session plans (question sets and loops)."""


@plan.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@pass_workspace
def check(workspace: Workspace, paths: tuple[Path, ...]) -> None:
    """Validate the active plans, or the given plan files and directories.

    Explicit question ids must exist in the active bank, and selectors must
    name taxonomy values.
    """
    from interview.bank.loader import missing_path

    loaded = load_bank(workspace)
    files: dict[Path, Path] = {}  # by resolved path: a file named twice is checked once
    missing: list[str] = []
    for path in paths or plan_dirs(workspace.plans_dir):
        if path.is_dir():
            for file in yaml_files(path):
                files.setdefault(file.resolve(), file)
        elif path.is_file():
            files.setdefault(path.resolve(), path)
        else:
            missing.append(f"{path}:1: -: -: {missing_path(path)}")
    for line in missing:
        click.echo(line)
    plans, problems = check_plan_files(list(files.values()), loaded.taxonomy, loaded.questions)
    for problem in problems:
        click.echo(str(problem))
    valid = len(plans)
    bad = len(errors(problems)) + len(missing)
    warned = len(problems) - len(errors(problems))
    if bad:
        click.echo(f"{bad} error(s); {valid} valid plan(s)", err=True)
        raise SystemExit(1)
    click.echo(f"ok: {valid} valid plan(s)" + (f", {warned} warning(s)" if warned else ""))


@plan.command(name="list")
@FORMAT_OPTION
@pass_workspace
def list_plans(workspace: Workspace, output_format: str) -> None:
    """List the valid plans with their role, level, rounds and total minutes."""
    found = load_plans(workspace)
    plans, problems = found.plans, found.problems
    if errors(problems):
        click.echo(f"interview: warning: {len(errors(problems))} problem(s) in plans; run "
                   "`interview plan check` for details. Invalid plans are left out.", err=True)
    if output_format == "json":
        print_json([{**p.to_dict(), "minutes": p.minutes, "source": p.source} for p in plans])
        return
    rows = [(p.id, p.role, p.level, len(p.rounds), p.minutes, p.title) for p in plans]
    print_table(("id", "role", "level", "rounds", "min", "title"), rows)


@plan.command()
@click.argument("plan_id", metavar="ID")
@click.option("--role", help="The role the plan is for (default: the first in the taxonomy).")
@click.option("--level", help="Its level (default: senior, else the first in the taxonomy).")
@click.option("--title", help="Its title (default: made from the id).")
@pass_workspace
def new(workspace: Workspace, plan_id: str, role: str | None, level: str | None,
        title: str | None) -> None:
    """Draft a new plan in the editor; ctrl+s saves ID.yaml in your plans directory."""
    from interview.bank.fields import SLUG
    from interview.bank.plan_draft import PlanDraft
    from interview.cli.filters import check_options
    from interview.tui.app import run_app

    if not SLUG.fullmatch(plan_id):
        fail(f"{plan_id!r} is not a plan id: lower-case words joined by hyphens, "
             "e.g. platform-senior-loop")
    taxonomy = load_bank(workspace).taxonomy
    check_options(taxonomy, role=role, level=level)
    if any(p.id == plan_id for p in load_plans(workspace, missing_ok=True).plans):
        fail(f"there is already a plan {plan_id!r}; `interview plan edit {plan_id}` edits it")
    levels = list(taxonomy.levels)
    draft = PlanDraft(plan_id, title or plan_id.replace("-", " ").capitalize(),
                      role or next(iter(taxonomy.roles)),
                      level or ("senior" if "senior" in levels else levels[0]))
    run_app(workspace, editing=draft)


@plan.command()
@click.argument("plan_id", metavar="ID")
@pass_workspace
def edit(workspace: Workspace, plan_id: str) -> None:
    """Edit a plan; a shipped one is saved as a copy under a new id."""
    from interview.bank.locations import bundled_plans_dir
    from interview.bank.plan_draft import PlanDraft
    from interview.practice.selection import SelectionError
    from interview.tui.app import run_app

    load_plans(workspace)
    try:
        found = workspace.plan(plan_id)
    except SelectionError as exc:
        fail(str(exc))
    shipped = Path(found.source).resolve().parent == bundled_plans_dir().resolve()
    draft = PlanDraft.from_plan(found, copy=shipped)
    note = (f"{plan_id} ships with interview, so this is a copy, {draft.id}; change its id "
            "and title as you like.") if shipped else ""
    # Your own plan is saved back over its file; a shipped one never is.
    own_file = "" if shipped else str(workspace.plan_save_path(draft.id))
    if own_file and Path(found.source).resolve() != Path(own_file).resolve():
        own_file = ""  # it lives elsewhere: saving writes a new file, asking before a clash
    run_app(workspace, editing=draft, editing_note=note, editing_file=own_file)
