"""The root click group: global options and the lazily imported subcommands."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from interview import __version__
from interview.cli.output import fail

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
    "serve": "interview.cli.serve_commands:serve",
    "debrief": "interview.cli.scorecard_commands:debrief",
    "calibration": "interview.cli.scorecard_commands:calibration",
}


# What `interview --help` lists for each command, so listing them imports
# none (the importer alone costs 200 ms): each is the command's own short
# help, kept equal to it by tests/test_cli_help.py.
SUMMARIES = {
    "bank": "Check, list and count the questions in the bank.",
    "browse": "Search the bank as you type and read each question with its rubric.",
    "calibration": "How graders compare: your self-grades against your interviewers' per "
                   "competency (mean gap and weighted kappa), each interviewer's severity "
                   "against the panel, and the questions graders most often split on. "
                   "docs/calibration.md explains each figure.",
    "debrief": "CANDIDATE's submitted scorecards side by side: each question and competency "
               "per interviewer, the mean, and every row where they differ by two points or "
               "more (marked !), to discuss first.",
    "due": "Questions due for spaced-repetition review, grouped by competency.",
    "history": "Past sessions, newest first: date, plan or filters, questions, grade, time.",
    "kit": "Write the kit for interviewing with PLAN (a plan id, as `interview plan list` "
           "shows): each round's notes and questions with prompt, hints, follow-ups, the "
           "rubric as a checklist, red flags, the bar at the level and the levels around it, "
           "and the outline; a `pick` round lists every question it could pick.",
    "plan": "Check, list, write and edit session plans (question sets and loops).",
    "practice": "Start a timed session and go straight to its first question.",
    "report": "Write a report of your practice: a summary, each competency's trend, "
              "readiness for a role and level, and every session with its answers.",
    "review": "Browse past sessions and their answers, trends and readiness.",
    "run": "Interview CANDIDATE with PLAN (a plan id, as `interview plan list` shows), "
           "grading live against the plan's rubrics.",
    "scorecard": "List, show and discard scorecards from live interviews.",
    "serve": "Serve the app to a web browser: every screen, on the same bank, plans and "
             "database as the terminal app.",
    "search": "Find questions by title, prompt, tags and competency, tolerating typos.",
    "stats": "Average grade and trend per competency, weakest first.",
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

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, from SUMMARIES instead of importing every command (a
        stand-in Command shortens each exactly as the real one would)."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit))
                for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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
    from interview.workspace import Workspace  # not needed for --help

    ctx.obj = Workspace(bank_dir=bank_dir, plans_dir=plans_dir, database=database)
    if ctx.invoked_subcommand is None:
        from interview.tui.app import run_app

        run_app(ctx.obj)
