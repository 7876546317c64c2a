"""The app on one Workspace: the bank read once, a discard confirmed first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, OptionList

from interview.bank import loader
from interview.practice import selection
from interview.practice.clock import FakeClock
from interview.practice.domain import SessionFilters, Status
from interview.practice.service import PracticeRequest
from interview.store.repository import Store
from interview.tui.app import InterviewApp
from interview.tui.screens.confirm import ConfirmScreen
from interview.workspace import Workspace
from tests.tui.conftest import running, wait_for, wait_for_question, wait_for_screen
from tests.tui.test_flow import launched_app


async def test_practice_reads_the_bank_once_and_selects_once(
    monkeypatch: pytest.MonkeyPatch, tui_bank: Path, tmp_path: Path
) -> None:
    calls: list[str] = []
    real_load, real_select = loader.load_bank, selection.select_questions

    def load_bank(*args: Any, **kwargs: Any) -> Any:
        calls.append("load")
        return real_load(*args, **kwargs)

    def select_questions(*args: Any, **kwargs: Any) -> Any:
        calls.append("select")
        return real_select(*args, **kwargs)

    monkeypatch.setattr(loader, "load_bank", load_bank)
    # service.py calls the name it imported, so that is the one to count.
    monkeypatch.setattr("interview.practice.service.select_questions", select_questions)
    app = launched_app(monkeypatch, ["--database", f"sqlite:///{tmp_path / 'once.db'}",
                                     "practice", "--bank", str(tui_bank), "--count", "2"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        assert running(app).total == 2
    assert calls.count("load") == 1, "the CLI and the app each loaded the bank"
    assert calls.count("select") == 1, "the questions were chosen twice"


async def interrupted_home(workspace: Workspace) -> int:
    """Leave an interrupted session in the workspace's database; its id."""
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        session_id = running(app).session.id
        await pilot.press("ctrl+q")
    return session_id


def status(workspace: Workspace, session_id: int) -> Status:
    with Store.open(workspace.database) as store:
        session = store.get_session(session_id)
    assert session is not None
    return session.status


async def test_discard_asks_first_and_keeps_the_session_unless_confirmed(
    workspace: Workspace, tui_bank: Path, tui_plans: Path
) -> None:
    session_id = await interrupted_home(workspace)
    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=workspace.clock)
    app = InterviewApp(again)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        await pilot.pause(0.1)
        await pilot.click("#discard")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert app.focused is app.screen.query_one("#cancel", Button)  # enter keeps it
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")
        assert status(again, session_id) is Status.IN_PROGRESS

        await pilot.click("#discard")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("enter")  # on "Keep it"
        await wait_for_screen(pilot, "HomeScreen")
        assert status(again, session_id) is Status.IN_PROGRESS

        await pilot.click("#discard")
        await wait_for_screen(pilot, "ConfirmScreen")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#confirm")
        banner = app.screen.query_one("#resume-banner")
        await wait_for(pilot, lambda: not banner.display, "the banner to go")
        assert status(again, session_id) is Status.ABANDONED
        assert any("discarded" in n.message for n in app._notifications)


async def test_a_budget_the_bank_cannot_fill_is_said_on_the_first_question(
    monkeypatch: pytest.MonkeyPatch, tui_bank: Path, tmp_path: Path
) -> None:
    app = launched_app(monkeypatch, ["--database", f"sqlite:///{tmp_path / 'fill.db'}",
                                     "practice", "--bank", str(tui_bank), "--minutes", "45"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        assert running(app).total == 3  # the whole bank: three 10-minute questions
        await wait_for(pilot, lambda: any(
            n.message == "45 minutes asked; 3 questions fit, 30 minutes."
            for n in app._notifications), "the note")


async def test_every_interrupted_session_can_be_resumed_or_discarded(
    workspace: Workspace, clock: FakeClock, tui_bank: Path, tui_plans: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("interview.tui.screens.practice.DRAFT_EVERY_SECONDS", 0.05)
    ids: list[int] = []
    store = workspace.store()

    def time_saved() -> bool:
        drafts = store.drafts(ids[-1])
        return 0 in drafts and drafts[0].seconds_used >= 15

    for _ in range(3):  # quit three sessions part-way, each after 15 s of thinking
        app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for_question(pilot, app)
            ids.append(running(app).session.id)
            clock.advance(15)
            await wait_for(pilot, time_saved, "the time to be saved")
            await pilot.press("ctrl+q")
        clock.advance(60)
    listed = workspace.store().list_sessions("ada")
    assert [s.id for s in listed] == ids[::-1]
    assert all(s.seconds_used == pytest.approx(15) for s in listed)  # not 0:00

    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=clock)
    app = InterviewApp(again)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "InterruptedScreen")
        listing = app.screen.query_one("#sessions", OptionList)
        assert listing.option_count == 3
        assert "0/2 answered · 0:15 used" in str(listing.get_option_at_index(2).prompt)
        await pilot.press("down", "down", "d")  # the oldest
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.home_info is not None
                       and len(app.home_info.interrupted) == 2, "the list to shrink")
        assert status(again, ids[0]) is Status.ABANDONED
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "InterruptedScreen")
        await pilot.press("down", "enter")  # the middle one
        await wait_for_question(pilot, app)
        assert running(app).session.id == ids[1]
