"""`interview run`, `interview scorecard`, `interview debrief` and
`interview calibration`: the interviewer's commands.

Who is asking is `--interviewer` (else INTERVIEW_INTERVIEWER, else the login
name): another interviewer's scorecard for a candidate stays closed until
your own for that candidate is submitted. Heavy modules are imported inside
the commands: the CLI's start-up time is budgeted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from interview.cli.context import (
    load_bank,
    load_plans,
    opened_store,
    pass_workspace,
    require_writable,
    storage_failures,
)
from interview.cli.output import (
    PARENTS_OPTION,
    check_output,
    fail,
    json_text,
    print_json,
    print_table,
    write_output,
)
from interview.workspace import Workspace

if TYPE_CHECKING:
    from interview.practice.interviewing import Scorecard
    from interview.reports.debrief import Debrief, DebriefRow

F = TypeVar("F", bound=Callable[..., object])

SHOW_FORMATS = ("table", "json", "md", "html")


def _interviewer_option(help_text: str) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        return click.option("--interviewer", metavar="NAME", help=help_text)(command)
    return decorate


def _lead_option(command: F) -> F:
    return click.option(
        "--lead", is_flag=True,
        help="Read as the hiring lead, not on the panel: every submitted scorecard "
             "(refused while you hold an open scorecard for the candidate).")(command)


def _viewer(interviewer: str | None) -> str:
    from interview.workspace.panel import default_interviewer

    return _name(interviewer, "--interviewer") if interviewer else default_interviewer()


def _name(value: str, option: str) -> str:
    name = " ".join(value.split())
    if not name or len(name) > 200:
        raise click.BadParameter("a name of 1 to 200 characters", param_hint=option)
    if any(not ch.isprintable() for ch in name):
        raise click.BadParameter("control characters are not allowed in a name",
                                 param_hint=option)
    return name


@contextmanager
def _panel_errors() -> Iterator[None]:
    """Hidden, unknown or unrunnable: one line and exit 1."""
    from interview.practice.engine import IllegalTransition
    from interview.practice.interviewing import ScorecardHidden
    from interview.practice.selection import SelectionError
    from interview.workspace.panel import NoScorecard

    try:
        yield
    except (ScorecardHidden, NoScorecard, SelectionError, IllegalTransition) as exc:
        fail(str(exc).strip("'\""))


# -- interview run -------------------------------------------------------------------

@click.command()
@click.argument("plan_id", metavar="PLAN")
@click.option("--candidate", required=True, metavar="NAME",
              help="Who is being interviewed (their own record, not a practice profile).")
@_interviewer_option("Who is interviewing. [default: INTERVIEW_INTERVIEWER, else your "
                     "login name]")
@click.option("--self-grade", "self_grade", is_flag=True,
              help="A rehearsal with a peer: after each question the candidate grades "
                   "themselves blind, then both grades are shown.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Fixes which questions the plan's `pick` rounds choose.")
@pass_workspace
def run(workspace: Workspace, /, plan_id: str, candidate: str, interviewer: str | None,
        self_grade: bool, seed: int) -> None:
    """Interview CANDIDATE with PLAN (a plan id, as `interview plan list`
    shows), grading live against the plan's rubrics.

    The screen shows each question's prompt, hints, follow-ups, the rubric
    signals and red flags as checklists and the bar for the plan's level,
    with a notes box that keeps the focus. Everything is saved as it is
    entered; an interrupted interview resumes when you run the same command.

    Keys: enter adds a note; ctrl+t then 1-9 ticks a signal, a-i a red flag
    (alt+1, alt+a, ... in one step where the terminal sends alt as escape);
    ctrl+n gives the next hint; ctrl+g grades the question (n: not asked);
    ctrl+e ends the questions for the closing form; ctrl+s submits it.
    """
    from interview.tui.app import run_app

    candidate = _name(candidate, "--candidate")
    who = _viewer(interviewer)
    require_writable(workspace, "run")  # a read-only home: say so before anything starts
    workspace.interviewer = who  # the app's scorecard list reads as this interviewer
    load_plans(workspace)
    panel = workspace.panel()
    with _panel_errors():
        workspace.plan(plan_id)  # an unknown plan is one line before anything is stored
        with storage_failures(workspace, close=False):
            resumable = panel.open_scorecards(candidate, who, plan_id)
            if resumable:
                card = resumable[0]
                click.echo(f"resuming scorecard {card.id} ({card.graded} of "
                           f"{card.questions} graded); `interview scorecard discard "
                           f"{card.id}` starts over", err=True)
                interview = panel.resume(card.id)
            else:
                interview = panel.start(plan_id, candidate, who, self_graded=self_grade,
                                        seed=seed)
    run_app(workspace, interview=interview)


# -- interview scorecard ----------------------------------------------------------------

@click.group()
def scorecard() -> None:
    """List, show and discard scorecards from live interviews."""


@scorecard.command("list")
@click.option("--candidate", metavar="NAME", help="Only this candidate's scorecards.")
@_interviewer_option("Who is asking: another's decision is withheld until you submit "
                     "your own for that candidate. [default: your login name]")
@_lead_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="A table for people, JSON for scripts.")
@pass_workspace
def scorecard_list(workspace: Workspace, candidate: str | None, interviewer: str | None,
                   lead: bool, output_format: str) -> None:
    """Every scorecard, in progress or submitted, newest first."""
    from interview.reports.shapes import iso

    viewer = _viewer(interviewer)
    with opened_store(workspace):
        listed = workspace.panel().scorecards(viewer, lead=lead, candidate=candidate)
    if output_format == "json":
        print_json([{
            "id": s.id, "candidate": s.candidate, "interviewer": s.interviewer,
            "plan": s.plan_id, "status": s.status.value, "started_at": iso(s.started_at),
            "submitted_at": iso(s.submitted_at) if s.submitted_at else None,
            "graded": None if item.hidden else s.graded, "questions": s.questions,
            "recommendation": s.recommendation.value if s.recommendation else None,
            "hidden": item.hidden,
        } for item in listed for s in (item.summary,)])
        return
    if not listed:
        click.echo("no scorecards yet; `interview run PLAN --candidate NAME` starts one")
        return
    print_table(("ID", "Candidate", "Interviewer", "Plan", "Status", "Started", "Graded",
                 "Recommendation"),
                [(s.id, s.candidate, s.interviewer, s.plan_id, s.status.value,
                  s.started_at.strftime("%Y-%m-%d %H:%M"),
                  "hidden" if item.hidden else f"{s.graded}/{s.questions}",
                  "hidden" if item.hidden else
                  (s.recommendation.label if s.recommendation else "-"))
                 for item in listed for s in (item.summary,)])


@scorecard.command("show")
@click.argument("scorecard_id", metavar="ID", type=click.IntRange(1, 2**62))
@_interviewer_option("Who is asking (see `scorecard list`). [default: your login name]")
@_lead_option
@click.option("--format", "output_format", type=click.Choice(SHOW_FORMATS), default="table",
              show_default=True, help="table or json to read here; md or html to keep.")
@click.option("--out", metavar="FILE", help="Write to FILE instead of standard output.")
@click.option("--force", is_flag=True, help="Replace --out if it already exists.")
@PARENTS_OPTION
@pass_workspace
def scorecard_show(workspace: Workspace, scorecard_id: int, interviewer: str | None,
                   lead: bool, output_format: str, out: str | None, force: bool,
                   parents: bool) -> None:
    """One scorecard: every question's grade, ticks, hints and notes, the
    competency ratings, the recommendation and the notes."""
    from interview.reports.scorecard import render
    from interview.reports.scorecard.shape import scorecard_shape

    target = Path(out) if out and out != "-" else None
    if target is not None:
        check_output(target, force=force, parents=parents)
    bank = load_bank(workspace, quiet=True)
    with opened_store(workspace), _panel_errors():
        view = workspace.panel().read(scorecard_id, _viewer(interviewer), lead=lead)
    if output_format == "json":
        text = json_text(scorecard_shape(view.card, view.questions)) + "\n"
    elif output_format == "table":
        text = _card_table(view.card)
    else:
        text = render(view.card, view.questions, tuple(bank.taxonomy.levels), output_format)
    if target is None:
        click.echo(text, nl=False)
        return
    write_output(target, text, force=force, parents=parents)
    click.echo(f"wrote scorecard {scorecard_id} ({output_format}) to {target}", err=True)


@scorecard.command("discard")
@click.argument("scorecard_id", metavar="ID", type=click.IntRange(1, 2**62))
@_interviewer_option("Whose scorecard it is. [default: your login name]")
@pass_workspace
def scorecard_discard(workspace: Workspace, scorecard_id: int, interviewer: str | None) -> None:
    """Delete an in-progress scorecard of yours, with its notes and grades.
    A submitted scorecard is kept."""
    viewer = _viewer(interviewer)
    with opened_store(workspace), _panel_errors():
        panel = workspace.panel()
        card = panel.read(scorecard_id, viewer).card
        if card.interviewer != viewer:
            fail(f"scorecard {scorecard_id} is {card.interviewer}'s; only they discard it")
        if card.submitted:
            fail(f"scorecard {scorecard_id} is submitted; it is kept")
        panel.discard(scorecard_id)
    click.echo(f"discarded scorecard {scorecard_id} ({card.candidate}, {card.plan_id})")


def _card_table(card: Scorecard) -> str:
    from interview.reports.scorecard.shape import clock

    lines = [f"Scorecard {card.id}: {card.candidate}, interviewed by {card.interviewer}",
             f"Plan {card.plan_id} ({card.role}, {card.level}), {card.status.value}", ""]
    for score in card.questions:
        self_part = f", self {score.self_grade.label}" if score.self_grade else ""
        lines.append(f"{score.position + 1:>2}. {score.question_id}  {score.status}{self_part}"
                     f"  signals {len(score.signals)}, red flags {len(score.red_flags)}, "
                     f"hints {len(score.hints)}, {clock(score.seconds_used)} used")
        lines += [f"      [{clock(n.at_seconds)}] {' '.join(n.text.split())}"
                  for n in card.notes_for(score.position)]
    closing = card.closing
    lines += ["", "Ratings: " + (", ".join(f"{c} {g.label}" for c, g in closing.ratings.items())
                                  or "none yet"),
              "Recommendation: " + (closing.recommendation.label if closing.recommendation
                                    else "none yet")]
    if closing.takeaways:
        lines.append("Take-aways: " + " ".join(closing.takeaways.split()))
    return "\n".join(lines) + "\n"


# -- interview debrief ------------------------------------------------------------------

@click.command()
@click.argument("candidate")
@_interviewer_option("Who is asking: the debrief opens once your own scorecard for the "
                     "candidate is submitted. [default: your login name]")
@_lead_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="A table for people, JSON for scripts.")
@click.option("--app", "in_app", is_flag=True, help="Open the debrief screen instead.")
@pass_workspace
def debrief(workspace: Workspace, /, candidate: str, interviewer: str | None, lead: bool,
            output_format: str, in_app: bool) -> None:
    """CANDIDATE's submitted scorecards side by side: each question and
    competency per interviewer, the mean, and every row where they differ
    by two points or more (marked !), to discuss first."""
    viewer = _viewer(interviewer)
    with opened_store(workspace), _panel_errors():
        found = workspace.panel().debrief(_name(candidate, "CANDIDATE"), viewer, lead=lead)
    if in_app:
        from interview.tui.app import run_app

        run_app(workspace, debrief=found)
        return
    if output_format == "json":
        print_json(_debrief_json(found))
        return
    _print_debrief(found)


def _debrief_json(found: Debrief) -> dict[str, object]:
    def rows(kind: tuple[DebriefRow, ...]) -> list[dict[str, object]]:
        return [{"key": row.key, "marks": [int(m) if m is not None else None for m in row.marks],
                 "not_asked": list(row.not_asked), "mean": row.mean, "spread": row.spread,
                 "split": row.split}
                for row in kind]

    return {"candidate": found.candidate, "interviewers": list(found.interviewers),
            "scorecards": list(found.scorecard_ids), "questions": rows(found.questions),
            "competencies": rows(found.competencies),
            "recommendations": [r.value if r else None for r in found.recommendations],
            "overall_mean": found.overall_mean}


def _print_debrief(found: Debrief) -> None:
    headers = ("", *found.interviewers, "Mean", "Split")

    def mark_rows(rows: tuple[DebriefRow, ...]) -> list[tuple[object, ...]]:
        return [(row.key, *("n/a" if asked else (int(m) if m is not None else None)
                           for m, asked in zip(row.marks, row.not_asked, strict=True)),
                 row.mean, "!" if row.split else "")
                for row in rows]

    click.echo(f"Debrief: {found.candidate}, {len(found.interviewers)} scorecard(s)")
    if not found.interviewers:
        click.echo("no submitted scorecards yet")
        return
    click.echo("\nQuestions (1 strong no .. 4 strong yes; n/a: not asked)")
    print_table(headers, mark_rows(found.questions))
    click.echo("\nCompetencies")
    print_table(headers, mark_rows(found.competencies))
    click.echo("\nRecommendations: " + ", ".join(
        f"{who} {r.label if r else '-'}"
        for who, r in zip(found.interviewers, found.recommendations, strict=True)))
    mean = found.overall_mean
    click.echo(f"Overall mean: {mean:.2f}" if mean is not None else "Overall mean: -")
    click.echo(f"Split rows (2+ points apart): {len(found.splits)}")


# -- interview calibration ------------------------------------------------------------

@click.command()
@_interviewer_option("Who is asking: candidates you are still scoring are left out. "
                     "[default: your login name]")
@click.option("--profile", metavar="NAME",
              help="Whose self-grades to calibrate. [default: your login name]")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]),
              default="table", show_default=True, help="A table for people, JSON for scripts.")
@pass_workspace
def calibration(workspace: Workspace, interviewer: str | None, profile: str | None,
                output_format: str) -> None:
    """How graders compare: your self-grades against your interviewers' per
    competency (mean gap and weighted kappa), each interviewer's severity
    against the panel, and the questions graders most often split on.
    docs/calibration.md explains each figure."""
    import dataclasses

    workspace.use_profile(profile)
    with opened_store(workspace):
        found = workspace.panel().calibration(_viewer(interviewer))
    if output_format == "json":
        print_json({
            "self_grades": [dataclasses.asdict(c) for c in found.self_grades],
            "severity": [dataclasses.asdict(s) for s in found.severity],
            "disagreement": [{**dataclasses.asdict(d), "rate": d.rate}
                             for d in found.disagreement],
        })
        return
    click.echo("Self-grade calibration (gap: self minus interviewer; + is lenient)")
    if found.self_grades:
        print_table(("Competency", "Pairs", "Mean gap", "Kappa"),
                    [(c.competency, c.pairs, c.mean_gap, c.kappa) for c in found.self_grades])
    else:
        click.echo("  none yet: `interview run PLAN --candidate YOU --self-grade` with a peer")
    click.echo("\nInterviewer severity (against the rest of the panel; - is harsher)")
    if found.severity:
        print_table(("Interviewer", "Items", "Candidates", "Severity"),
                    [(s.interviewer, s.items, s.candidates, s.severity)
                     for s in found.severity])
    else:
        click.echo("  none yet: it needs two interviewers grading the same candidate")
    click.echo("\nQuestions graders split on (2+ points apart)")
    if found.disagreement:
        print_table(("Question", "Panels", "Split", "Rate"),
                    [(d.question_id, d.panels, d.split, d.rate) for d in found.disagreement])
    else:
        click.echo("  none yet")
