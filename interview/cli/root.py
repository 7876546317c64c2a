"""The root click group: global options and the lazily imported subcommands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from interview import __version__
from interview.cli.output import fail
from interview.workspace import Workspace

# Each subcommand is imported only when it runs (or for --help): plain
# `interview` opens the app, and its start-up budget has no room for loading
# every command's dependencies first.
COMMANDS = {
    "bank": "interview.cli.bank_io_commands:bank",  # bank_commands' group + dupes/import/export
    "search": "interview.cli.search_commands:search",
    "plan": "interview.cli.plan_commands:plan",
    "practice": "interview.cli.practice_commands:practice",
    "history": "interview.cli.history_commands:history",
    "due": "interview.cli.history_commands:due",
    "stats": "interview.cli.history_commands:stats",
    "review": "interview.cli.review_commands:review",
    "browse": "interview.cli.review_commands:browse",
    "report": "interview.cli.report_commands:report",
    "kit": "interview.cli.kit_commands:kit",
    "run": "interview.cli.scorecard_commands:run",
    "scorecard": "interview.cli.scorecard_commands:scorecard",
    "debrief": "interview.cli.scorecard_commands:debrief",
    "calibration": "interview.cli.scorecard_commands:calibration",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use, and whose
    errors read as the rest of the CLI's: one line, `interview: error: ...`."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        """As click's standalone mode, except that a bad value for an option or
        argument (click.BadParameter) is one line with exit status 1, like every
        other invalid input. Genuine usage errors (an unknown option, a missing
        argument, options that exclude each other) keep click's usage and exit 2."""
        def run() -> Any:
            from interview.safetext import TerminalStream

            # Bank text, imports and shared rows may hold escape sequences:
            # nothing any command prints reaches the terminal raw.
            out, err = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = TerminalStream(out), TerminalStream(err)
            try:
                return super(LazyGroup, self).main(args, prog_name, complete_var,
                                                   standalone_mode=False, **extra)
            finally:
                sys.stdout, sys.stderr = out, err

        if not standalone_mode:
            return run()
        try:
            returned = run()
        except click.MissingParameter as exc:  # a BadParameter, but a usage error
            exc.show()
            sys.exit(exc.exit_code)
        except click.BadParameter as exc:
            fail(exc.format_message())
        except click.ClickException as exc:  # UsageError and the rest: click's own output
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("interview: interrupted", err=True)
            sys.exit(130)
        sys.exit(returned if isinstance(returned, int) else 0)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            import importlib

            module, _, attribute = COMMANDS[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
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
    ctx.obj = Workspace(bank_dir=bank_dir, plans_dir=plans_dir, database=database)
    if ctx.invoked_subcommand is None:
        from interview.tui.app import run_app

        run_app(ctx.obj)
