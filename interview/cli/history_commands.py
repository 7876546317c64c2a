"""`interview history`, `history show`, `due` and `stats`: past sessions and progress.

Storage is imported inside the commands, never at module level: the CLI's
start-up time is budgeted. `history`, `due` and `stats` read through
Workspace.reader, which on the default SQLite database imports no SQLAlchemy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import groupby
from typing import TYPE_CHECKING, Any

import click

from interview.cli.context import existing_profile, opened_reader, opened_store, pass_workspace
from interview.cli.output import FORMAT_OPTION, fail, print_json, print_table
from interview.workspace import Workspace

if TYPE_CHECKING:
    from interview.practice.domain import Answer, Session, ShownQuestion
    from interview.store.views import CompetencyStats, DueQuestion, SessionSummary

PROFILE_OPTION = click.option(
    "--profile", metavar="NAME",
    help="Whose history (a candidate name); defaults to your login name.")


# -- interview history ---------------------------------------------------------

@click.group(invoke_without_command=True)
@click.option("--profile", metavar="NAME", help="Only this candidate's sessions.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many sessions, newest first.")
@click.option("--offset", type=click.IntRange(min=0), default=0, help="Skip this many first.")
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
@click.argument("session_id", metavar="SESSION", type=int)
@FORMAT_OPTION
@pass_workspace
def show(workspace: Workspace, session_id: int, output_format: str) -> None:
    """Every answer of one session: text, grade, signals, hints and timings."""
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
    groups = [(competency, list(items)) for competency, items in
              groupby(sorted(questions, key=lambda q: (q.competency, q.review.due)),
                      key=lambda q: q.competency)]
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


# -- JSON shapes (documented in README.md, "JSON output") ---------------------------

def session_json(s: SessionSummary) -> dict[str, Any]:
    return {
        "id": s.id, "profile": s.profile, "mode": s.mode.value, "status": s.status.value,
        "started_at": iso(s.started_at), "finished_at": iso(s.finished_at),
        "description": s.description, "plan_id": s.filters.plan_id,
        "filters": s.filters.to_dict(), "planned": s.planned, "answered": s.answered,
        "graded": s.graded, "average_grade": s.average_grade, "seconds_used": s.seconds_used,
        "budget_seconds": s.budget_seconds,
    }


def session_json_full(session: Session) -> dict[str, Any]:
    return {
        "id": session.id, "profile": session.profile, "mode": session.mode.value,
        "status": session.status.value, "started_at": iso(session.started_at),
        "finished_at": iso(session.finished_at), "description": session.filters.describe(),
        "filters": session.filters.to_dict(), "budget_seconds": session.budget_seconds,
        "items": [item.to_dict() for item in session.items],
    }


def answer_json(answer: Answer, shown: ShownQuestion | None) -> dict[str, Any]:
    rubric = (shown.content.get("rubric") or {}) if shown else {}
    signal_texts = list(rubric.get("signals") or ()) if isinstance(rubric, dict) else []
    return {
        "id": answer.id, "position": answer.position, "question_id": answer.question_id,
        "question_hash": answer.question_hash, "title": shown.title if shown else "",
        "competency": answer.competency, "outcome": answer.outcome.value,
        "grade": int(answer.grade) if answer.grade is not None else None,
        "grade_label": answer.grade.label if answer.grade is not None else None,
        "awaiting_grade": answer.awaiting_grade,
        "signals_hit": list(answer.signals_hit),
        "signals": [str(signal_texts[i]) for i in answer.signals_hit
                    if 0 <= i < len(signal_texts)],
        "hints_used": answer.hints_used, "started_at": iso(answer.started_at),
        "answered_at": iso(answer.answered_at), "seconds_used": answer.seconds_used,
        "time_limit_seconds": answer.time_limit_seconds, "over_time": answer.over_time,
        "text": answer.text,
    }


def due_json(question: DueQuestion) -> dict[str, Any]:
    review = question.review
    return {
        "question_id": review.question_id, "title": question.title, "due": iso(review.due),
        "reviews": review.reviews,
        "last_grade": int(review.last_grade) if review.last_grade is not None else None,
        "last_review": iso(review.last_review),
    }


def stats_json(s: CompetencyStats) -> dict[str, Any]:
    return {
        "competency": s.competency, "answers": s.answers, "graded": s.graded,
        "average_grade": s.average_grade, "trend": s.trend,
        "last_answered_at": iso(s.last_answered_at),
    }


# -- formatting -------------------------------------------------------------------

def iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment is not None else None


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
