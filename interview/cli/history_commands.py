"""`interview history`, `history show`, `due` and `stats`: past sessions and progress.

Storage is imported inside the commands, never at module level: the CLI's
start-up time is budgeted. `history`, `due` and `stats` read through
Workspace.reader, which on the default SQLite database imports no SQLAlchemy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from interview.cli.context import (
    existing_profile,
    no_history_yet,
    opened_reader,
    opened_store,
    pass_workspace,
)
from interview.cli.output import FORMAT_OPTION, fail, print_json, print_table
from interview.reports.progress import due_by_competency
from interview.reports.shapes import (
    answer_json,
    due_json,
    iso,
    session_json,
    session_json_full,
    stats_json,
)
from interview.workspace import Workspace

# Counts and ids reach SQL as 64-bit integers: a larger number is one line
# naming the range (click.BadParameter), not an OverflowError from the driver.
SQL_INT_MAX = 2**62
SESSION_ID = click.IntRange(1, SQL_INT_MAX)

PROFILE_OPTION = click.option(
    "--profile", metavar="NAME",
    help="Whose history (a candidate name); defaults to your login name.")


# -- interview history ---------------------------------------------------------

@click.group(invoke_without_command=True)
@click.option("--profile", metavar="NAME", help="Only this candidate's sessions.")
@click.option("--limit", type=click.IntRange(1, SQL_INT_MAX), default=20, show_default=True,
              help="How many sessions, newest first.")
@click.option("--offset", type=click.IntRange(0, SQL_INT_MAX), default=0,
              help="Skip this many first.")
@FORMAT_OPTION
@click.pass_context
def history(ctx: click.Context, profile: str | None, limit: int, offset: int,
            output_format: str) -> None:
    """Past sessions, newest first: date, plan or filters, questions, grade, time.

    `interview history show SESSION` prints every answer of one session.
    """
    if ctx.invoked_subcommand is not None:
        return
    workspace = ctx.ensure_object(Workspace)
    workspace.use_profile(profile)
    with opened_reader(workspace) as reader:
        if profile is not None:
            existing_profile(workspace)
        sessions = reader.list_sessions(profile, limit=limit, offset=offset)
    if output_format == "json":
        print_json([session_json(s) for s in sessions])
        return
    if not sessions:
        click.echo("no sessions recorded yet" if offset == 0 else "no more sessions")
        return
    rows = [
        (s.id, local_time(s.started_at), s.profile, s.mode.value, s.status.value, s.description,
         f"{s.answered}/{s.planned}", s.average_grade,
         f"{duration(s.seconds_used)} / {duration(s.budget_seconds)}")
        for s in sessions
    ]
    print_table(("id", "date", "profile", "mode", "status", "session", "answered",
                 "avg grade", "time used"), rows)


@history.command()
@click.argument("session_id", metavar="SESSION", type=SESSION_ID)
@FORMAT_OPTION
@pass_workspace
def show(workspace: Workspace, session_id: int, output_format: str) -> None:
    """Every answer of one session: text, grade, signals, hints and timings."""
    if no_history_yet(workspace):
        fail(f"no session {session_id}: no sessions recorded yet")
    with opened_store(workspace) as store:
        session = store.get_session(session_id)
        if session is None:
            fail(f"no session {session_id}; `interview history` lists them")
        answers = store.answers(session_id)
        shown = {(a.question_id, a.question_hash): store.shown_question(a.question_id,
                                                                        a.question_hash)
                 for a in answers}
    records = [answer_json(a, shown.get((a.question_id, a.question_hash))) for a in answers]
    if output_format == "json":
        print_json({"session": session_json_full(session), "answers": records})
        return
    click.echo(f"session {session.id}: {session.filters.describe()} ({session.mode.value}, "
               f"{session.status.value}), {session.profile}, {local_time(session.started_at)}")
    click.echo(f"{len(answers)} of {len(session.items)} question(s) answered")
    for record in records:
        click.echo()
        _echo_answer(record)


def _echo_answer(record: dict[str, Any]) -> None:
    grade = (f"{record['grade']} ({record['grade_label']})" if record["grade"] is not None
             else "awaiting grade" if record["awaiting_grade"] else record["outcome"])
    click.echo(f"#{record['position'] + 1}  {record['question_id']}: {record['title']}")
    click.echo(f"    competency: {record['competency']}   grade: {grade}   "
               f"hints used: {record['hints_used']}")
    click.echo(f"    time: {duration(record['seconds_used'])} of "
               f"{duration(record['time_limit_seconds'])}"
               f"{' (over time)' if record['over_time'] else ''}   "
               f"answered: {local_time(datetime.fromisoformat(record['answered_at']))}")
    signals = record["signals"] or [f"signal {i + 1}" for i in record["signals_hit"]]
    click.echo(f"    signals hit: {'; '.join(signals) if signals else 'none'}")
    click.echo("    answer:")
    for line in (record["text"] or "(no answer)").splitlines() or [""]:
        click.echo(f"      {line}")
    if record["test_run"]:
        from interview.coding.results import TestRun

        run = TestRun.from_dict(record["test_run"])
        click.echo(f"    tests: {run.summary()}")
        for case in run.cases:
            click.echo(f"      {'pass' if case.passed else 'FAIL'}  {case.line}")


# -- interview due ---------------------------------------------------------------

@click.command()
@PROFILE_OPTION
@FORMAT_OPTION
@pass_workspace
def due(workspace: Workspace, profile: str | None, output_format: str) -> None:
    """Questions due for spaced-repetition review, grouped by competency."""
    workspace.use_profile(profile)
    now = workspace.clock.now()
    with opened_reader(workspace):
        name = existing_profile(workspace)
        questions = workspace.due()
    groups = due_by_competency(questions)
    if output_format == "json":
        print_json({
            "profile": name,
            "now": iso(now),
            "total": len(questions),
            "competencies": [{"competency": competency, "questions": [due_json(q) for q in items]}
                             for competency, items in groups],
        })
        return
    if not questions:
        click.echo(f"nothing due for {name}")
        return
    for index, (competency, items) in enumerate(groups):
        if index:
            click.echo()
        click.echo(f"{competency}: {len(items)} due")
        print_table(("question", "title", "due", "reviews", "last grade"),
                    [(q.review.question_id, q.title, local_time(q.review.due), q.review.reviews,
                      _grade_text(q.review.last_grade)) for q in items])
    click.echo(f"\n{len(questions)} question(s) due for {name}")


# -- interview stats -------------------------------------------------------------

@click.command(name="stats")
@PROFILE_OPTION
@FORMAT_OPTION
@pass_workspace
def stats(workspace: Workspace, profile: str | None, output_format: str) -> None:
    """Average grade and trend per competency, weakest first."""
    from interview.store.views import TREND_WINDOW

    workspace.use_profile(profile)
    with opened_reader(workspace) as reader:
        name = existing_profile(workspace)
        rows = reader.competency_stats(name)
    if output_format == "json":
        print_json({"profile": name, "trend_window": TREND_WINDOW,
                    "competencies": [stats_json(s) for s in rows]})
        return
    if not rows:
        click.echo(f"no answers recorded for {name} yet")
        return
    print_table(("competency", "answers", "graded", "avg grade", "trend", "last answered"),
                [(s.competency, s.answers, s.graded, s.average_grade, _signed(s.trend),
                  local_time(s.last_answered_at)) for s in rows])
    click.echo(f"trend: average of the last {TREND_WINDOW} grades minus the {TREND_WINDOW} "
               "before (positive = improving)")


# -- formatting -------------------------------------------------------------------

def local_time(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def duration(seconds: float) -> str:
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _grade_text(grade: Any) -> str:
    return "-" if grade is None else f"{int(grade)} ({grade.label})"
