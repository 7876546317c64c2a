"""The `interview` command line. Commands live in sibling modules; this one
only assembles them and turns unexpected failures into one readable line."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from interview import __version__
from interview.cli.bank_commands import bank
from interview.cli.context import Settings
from interview.cli.history_commands import due, history, stats
from interview.cli.plan_commands import plan
from interview.cli.practice_commands import practice


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--bank", "bank_dir", type=click.Path(path_type=Path, file_okay=False),
              envvar="INTERVIEW_BANK", help="Question bank directory [env: INTERVIEW_BANK].")
@click.option("--plans", "plans_dir", type=click.Path(path_type=Path, file_okay=False),
              envvar="INTERVIEW_PLANS", help="Session plans directory [env: INTERVIEW_PLANS].")
@click.option("--database", envvar="INTERVIEW_DATABASE_URL", metavar="URL",
              help="SQLAlchemy database URL [env: INTERVIEW_DATABASE_URL].")
@click.version_option(__version__, prog_name="interview")
@click.pass_context
def cli(ctx: click.Context, bank_dir: Path | None, plans_dir: Path | None,
        database: str | None) -> None:
    """Practise and run senior, staff and senior-staff engineering interviews.

    Run with no command to open the app.
    """
    ctx.obj = Settings(bank_dir=bank_dir, plans_dir=plans_dir, database=database)
    if ctx.invoked_subcommand is None:
        from interview.tui.app import run_app

        run_app(bank_dir, plans_dir, database)


cli.add_command(bank)
cli.add_command(plan)
cli.add_command(history)
cli.add_command(due)
cli.add_command(stats)
cli.add_command(practice)


def main() -> None:
    """Console-script entry: exit codes 0 ok, 1 invalid input, 2 usage error."""
    try:
        cli.main(prog_name="interview", standalone_mode=True)
    except KeyboardInterrupt:
        click.echo("interview: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last line of defence: no tracebacks
        if os.environ.get("INTERVIEW_DEBUG"):
            raise
        click.echo(f"interview: error: {exc.__class__.__name__}: {exc} "
                   "(set INTERVIEW_DEBUG=1 for details)", err=True)
        sys.exit(1)
