"""`interview review` and `interview browse`: the app, opened on your past
sessions or on the bank."""

from __future__ import annotations

import click

from interview.cli.context import (
    existing_profile,
    load_bank,
    no_history_yet,
    opened_reader,
    pass_workspace,
)
from interview.workspace import Workspace


@click.command()
@click.option("--profile", metavar="NAME",
              help="Whose sessions (a candidate name); defaults to your login name.")
@pass_workspace
def review(workspace: Workspace, profile: str | None) -> None:
    """Browse past sessions and their answers, trends and readiness.

    Keys: enter opens a session, [ and ] page, ctrl+t trends, ctrl+r
    readiness, p (on an answer) practises that question again, escape goes
    back.
    """
    from interview.tui.app import run_app

    workspace.use_profile(profile)
    if profile is not None:
        with opened_reader(workspace):
            existing_profile(workspace)  # a typo is one line, not an empty screen
    if no_history_yet(workspace):  # a read-only home with no database: nothing to browse
        click.echo("no sessions recorded yet")
        return
    load_bank(workspace)
    run_app(workspace, show="history")


@click.command()
@pass_workspace
def browse(workspace: Workspace) -> None:
    """Search the bank as you type and read each question with its rubric.

    Keys: type to search; the lists narrow by role, level, competency and
    kind; down moves into the results, enter shows the whole preview,
    escape goes back.
    """
    from interview.tui.app import run_app

    load_bank(workspace)
    run_app(workspace, show="bank")
