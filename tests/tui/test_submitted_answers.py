"""Submitted means stored: what was typed before ctrl+s, and the rubric after it,
survive quitting and a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual import events
from textual.widgets import TextArea

from interview.cli import cli
from interview.practice.domain import Outcome, SessionFilters
from interview.practice.service import PracticeRequest
from interview.store.repository import Store
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tui.conftest import running, wait_for, wait_for_question, wait_for_screen

ROOT = Path(__file__).resolve().parents[2]


async def test_keys_typed_just_before_submit_are_in_the_answer(workspace: Workspace) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=1, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        # As a paste or a fast typist delivers them: all queued before ctrl+s is handled.
        for character in "typed fast":
            app.post_message(events.Key("space" if character == " " else character,
                                        character))
        app.post_message(events.Key("ctrl+s", None))
        await wait_for_screen(pilot, "RubricScreen")
        assert running(app).text == "typed fast"


async def test_a_submitted_answer_and_its_ticks_survive_quitting_on_the_rubric(
    workspace: Workspace, tui_bank: Path, tui_plans: Path
) -> None:
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        await pilot.press(*"my submitted answer", "ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        session_id = running(app).session.id
        await pilot.press("a", "c")
        store = workspace.store()
        await wait_for(pilot, lambda: store.answers(session_id)[0].signals_hit == (0, 2),
                       "the ticks to be stored")
        await pilot.press("ctrl+q")

    [kept] = Store.open(workspace.database).answers(session_id)
    assert kept.awaiting_grade and kept.text == "my submitted answer"
    again = Workspace(bank_dir=tui_bank, plans_dir=tui_plans, database=workspace.database,
                      profile="ada", clock=workspace.clock)
    app = InterviewApp(again)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.home_info is not None, "the home screen")
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, "RubricScreen")  # back where it was left
        run = running(app)
        assert run.position == 0 and run.text == "my submitted answer"
        assert run.signals_hit == {0, 2}
        await pilot.press("4")
        await wait_for_question(pilot, app, 1)
    [graded] = Store.open(workspace.database).answers(session_id)
    assert graded.outcome is Outcome.GRADED and int(graded.grade or 0) == 4
    assert graded.signals_hit == (0, 2)


CHILD = """
import asyncio, sys
from pathlib import Path

from interview.practice.domain import SessionFilters
from interview.practice.service import PracticeRequest
from interview.tui.app import InterviewApp
from interview.workspace import Workspace

bank, database = Path(sys.argv[1]), sys.argv[2]


async def main() -> None:
    workspace = Workspace(bank_dir=bank, database=database, profile="ada")
    app = InterviewApp(workspace, start=PracticeRequest(SessionFilters(count=2, seed=1)))
    async with app.run_test(size=(80, 24)) as pilot:
        while app.focused is None or app.focused.id != "answer":  # ready for typing
            await pilot.pause(0.02)
        await pilot.press(*"written before the kill", "ctrl+s")
        while type(app.screen).__name__ != "RubricScreen":
            await pilot.pause(0)
        print("rubric", flush=True)  # the parent kills us on reading this
        await asyncio.sleep(60)


asyncio.run(main())
"""


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_right_after_submit_keeps_the_answer(tui_bank: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(tui_bank), url],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line == "rubric\n", child.stderr.read() if child.stderr else ""
        child.send_signal(signal.SIGKILL)  # no pause after the key: the rubric is up
    finally:
        child.kill()
        child.wait(timeout=30)
    shown = CliRunner().invoke(cli, ["--database", url, "history", "show", "1",
                                     "--format", "json"])
    assert shown.exit_code == 0, shown.output
    [answer] = json.loads(shown.stdout)["answers"]
    assert answer["text"] == "written before the kill"
    assert answer["grade"] is None and answer["outcome"] == "graded"


async def test_a_session_can_be_left_for_home_and_picked_up_again(
    workspace: Workspace,
) -> None:
    from interview.practice.domain import Mode

    request = PracticeRequest(SessionFilters(count=2, seed=1), Mode.MOCK)
    app = InterviewApp(workspace, start=request)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_question(pilot, app)
        assert str(app.screen.query_one("#meta").render()).startswith("Mock · 1/2 · ")
        await pilot.press(*"half", "ctrl+g")
        await wait_for_screen(pilot, "HomeScreen")
        assert app.current_run is None and app.is_running
        await wait_for(pilot, lambda: app.home_info is not None
                       and app.home_info.resumable is not None, "the banner")
        await pilot.press("ctrl+r")
        await wait_for_question(pilot, app)
        assert app.screen.query_one("#answer", TextArea).text == "half"
        await pilot.press(*" done", "ctrl+s")
        await wait_for_screen(pilot, "RubricScreen")
        assert str(app.screen.query_one("#outcome").render()).startswith("Mock · answered")
        await pilot.press("ctrl+g")
        await wait_for_screen(pilot, "HomeScreen")
        await wait_for(pilot, lambda: app.home_info is not None
                       and app.home_info.resumable is not None, "the banner")
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, "RubricScreen")
        assert running(app).text == "half done"
