"""Fixtures for driving the app with Pilot: a tiny bank full of markup-like
text, a plan, a temporary SQLite database and a fake clock."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from interview.practice.clock import FakeClock
from interview.practice.engine import PracticeRun
from interview.tui.app import InterviewApp
from interview.workspace import Workspace
from tests.tuibank import NASTY

__all__ = ["NASTY"]  # the tests import it from here

@pytest.fixture(autouse=True)
def utc_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app shows local times; pin the zone so snapshots are the same anywhere."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def workspace(tui_bank: Path, tui_plans: Path, tmp_path: Path, clock: FakeClock) -> Workspace:
    return Workspace(bank_dir=tui_bank, plans_dir=tui_plans,
                   database=f"sqlite:///{tmp_path / 'tui.db'}", profile="ada", clock=clock)


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    """Let workers finish: poll the UI until `condition` holds (bounded)."""
    for _ in range(200):
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError(f"timed out waiting for {what}; screen is {pilot.app.screen!r}")


def running(app: InterviewApp) -> PracticeRun:
    """The session on screen; fails the test if there is none."""
    assert app.current_run is not None, f"no session on screen; screen is {app.screen!r}"
    return app.current_run


def database_path(workspace: Workspace) -> str:
    """The SQLite file behind a test workspace."""
    assert workspace.database is not None and workspace.database.startswith("sqlite:///")
    return workspace.database.removeprefix("sqlite:///")


def screen_text(app: InterviewApp) -> str:
    """The characters on screen, read back from an SVG screenshot."""
    svg = app.export_screenshot()
    text = re.sub(r"<[^>]+>", "", svg)
    return html.unescape(text).replace("\xa0", " ")


def screen_name(app: InterviewApp) -> str:
    return type(app.screen).__name__


async def wait_for_screen(pilot: Pilot[None], name: str) -> None:
    """Wait until the screen class called `name` is showing."""
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == name, name)


async def wait_for_question(pilot: Pilot[None], app: InterviewApp, position: int = 0) -> None:
    """Wait until question `position` is on screen and its answer box has focus."""

    def ready() -> bool:
        run = app.current_run
        return (screen_name(app) == "PracticeScreen" and run is not None
                and run.position == position and app.focused is not None
                and app.focused.id == "answer")

    await wait_for(pilot, ready, f"question {position + 1} to be ready for typing")
