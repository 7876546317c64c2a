"""The plan editor through Pilot: build, check coverage, save, run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from interview.bank.locations import bundled_plans_dir
from interview.bank.plan_draft import DraftRound, PlanDraft
from interview.cli import cli
from interview.practice.clock import FakeClock
from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.browse_bank import browse_workspace
from tests.tui.conftest import screen_name, screen_text, wait_for, wait_for_screen


@pytest.fixture
def editing(tmp_path: Path, clock: FakeClock) -> Workspace:
    return browse_workspace(tmp_path, clock)


def editor_app(workspace: Workspace, draft: PlanDraft) -> InterviewApp:
    return InterviewApp(workspace, editing=draft)


def coverage(app: InterviewApp) -> str:
    """The coverage panel's text, before it is wrapped to the panel."""
    return str(app.screen.query_one("#coverage-text", Static).render())


async def ready(pilot: Pilot[Any], app: InterviewApp) -> None:
    await wait_for_screen(pilot, "PlanEditorScreen")
    await wait_for(pilot, lambda: getattr(app.screen, "bank", None) is not None, "the bank")


async def add_from_bank(pilot: Pilot[Any], app: InterviewApp, query: str) -> None:
    await pilot.press("ctrl+b")
    await wait_for_screen(pilot, "BrowseScreen")
    await wait_for(pilot, lambda: getattr(app.screen, "index", None) is not None, "the index")
    await pilot.press(*query)
    await pilot.press("down", "a")
    await pilot.press("escape")
    await wait_for_screen(pilot, "PlanEditorScreen")


async def test_a_two_round_plan_is_built_saved_checked_and_run(
        editing: Workspace, tmp_path: Path) -> None:
    app = editor_app(editing, PlanDraft("api-loop", "An API loop", "software-engineer",
                                        "senior"))
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        await add_from_bank(pilot, app, "rate limiter")
        await pilot.press("ctrl+n")  # round 2, its title field focused
        app.screen.query_one("#round-title", Input).value = "Debugging"
        app.screen.query_one("#round-minutes", Input).value = "30"
        await add_from_bank(pilot, app, "memory leak")
        await pilot.press("ctrl+s")
        saved = tmp_path / "browse-plans" / "api-loop.yaml"
        await wait_for(pilot, saved.exists, "the saved plan")
        assert "saved" in str(app.screen.query_one("#title", Static).render())
    text = saved.read_text()
    assert "- title: Debugging\n  minutes: 30\n  questions:\n  - dbg-memory-leak" in text
    checked = CliRunner().invoke(cli, ["--bank", str(tmp_path / "browse-bank"), "--plans",
                                       str(tmp_path / "browse-plans"), "plan", "check"])
    assert checked.exit_code == 0 and "ok: 1 valid plan(s)" in checked.output
    again = browse_workspace(tmp_path, FakeClock())
    plan = again.plan("api-loop")
    run = again.start(PracticeRequest(SessionFilters(plan_id=plan.id), plan=plan))
    assert [item.question_id for item in run.session.items] == ["api-rate-limiter",
                                                                "dbg-memory-leak"]
    again.close()


async def test_coverage_warnings_show_as_the_plan_changes(editing: Workspace) -> None:
    draft = PlanDraft("warned", "Warned", "software-engineer", "senior")
    app = editor_app(editing, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot, app)
        assert "⚠ round 1 (Round 1) has no questions yet" in coverage(app)
        await add_from_bank(pilot, app, "mentoring")  # staff only
        assert "⚠ mentor-new-lead is not offered at senior (only staff)" in coverage(app)
        assert "Warnings (1)" in coverage(app)
        app.screen.query_one("#round-minutes", Input).value = "10"
        await pilot.pause()
        assert "is over time: its questions take 25 min, the round has 10" in coverage(app)
        app.screen.query_one("#plan-level", Select).value = "staff"
        await pilot.pause()
        assert "not offered" not in coverage(app)
        assert "Warnings (1)" in screen_text(app)  # what is left: the round over time


async def test_leaving_with_unsaved_changes_asks_first(editing: Workspace) -> None:
    app = editor_app(editing, PlanDraft("unsaved", "Unsaved", "software-engineer", "senior"))
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await add_from_bank(pilot, app, "rate")
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("n")  # keep editing
        await wait_for_screen(pilot, "PlanEditorScreen")
        assert app.screen.draft.rounds[0].questions == ["api-rate-limiter"]  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmScreen")
        await pilot.press("y")
        await wait_for_screen(pilot, "HomeScreen")


def test_a_shipped_plan_is_edited_as_a_copy(monkeypatch: pytest.MonkeyPatch,
                                            interview_home: Path) -> None:
    opened: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: opened.append(self))
    shipped = bundled_plans_dir() / "software-engineer-senior-loop.yaml"
    before = shipped.read_text()
    result = CliRunner().invoke(cli, ["plan", "edit", "software-engineer-senior-loop"])
    assert result.exit_code == 0, result.output
    (app,) = opened
    draft = app._editing
    assert draft is not None and draft.id == "software-engineer-senior-loop-copy"
    assert "ships with interview, so this is a copy" in app._editing_note
    path = app.workspace.save_plan(draft)
    assert path == interview_home / "plans" / f"{draft.id}.yaml"  # yours, not sessions/
    assert shipped.read_text() == before
    assert any(p.id == draft.id for p in app.workspace.plans().plans)


def test_plan_new_refuses_a_bad_or_taken_id() -> None:
    bad = CliRunner().invoke(cli, ["plan", "new", "Not An Id"])
    assert bad.exit_code == 1 and "is not a plan id" in bad.stderr
    taken = CliRunner().invoke(cli, ["plan", "new", "debugging-drill"])
    assert taken.exit_code == 1 and "interview plan edit debugging-drill" in taken.stderr


async def test_the_bank_screen_starts_a_plan_with_the_highlighted_question(
        editing: Workspace) -> None:
    app = InterviewApp(editing, show="bank")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "index", None) is not None, "bank")
        await pilot.press(*"memory leak", "ctrl+n")
        await ready(pilot, app)
        draft = app.screen.draft  # type: ignore[attr-defined]
        assert draft.rounds[0].questions == ["dbg-memory-leak"] and draft.level == "senior"


async def test_the_editor_exports_the_kit_of_the_plan_as_it_stands(
        editing: Workspace, tmp_path: Path) -> None:
    draft = PlanDraft("kit-loop", "A kit loop", "software-engineer", "senior")
    draft.add_round("Design", 30)
    draft.add_question(0, "api-rate-limiter")
    target = tmp_path / "kit.html"
    app = editor_app(editing, draft)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        await pilot.press("ctrl+x")
        await wait_for_screen(pilot, "ExportScreen")
        app.screen.query_one("#path", Input).value = str(target)
        app.screen.query_one("#no-answers").toggle()  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_for(pilot, target.exists, "the kit")
    html = target.read_text()
    assert "Designing a rate limiter for a public API" in html
    assert "Picks an algorithm and says why." in html and "<script" not in html
    assert "Token bucket per key" not in html  # the outline was left out


async def test_your_own_plan_is_saved_back_without_asking(
        editing: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    saved = editing.save_plan(PlanDraft("mine", "Mine", "software-engineer", "senior",
                                        rounds=[DraftRound("One", 30, "",
                                                           ["api-rate-limiter"])]))
    opened: list[InterviewApp] = []
    monkeypatch.setattr(InterviewApp, "run", lambda self, **_: opened.append(self))
    result = CliRunner().invoke(cli, ["--bank", str(tmp_path / "browse-bank"), "--plans",
                                      str(saved.parent), "plan", "edit", "mine"])
    assert result.exit_code == 0, result.output
    (app,) = opened
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot, app)
        assert "· saved ·" in str(app.screen.query_one("#title", Static).render())
        app.screen.query_one("#round-minutes", Input).value = "40"
        await wait_for(pilot, lambda: app.screen.dirty, "the edit")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "minutes: 40" in saved.read_text(), "saved in place")
        assert screen_name(app) == "PlanEditorScreen"  # no question asked
