"""The whole practice flow through Pilot, checked on screen and in the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Button, Static, TextArea

from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import Grade, Outcome, SessionFilters, Status
from interview.practice.service import PracticeRequest
from interview.store.repository import Store
from interview.tui.app import InterviewApp
from interview.tui.widgets.countdown import CountdownDisplay
from interview.workspace import Workspace
from tests.tui.conftest import (
    NASTY,
    database_path,
    running,
    screen_name,
    screen_text,
    wait_for,
    wait_for_question,
    wait_for_screen,
)


def launched_app(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> InterviewApp:
    """Run the real CLI command, keeping the app it would have run."""
    apps: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: apps.append(self))
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert len(apps) == 1
    return apps[0]


async def test_practice_from_cli_options_to_summary_records_the_answer(
    monkeypatch: pytest.MonkeyPatch, tui_bank: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    app = launched_app(monkeypatch, ["--database", url, "practice", "--bank", str(tui_bank),
                                     "--count", "2", "--seed", "4", "--profile", "ada",
                                     "--level", "senior"])
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)  # typing goes straight to the answer box
        answer_box = app.screen.query_one("#answer", TextArea)
        await pilot.press(*"look at perf")
        answer_box.insert(f" {NASTY}")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await pilot.press("pagedown", "pageup", "down")  # scrolling must not tick anything
        await pilot.press("a", "c", "b", "b")  # tick a and c; b ticked then unticked
        await pilot.press("3")
        await wait_for_question(pilot, app, 1)
        await pilot.press("ctrl+o", "n")
        await wait_for_screen(pilot, "SummaryScreen")
        session_id = app.screen.session.id  # type: ignore[attr-defined]

    with Store.open(url) as store:
        answers = store.answers(session_id)
        session = store.get_session(session_id)
    assert session is not None and session.status is Status.COMPLETED
    assert session.profile == "ada" and session.filters.level == "senior"
    first, second = answers
    assert first.text == f"look at perf {NASTY}"
    assert first.grade is Grade.YES and first.signals_hit == (0, 2)
    assert second.outcome is Outcome.SKIPPED and second.grade is None


async def test_expiry_is_announced_and_the_answer_stays_open(workspace: Workspace,
                                                             clock: FakeClock) -> None:
    request = PracticeRequest(SessionFilters(count=1, seed=1))
    app = InterviewApp(workspace, start=request)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        question_clock = app.screen.query_one("#question-clock", CountdownDisplay)
        clock.advance(10 * 60 - 60)
        await wait_for(pilot, lambda: question_clock.has_class("warning"), "the warning")
        clock.advance(61)
        await wait_for(pilot, lambda: question_clock.has_class("expired"), "expiry")
        await wait_for(pilot, lambda: any("Time is up" in n.message
                                          for n in app._notifications), "the announcement")
        assert screen_name(app) == "PracticeScreen"  # not thrown out
        await pilot.press(*"late")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        assert "(over time)" in str(app.screen.query_one("#outcome").render())


async def test_pause_stops_the_clock_and_blocks_typing(workspace: Workspace,
                                                       clock: FakeClock) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press("ctrl+b")
        clock.advance(300)
        assert running(app).countdown.elapsed == 0
        assert app.screen.query_one("#answer", TextArea).disabled
        await pilot.press("ctrl+b")
        assert not app.screen.query_one("#answer", TextArea).disabled


async def test_an_interrupted_session_is_resumed_with_its_draft(
    workspace: Workspace, tui_bank: Path, tui_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interview.tui.screens.practice.DRAFT_EVERY_SECONDS", 0.05)
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=3, seed=2)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"first", "ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await pilot.press("4")
        await wait_for_question(pilot, app, 1)
        await pilot.press(*"half written")
        store = workspace.store()
        session_id = running(app).session.id
        await wait_for(pilot, lambda: 1 in store.drafts(session_id), "the draft to be saved")
        await pilot.press("ctrl+q")

    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                    profile="ada", clock=workspace.clock)
    app = InterviewApp(again)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        assert app.screen.query_one("#resume-banner").display
        await pilot.press("ctrl+r")
        await wait_for_question(pilot, app, 1)
        assert app.screen.query_one("#answer", TextArea).text == "half written"


async def test_home_shortcuts_count_due_and_weak_questions(workspace: Workspace,
                                                           clock: FakeClock) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1, seed=3)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"x", "ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        await pilot.press("1")
        await wait_for_screen(pilot, "SummaryScreen")
        clock.advance(3 * 24 * 3600)  # past the review date a "strong no" earns
        await pilot.press("h")
        await wait_for_screen(pilot, "HomeScreen")
        due = app.screen.query_one("#due", Button)
        await wait_for(pilot, lambda: "(1)" in str(due.label), "the due count")
        weakest = app.screen.query_one("#weakest", Button)
        assert str(weakest.label) == "Weakest: 3 questions"
        names = app.screen.query_one("#weakest-names", Static)
        assert str(names.render()) == "debugging-diagnostics 1.0"
        await pilot.press("ctrl+d")
        await wait_for_question(pilot, app)
        assert running(app).total == 1


async def test_a_plan_starts_from_the_home_screen(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        app.screen.query_one("#plans").focus()  # before the form has finished mounting
        await pilot.pause(0.2)
        assert app.focused is app.screen.query_one("#plans")  # focus is not stolen
        await pilot.press("down", "enter")
        await wait_for_question(pilot, app)
        run = running(app)
        assert run.session.filters.plan_id == "tui-loop"
        assert [i.question_id for i in run.session.items] == ["tui-q1", "tui-q2"]
        assert run.item.round_title == "Debugging"


async def test_a_database_from_a_newer_version_is_reported_on_the_home_screen(
    workspace: Workspace,
) -> None:
    import sqlite3

    Store.open(workspace.database).close()
    path = database_path(workspace)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from-the-future'")
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        loading = app.screen.query_one("#loading", Static)
        await wait_for(pilot, lambda: loading.has_class("error"), "the error")
        assert "newer version" in str(loading.render())
        assert app.is_running


async def test_a_locked_database_at_grading_loses_nothing_and_can_be_retried(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    monkeypatch.setattr("interview.store.db.BUSY_TIMEOUT_MS", 100)
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"precious answer", "ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        holder = sqlite3.connect(database_path(workspace), timeout=0)
        holder.execute("BEGIN IMMEDIATE")  # another process is writing
        try:
            await pilot.press("3")
            await wait_for(pilot, lambda: any("locked" in n.message
                                              for n in app._notifications), "the error")
            assert screen_name(app) == "RubricScreen"  # still there, grade not lost
        finally:
            holder.rollback()
            holder.close()
        await pilot.press("3")
        await wait_for_question(pilot, app, 1)
        session_id = running(app).session.id
    with Store.open(workspace.database) as store:
        [answer] = store.answers(session_id)
    assert answer.text == "precious answer" and answer.grade is Grade.YES


async def test_resizing_mid_answer_keeps_the_state(workspace: Workspace) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"half an answer", "ctrl+n")
        for size in ((120, 40), (60, 20), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause(0.05)
        assert screen_name(app) == "PracticeScreen" and running(app).position == 0
        assert app.screen.query_one("#answer", TextArea).text == "half an answer"
        assert len(running(app).hints) == 1
        assert app.focused is app.screen.query_one("#answer", TextArea)


async def test_the_command_palette_lists_the_apps_commands(workspace: Workspace) -> None:
    app = InterviewApp(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in ("Practise what is due", "Practise weakest competencies", "Home",
                      "Toggle light and dark theme"):
            assert title in commands, f"palette lacks {title!r}"
        dark = app.current_theme.dark
        commands["Toggle light and dark theme"].callback()
        assert app.current_theme.dark is not dark
        await pilot.press("ctrl+t")
        assert app.current_theme.dark is dark


async def test_quitting_keeps_the_last_seconds_of_typing(workspace: Workspace) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"typed just now")  # well inside the 3 s autosave interval
        session_id = running(app).session.id
        await pilot.press("ctrl+q")
    with Store.open(workspace.database) as store:
        assert store.drafts(session_id)[0].text == "typed just now"


def test_practice_with_nothing_matching_fails_before_opening_the_app(
    monkeypatch: pytest.MonkeyPatch, tui_bank: Path
) -> None:
    opened: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: opened.append(self))
    result = CliRunner().invoke(cli, ["practice", "--bank", str(tui_bank), "--level",
                                      "principal"])
    assert result.exit_code == 1 and opened == []
    assert result.output.strip() == ("interview: error: no principal questions; "
                                     "3 at senior, 3 at staff")


def test_practice_refuses_a_plan_combined_with_filters(tui_bank: Path, tui_plans: Path) -> None:
    result = CliRunner().invoke(cli, ["--plans", str(tui_plans), "practice", "--bank",
                                      str(tui_bank), "--plan", "tui-loop", "--count", "3"])
    assert result.exit_code == 2
    assert "--plan chooses the questions and timings itself" in result.output


LONG_HINTS = ["Work out how many spans per second the edge produces before choosing any "
              "sampling rate, then check what the backend budget buys at that rate ENDONE",
              "Follow one request through a Kafka topic: where does its trace context live "
              "while the message waits, and who puts it back on the consumer side ENDTWO"]


async def test_long_hints_wrap_whole_at_80x24(tmp_path: Path, clock: FakeClock) -> None:
    bank = tmp_path / "hints-bank"
    bank.mkdir()
    hints = "".join(f"\n      - \"{hint}\"" for hint in LONG_HINTS)
    (bank / "q.yaml").write_text(
        "competency: observability-incident-response\nquestions:\n  - id: hinted\n"
        "    title: Tracing adoption\n    kind: design\n    roles: [software-engineer]\n"
        "    levels: [senior]\n    minutes: 30\n    prompt: Design tracing for 150 services.\n"
        f"    hints:{hints}\n    rubric:\n      signals: [Estimates volume first.]\n")
    workspace = Workspace(bank_dir=bank, database=f"sqlite:///{tmp_path / 'h.db'}",
                          profile="ada", clock=clock)
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        shown = app.screen.query_one("#hints", Static)
        assert shown.size.height >= 4, "each hint wraps onto the lines it needs"
        assert shown.region.right <= 80
        on_screen = screen_text(app)
        assert "ENDONE" in on_screen and "ENDTWO" in on_screen, "no hint is cut short"
        assert app.focused is not None and app.focused.id == "answer"
