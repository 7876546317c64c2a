"""SVG snapshots of the key screens at 80x24 (pytest-textual-snapshot).

After an intended visual change: `pytest tests/tui/test_snapshots.py --snapshot-update`,
then look at the SVGs under tests/tui/__snapshots__/ before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interview.practice.clock import FakeClock
from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import wait_for, wait_for_question, wait_for_screen

Snap = Callable[..., bool]


def practice_app(workspace: Workspace) -> InterviewApp:
    return InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=5)))


async def at_question(pilot: Pilot[Any]) -> None:
    app: InterviewApp = pilot.app  # type: ignore[assignment]
    await wait_for_question(pilot, app)
    answer = app.screen.query_one("#answer", TextArea)
    answer.cursor_blink = False
    answer.insert("Bisect the deploy, then profile both builds with perf.")
    await pilot.press("ctrl+n")
    await pilot.pause(0.1)


async def at_rubric(pilot: Pilot[Any]) -> None:
    await at_question(pilot)
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, "RubricScreen")
    await pilot.press("a", "c")
    await pilot.pause(0.1)


async def at_summary(pilot: Pilot[Any]) -> None:
    await at_rubric(pilot)
    await pilot.press("3")
    app: InterviewApp = pilot.app  # type: ignore[assignment]
    await wait_for_question(pilot, app, 1)
    await pilot.press("ctrl+o", "n")
    await wait_for_screen(pilot, "SummaryScreen")
    await pilot.pause(0.1)


def test_home_screen(snap_compare: Snap, workspace: Workspace) -> None:
    async def loaded(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.focused is not None and app.focused.id == "role",
                       "the loaded home screen")
        await pilot.pause(0.1)

    assert snap_compare(InterviewApp(workspace), run_before=loaded, terminal_size=(80, 24))


def test_practice_screen(snap_compare: Snap, workspace: Workspace, clock: FakeClock) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_question, terminal_size=(80, 24))


def test_rubric_screen(snap_compare: Snap, workspace: Workspace) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_rubric, terminal_size=(80, 24))


def test_summary_screen(snap_compare: Snap, workspace: Workspace) -> None:
    assert snap_compare(practice_app(workspace), run_before=at_summary, terminal_size=(80, 24))


def test_discard_confirmation(snap_compare: Snap, workspace: Workspace, tui_bank: Path,
                              tui_plans: Path) -> None:
    workspace.start(PracticeRequest(SessionFilters(count=2, seed=5)))  # left interrupted
    workspace.close()
    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=workspace.clock)

    async def asked(pilot: Pilot[Any]) -> None:
        app: InterviewApp = pilot.app  # type: ignore[assignment]
        await wait_for(pilot, lambda: app.home_info is not None, "the loaded home screen")
        await pilot.click("#discard")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.pause(0.1)

    assert snap_compare(InterviewApp(again), run_before=asked, terminal_size=(80, 24))
