"""`interview report`: a report to share, as Markdown, one HTML file or CSV.

Storage and the reports are imported inside the command, never at module
level: the CLI's start-up time is budgeted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

import click

from interview.cli.context import (
    existing_profile,
    load_bank,
    no_history_yet,
    opened_store,
    pass_workspace,
)
from interview.cli.output import PARENTS_OPTION, check_output, fail, write_output
from interview.workspace import Workspace

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@click.command()
@click.option("--profile", metavar="NAME",
              help="Whose history (a candidate name); defaults to your login name.")
@click.option("--since", metavar="YYYY-MM-DD",
              help="Only answers from this local day on. [default: all history]")
@click.option("--role", help="Readiness for this role (with --level). [default: the role and "
                             "level last practised]")
@click.option("--level", help="Readiness at this level (with --role).")
@click.option("--format", "output_format", type=click.Choice(["md", "html", "csv"]),
              required=True,
              help="md: Markdown; html: one self-contained page with charts; csv: one row "
                   "per answer.")
@click.option("--out", metavar="FILE", required=True,
              help="File to write, or - for standard output.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@PARENTS_OPTION
@click.option("--no-answers", is_flag=True, help="Leave the answer texts out.")
@pass_workspace
def report(workspace: Workspace, /, profile: str | None, since: str | None, role: str | None,
           level: str | None, output_format: str, out: str, force: bool, parents: bool,
           no_answers: bool) -> None:
    """Write a report of your practice: a summary, each competency's trend,
    readiness for a role and level, and every session with its answers."""
    since_day = _day(since) if since is not None else None
    if (role is None) != (level is None):
        fail("--role and --level go together: readiness is for one role at one level")
    target_path = None if out == "-" else Path(out)
    if target_path is not None:
        check_output(target_path, force=force, parents=parents)

    from interview.cli.filters import check_options

    workspace.use_profile(profile)
    since_at = (datetime.combine(since_day, time()).astimezone(UTC)  # local midnight
                if since_day is not None else None)
    with _empty_history_if_none(workspace), opened_store(workspace):
        name = existing_profile(workspace)
        bank = load_bank(workspace)
        if role is not None and level is not None:
            check_options(bank.taxonomy, role=role, level=level)
        report = workspace.report(
            output_format, since=since_at, since_day=since_day,
            target=(role, level) if role is not None and level is not None else None,
            include_answers=not no_answers)
    if target_path is None:
        click.echo(report.text, nl=False)
        return
    write_output(target_path, report.text, force=force, parents=parents)
    click.echo(f"wrote the {output_format} report for {name} ({report.sessions} session(s), "
               f"{report.answers} answer(s)) to {target_path}", err=True)


@contextmanager
def _empty_history_if_none(workspace: Workspace) -> Iterator[None]:
    """Where the database does not exist and cannot be made (a read-only
    INTERVIEW_HOME), report from an empty one made for the purpose and
    removed afterwards: the report a new home gives, and nothing is written
    there. Reporting only reads, so nothing recorded can be lost in it."""
    if not no_history_yet(workspace):
        yield
        return
    import tempfile

    original = workspace.database
    with tempfile.TemporaryDirectory(prefix="interview-report-") as scratch:
        workspace.database = f"sqlite:///{Path(scratch) / 'empty.db'}"
        try:
            yield
        finally:
            workspace.close()
            workspace.database = original


def _day(value: str) -> date:
    """A YYYY-MM-DD day; anything else is one line and exit 1."""
    try:
        if not _DAY.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--since: {value!r} is not a date; expected YYYY-MM-DD, e.g. 2026-03-01")
