"""`interview practice`: straight to the first question of a session."""

from __future__ import annotations

from pathlib import Path

import click

from interview.cli.context import load_bank, load_plans, pass_workspace, require_writable
from interview.cli.filters import check_options
from interview.cli.output import fail
from interview.workspace import Workspace


@click.command()
@click.option("--role", help="Role, e.g. systems-developer.")
@click.option("--level", help="Level, e.g. senior-staff.")
@click.option("--competency", "competencies", multiple=True,
              help="A competency to focus on; repeat for several.")
@click.option("--kind", "kinds", multiple=True, help="A kind of question; repeat for several.")
@click.option("--count", type=click.IntRange(1, 1000), help="How many questions (default 5).")
@click.option("--minutes", type=click.IntRange(1, 24 * 60),
              help="Total minutes; questions are added while they fit.")
@click.option("--mode", type=click.Choice(["practice", "mock"]), default="practice",
              show_default=True, help="practice reschedules reviews; mock does not.")
@click.option("--plan", "plan_id", help="Run a plan from sessions/ instead of filters.")
@click.option("--profile", help="Whose practice this is (default: your login name).")
@click.option("--seed", type=int, help="Fix the question order (default: random).")
@click.option("--bank", "bank_dir", type=click.Path(path_type=Path, file_okay=False),
              help="Question bank directory (overrides the global --bank).")
@pass_workspace
def practice(workspace: Workspace, role: str | None, level: str | None,
             competencies: tuple[str, ...], kinds: tuple[str, ...], count: int | None,
             minutes: int | None, mode: str, plan_id: str | None, profile: str | None,
             seed: int | None, bank_dir: Path | None) -> None:
    """Start a timed session and go straight to its first question.

    Keys: type your answer; ctrl+s submits; on the rubric, 1-4 grade and move
    on; ctrl+q quits at any time (the session can be resumed from the home
    screen).
    """
    import random

    from interview.practice.domain import Mode, SessionFilters
    from interview.practice.selection import SelectionError
    from interview.practice.service import PracticeRequest
    from interview.tui.app import run_app

    if bank_dir is not None:
        workspace.bank_dir = bank_dir
    workspace.use_profile(profile)
    taxonomy = load_bank(workspace).taxonomy
    check_options(taxonomy, role=role, level=level, competency=competencies, kind=kinds)
    plan = None
    if plan_id is not None:
        if role or level or competencies or kinds or count or minutes:
            raise click.UsageError("--plan chooses the questions and timings itself; leave "
                                   "out --role, --level, --competency, --kind, --count and "
                                   "--minutes")
        load_plans(workspace)
        try:
            plan = workspace.plan(plan_id)
        except SelectionError as exc:
            raise click.BadParameter(str(exc), param_hint="--plan") from None
        role, level = plan.role, plan.level
    filters = SessionFilters(role=role, level=level, competencies=competencies, kinds=kinds,
                             count=count, minutes=minutes, plan_id=plan_id,
                             seed=seed if seed is not None else random.randrange(1 << 30))
    request = PracticeRequest(filters, Mode(mode), plan)
    try:
        # Better than an app that opens only to say so.
        workspace.check_selectable(request)
    except SelectionError as exc:
        fail(str(exc))
    require_writable(workspace, "practice")  # a read-only home: say so before the app opens
    run_app(workspace, start=request)
