"""The bank screen through Pilot: search as you type, filters, the preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Grade, SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.browse_bank import browse_workspace
from tests.tui.conftest import screen_text, wait_for, wait_for_screen


@pytest.fixture
def bank_workspace(tmp_path: Path, clock: FakeClock) -> Workspace:
    return browse_workspace(tmp_path, clock)


async def open_bank(pilot: Pilot[Any], app: InterviewApp) -> None:
    await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
    await pilot.press("ctrl+f")
    await wait_for_screen(pilot, "BrowseScreen")
    await wait_for(pilot, lambda: getattr(app.screen, "index", None) is not None, "the index")


def results(app: InterviewApp) -> list[str]:
    return [q.id for q in app.screen.shown]  # type: ignore[attr-defined]


async def test_a_misspelt_title_finds_the_question_and_says_why(
        bank_workspace: Workspace) -> None:
    app = InterviewApp(bank_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_bank(pilot, app)
        assert len(results(app)) == 3  # nothing typed: everything, by id
        await pilot.press(*"rate limter")
        await wait_for(pilot, lambda: results(app)[:1] == ["api-rate-limiter"], "the typo")
        await pilot.press("backspace", *"limiter")
        await pilot.pause()
        table = app.screen.query_one("#results", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "Designing a rate limiter for a public API", "api-design", "title"]
        await pilot.press("ctrl+u", *"quota")  # a tag and the prompt, not the title
        await wait_for(pilot, lambda: results(app)[:1] == ["api-rate-limiter"], "quota")
        assert str(table.get_row_at(0)[2]) == "tag, prompt"


async def test_filters_narrow_the_results(bank_workspace: Workspace) -> None:
    app = InterviewApp(bank_workspace)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_bank(pilot, app)
        app.screen.query_one("#level", Select).value = "staff"
        await wait_for(pilot, lambda: results(app) == ["api-rate-limiter", "mentor-new-lead"],
                       "the staff filter")
        app.screen.query_one("#kind", Select).value = "behavioral"
        await wait_for(pilot, lambda: results(app) == ["mentor-new-lead"], "and behavioral")
        app.screen.query_one("#query", Input).value = "rate limiter"
        await wait_for(pilot, lambda: results(app) == [], "nothing left")
        assert "nothing matches" in str(app.screen.query_one("#title", Static).render())


async def test_the_preview_shows_the_bar_for_the_chosen_level_and_your_history(
        bank_workspace: Workspace, clock: FakeClock) -> None:
    run = bank_workspace.start(PracticeRequest(SessionFilters(competencies=("api-design",),
                                                              count=1)))
    run.submit("token bucket")
    run.grade(Grade.YES)
    bank_workspace.close()
    app = InterviewApp(bank_workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_bank(pilot, app)
        app.screen.query_one("#level", Select).value = "staff"
        await pilot.pause()
        await wait_for(pilot, lambda: "answered 1 time(s); last grade 3 (yes)"
                       in screen_text(app), "your history of it")
        shown = screen_text(app)
        assert "The bar at staff" in shown
        assert "▶ staff: Plans the rollout across every team's clients." in shown
        assert shown.index("▶ staff") < shown.index("senior: Designs a limiter")
        assert "☐ Picks an algorithm and says why." in shown and "One global lock." in shown
        assert "1. Where does the counter live?" in shown
        assert "[@click=app.quit]quit[/]" in shown  # bank text stays literal
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen.maximized is not None, "the whole preview")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.maximized is None, "back to the list")
        assert app.focused is not None and app.focused.id == "results"
        await pilot.press("escape")
        await wait_for_screen(pilot, "HomeScreen")


def test_browse_opens_the_bank(bank_workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
                               tmp_path: Path) -> None:
    opened: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: opened.append(self))
    result = CliRunner().invoke(cli, ["--bank", str(tmp_path / "browse-bank"), "browse"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].first_screen == "bank"
    refused = CliRunner().invoke(cli, ["--bank", str(tmp_path / "no-such-bank"), "browse"])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert len(opened) == 1  # no app for a bank that cannot be read
