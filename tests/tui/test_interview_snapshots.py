"""SVG snapshots of the interviewer's screens at 80x24 and 120x40: a question
mid-interview, the closing form and the debrief.

After an intended visual change: `pytest tests/tui/test_interview_snapshots.py
--snapshot-update`, then look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from interview.practice.clock import FakeClock
from interview.practice.domain import Grade
from interview.practice.interview_run import InterviewRun
from interview.practice.interviewing import Recommendation
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import wait_for, wait_for_screen

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]


def _interview(workspace: Workspace, interviewer: str = "ines") -> InterviewRun:
    return workspace.panel().start("tui-loop", "Cam [b]Doe[/b]", interviewer)


async def _settled(pilot: Pilot[Any], screen: str) -> None:
    await wait_for_screen(pilot, screen)
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_interviewer_screen(snap_compare: Snap, workspace: Workspace, clock: FakeClock,
                            size: tuple[int, int]) -> None:
    run = _interview(workspace)
    clock.advance(75)
    run.add_note("Starts from the deploy diff [red]not[/red] the dashboards")
    run.toggle_signal(0)
    run.toggle_red_flag(0)
    run.give_hint()

    async def shown(pilot: Pilot[Any]) -> None:
        await _settled(pilot, "InterviewerScreen")

    assert snap_compare(InterviewApp(workspace, interview=run), terminal_size=size,
                        run_before=shown)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_interview_closing_form(snap_compare: Snap, workspace: Workspace,
                                size: tuple[int, int]) -> None:
    run = _interview(workspace)
    run.grade(Grade.YES)
    run.grade(None)
    run.set_closing(ratings={"debugging-diagnostics": Grade.YES},
                    recommendation=Recommendation.YES,
                    takeaways="Methodical; proved the cause before fixing it.")

    async def shown(pilot: Pilot[Any]) -> None:
        await _settled(pilot, "InterviewEndScreen")

    assert snap_compare(InterviewApp(workspace, interview=run), terminal_size=size,
                        run_before=shown)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_debrief_screen(snap_compare: Snap, workspace: Workspace,
                        size: tuple[int, int]) -> None:
    for interviewer, grades, decision in (("ines", (4, 3), Recommendation.STRONG_YES),
                                          ("omar", (2, 3), Recommendation.NO)):
        run = _interview(workspace, interviewer)
        for grade in grades:
            run.grade(Grade(grade))
        run.set_closing(ratings={"debugging-diagnostics": Grade(grades[0])},
                        recommendation=decision)
        run.submit()
    debrief = workspace.panel().debrief("Cam [b]Doe[/b]", "ines")

    async def shown(pilot: Pilot[Any]) -> None:
        await _settled(pilot, "DebriefScreen")
        questions = pilot.app.screen.query_one("#questions", DataTable)
        await wait_for(pilot, lambda: questions.row_count == 2, "the rows")

    assert snap_compare(InterviewApp(workspace, debrief=debrief), terminal_size=size,
                        run_before=shown)
