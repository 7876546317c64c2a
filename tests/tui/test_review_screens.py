"""The reviewer's screens through Pilot: history, one session, trends, readiness."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, OptionList, Select, Static
from textual_plotext import PlotextPlot

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Mode
from interview.store.repository import Store
from interview.tui.app import InterviewApp
from interview.workspace import HISTORY_PAGE, Workspace
from tests.tui.conftest import running, screen_text, wait_for, wait_for_screen
from tests.tui.review_seed import review_workspace, seed_history, write_review_bank


@pytest.fixture
def seeded(tmp_path: Path, clock: FakeClock) -> Workspace:
    seed_history(review_workspace(tmp_path, clock), clock)
    return review_workspace(tmp_path, clock)


def table_rows(app: InterviewApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(value) for value in table.get_row_at(index)] for index in range(table.row_count)]


async def open_history(pilot: object, app: InterviewApp) -> None:
    await wait_for(pilot, lambda: app.home_info is not None, "the home screen")  # type: ignore[arg-type]
    await pilot.press("ctrl+y")  # type: ignore[attr-defined]
    await wait_for_screen(pilot, "HistoryScreen")  # type: ignore[arg-type]
    await wait_for(pilot, lambda: getattr(app.screen, "page", None) is not None,  # type: ignore[arg-type]
                   "the first page")


async def test_history_lists_every_mode_and_filters_narrow_it(seeded: Workspace) -> None:
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        rows = table_rows(app, "#sessions")
        assert len(rows) == 6
        assert [row[1] for row in rows] == ["practice", "practice", "interviewer", "practice",
                                            "mock", "practice"]  # newest first
        assert "sessions 1–6 of 6" in str(app.screen.query_one("#title", Static).render())

        app.screen.query_one("#mode", Select).value = Mode.MOCK
        await wait_for(pilot, lambda: len(table_rows(app, "#sessions")) == 1, "the mock filter")
        app.screen.query_one("#mode", Select).clear()
        app.screen.query_one("#competency", Select).value = "networking"
        await wait_for(pilot, lambda: len(table_rows(app, "#sessions")) == 2, "networking")
        assert all("networking" in row[2] for row in table_rows(app, "#sessions"))

        since = app.screen.query_one("#since", Input)
        since.focus()
        await pilot.press(*"2099-01-01")
        await wait_for(pilot, lambda: not table_rows(app, "#sessions"), "a future date range")
        assert "No session matches these filters." in screen_text(app)


async def test_a_bad_date_says_how_to_write_one(seeded: Workspace) -> None:
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        app.screen.query_one("#until", Input).focus()
        await pilot.press(*"2026-13-01")
        await wait_for(pilot, lambda: any("YYYY-MM-DD" in n.message for n in app._notifications),
                       "the date hint")
        assert len(table_rows(app, "#sessions")) == 6  # the list is left as it was


async def test_an_answer_shows_the_question_as_it_was_shown(seeded: Workspace,
                                                            tmp_path: Path) -> None:
    write_review_bank(tmp_path / "review-bank", prompt="A REWRITTEN PROMPT")
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")  # the newest session
        await wait_for_screen(pilot, "SessionScreen")
        await wait_for(pilot, lambda: app.screen.query_one("#answers", OptionList).option_count
                       == 2, "its answers")
        shown = screen_text(app)
        assert "What do you look at first?" in shown and "REWRITTEN" not in shown
        assert "answer 5 with [b]markup[/b] [@click=app.quit]quit[/]" in shown
        assert "☑ ticked  Bisects the change set." in shown
        assert "☐ missed  Uses a profiler." in shown
        assert "grade 4 strong yes" in shown and "hints used 0" in shown


async def test_practise_again_starts_that_question(seeded: Workspace) -> None:
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await pilot.press("enter")
        await wait_for_screen(pilot, "SessionScreen")
        await wait_for(pilot, lambda: app.screen.query_one("#answers", OptionList).option_count
                       == 2, "its answers")
        listing = app.screen.query_one("#answers", OptionList)
        screen = app.screen
        wanted = screen.answers[1].answer.question_id  # type: ignore[attr-defined]
        listing.highlighted = 1
        await pilot.press("p")
        await wait_for_screen(pilot, "PracticeScreen")
        run = running(app)
        assert [item.question_id for item in run.session.items] == [wanted]
        assert run.session.filters.level == "senior"


async def test_history_pages_through_without_loading_everything(
        tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("interview.workspace.HISTORY_COUNTED", HISTORY_PAGE + 3)
    workspace = review_workspace(tmp_path, clock)
    workspace.close()
    with Store.open(workspace.database) as store:
        from interview.practice.domain import PlannedQuestion, SessionFilters

        for _ in range(HISTORY_PAGE + 7):
            store.start_session("ada", Mode.PRACTICE, SessionFilters(),
                                [PlannedQuestion("dbg-1", "debugging-diagnostics", 600)], [],
                                clock.now())
            clock.advance(60)
    app = InterviewApp(review_workspace(tmp_path, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        assert len(table_rows(app, "#sessions")) == HISTORY_PAGE
        title = str(app.screen.query_one("#title", Static).render())
        assert f"sessions 1–{HISTORY_PAGE} of {HISTORY_PAGE + 3}+" in title  # counted so far
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: len(table_rows(app, "#sessions")) == 7, "page two")
        title = str(app.screen.query_one("#title", Static).render())
        assert f"sessions {HISTORY_PAGE + 1}–{HISTORY_PAGE + 7} of {HISTORY_PAGE + 7}" in title
        await pilot.press("right_square_bracket")
        await wait_for(pilot, lambda: any("last page" in n.message for n in app._notifications),
                       "the end")
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: len(table_rows(app, "#sessions")) == HISTORY_PAGE,
                       "page one again")


async def test_trends_chart_a_competency_with_six_grades(seeded: Workspace) -> None:
    app = InterviewApp(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_history(pilot, app)
        await pilot.press("ctrl+t")
        await wait_for_screen(pilot, "TrendsScreen")
        await wait_for(pilot, lambda: getattr(app.screen, "info", None) is not None, "trends")
        rows = table_rows(app, "#trends")
        assert [row[0] for row in rows] == ["networking", "debugging-diagnostics"]  # weakest first
        debugging = rows[1]
        assert debugging[1] == "▃▃▃▅▅█▅" and debugging[2] == "7/7"
        table = app.screen.query_one("#trends", DataTable)
        table.move_cursor(row=1)
        await pilot.pause()
        assert app.screen.query_one("#chart", PlotextPlot).display
        assert "debugging-diagnostics: grade by answer" in screen_text(app)
        assert "6-day streak" in str(app.screen.query_one("#title", Static).render())
        table.move_cursor(row=0)
        await pilot.pause()
        assert app.screen.query_one("#chart", PlotextPlot).display  # networking has two grades


async def test_readiness_names_the_weakest_competencies(seeded: Workspace) -> None:
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, "ReadinessScreen")
        await wait_for(pilot, lambda: getattr(app.screen, "info", None) is not None, "readiness")
        assert "systems-developer at senior" in str(app.screen.query_one("#title",
                                                                          Static).render())
        assert str(app.screen.query_one("#next", Static).render()) == (
            "Practise next: security, networking, debugging-diagnostics")
        assert table_rows(app, "#readiness")[0][:2] == ["security", "no evidence"]
        await pilot.press("s")
        await wait_for_screen(pilot, "PracticeScreen")
        assert set(running(app).session.filters.competencies) == {
            "security", "networking", "debugging-diagnostics"}


def test_review_opens_the_history_and_refuses_an_unknown_profile(
        seeded: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: opened.append(self))
    args = ["--database", str(seeded.database), "--bank", str(tmp_path / "review-bank"),
            "review"]
    result = CliRunner().invoke(cli, [*args, "--profile", "ada"])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].first_screen == "history"
    unknown = CliRunner().invoke(cli, [*args, "--profile", "nobody"])
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().splitlines() == [
        "interview: error: no profile named 'nobody'; known profiles: ada"]


async def test_the_history_screen_exports_the_report(seeded: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "shared" / "report.html"
    target.parent.mkdir()
    app = InterviewApp(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_history(pilot, app)
        for attempt in ("first", "again"):
            await pilot.press("ctrl+x")
            await wait_for_screen(pilot, "ExportScreen")
            app.screen.query_one("#path", Input).value = str(target)
            await pilot.press("enter")
            if attempt == "again":  # it exists now: asked first, kept unless confirmed
                await wait_for_screen(pilot, "ConfirmScreen")
                target.write_text("mine")
                await pilot.press("n")
                await wait_for_screen(pilot, "HistoryScreen")
                assert target.read_text() == "mine"
                await pilot.press("ctrl+x")
                await wait_for_screen(pilot, "ExportScreen")
                app.screen.query_one("#path", Input).value = str(target)
                await pilot.press("enter")
                await wait_for_screen(pilot, "ConfirmScreen")
                await pilot.press("y")
            await wait_for(pilot, lambda: any("Wrote the report" in n.message
                                              for n in app._notifications), "the report")
            app.clear_notifications()
    html = target.read_text()
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html
    assert "[@click=app.quit]quit[/]" in html  # bank text, shown as written


async def test_the_export_dialog_ticks_without_colour_and_leaves_answers_out(
        seeded: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "answers.csv"
    app = InterviewApp(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await pilot.press("ctrl+x")
        await wait_for_screen(pilot, "ExportScreen")
        assert "✓▌ Leave out" not in screen_text(app)
        app.screen.query_one("#format", Select).value = "csv"
        await pilot.pause()
        assert app.screen.query_one("#path", Input).value.endswith(".csv")  # follows the format
        app.screen.query_one("#no-answers").toggle()  # type: ignore[attr-defined]
        await pilot.pause()
        assert "▐✓▌ Leave out the answer text" in screen_text(app)
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.click("#export")
        await wait_for(pilot, target.exists, "the CSV")
    rows = target.read_text().splitlines()
    assert len(rows) == 1 + 9 and "answer 5 with" not in target.read_text()
